"""The sandbox's data: SQLite storage and the deterministic demo database it is seeded with.

``store`` keeps tickets, timelines and customers as the JSON documents the API sends, built by
``documents`` from the fixed world of ``catalog``. ``seed`` fills a new database: the seed's
documented ticket, demo ``customers``, ordinary and long tickets (``demo``, laid out by
``timeline``, with realistic ``mail``), and the ``hostile`` tickets made of the strings in
``corpus``. Phrase lists, names and templates are data files under ``files/`` (``mail.toml``,
``demo.toml``), read by ``mail`` and ``vocabulary``.
"""
