"""The Omnidesk API v2. Never imports Textual.

``client`` (the calls) over ``transport`` (how a call travels) and ``answers`` (what an answer
means); ``requests`` (what is sent) and ``models`` (what comes back) over ``wire`` (the tolerant
field types); ``errors`` and ``json_pieces`` below them all.

Nothing is imported here on purpose: the TUI imports the submodules it needs when it needs them,
so the first frame does not wait for httpx and pydantic.
"""
