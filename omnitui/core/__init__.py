"""The leaves every layer may use: sanitising text, the clock, paths, private files, ticket numbers.

Nothing here imports another part of omnitui.
"""
