"""The sandbox's data: SQLite storage and the deterministic demo database it is seeded with.

``store`` keeps tickets, timelines and customers as the JSON documents the API sends, built by
``documents`` from the fixed world of ``catalog``. ``seed`` fills a new database: the seed's
documented ticket, ordinary tickets with realistic mail (``demo``, ``mail``), long tickets, and
the hostile tickets of ``hostile`` made from the strings of ``corpus``. Phrase lists and
templates are data files under ``files/``.
"""
