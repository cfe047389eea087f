"""``omnitui doctor``: check an account read-only and say, line by line, what will work.

It sits between the TUI and settings/storage/runtime (pyproject ``[tool.importlinter]``): it reads
the settings, talks to the account through :class:`~omnitui.api.client.OmnideskClient`, and never
imports Textual, so it runs where the full-screen app cannot and its output can be pasted as is.
"""
