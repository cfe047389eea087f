"""The leaves every layer may use: sanitising text, the clock, paths, private files, ticket numbers,
and the markup primitives the HTML converter and the sandbox share.

Nothing here imports another part of omnitui.
"""
