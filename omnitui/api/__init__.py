"""The Omnidesk API v2: ``models``, ``errors`` and the ``client``. Never imports Textual.

Nothing is imported here on purpose: the TUI imports the submodules it needs when it needs them,
so the first frame does not wait for httpx and pydantic.
"""
