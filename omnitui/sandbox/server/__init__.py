"""The sandbox's HTTP server: Omnidesk's routes behind a gate (api key, request log, faults).

``app`` assembles the Starlette app from ``routes``; ``tickets`` applies the API's rules to the
store; ``runner`` serves it with uvicorn (a background thread or the foreground); ``command`` is
the ``omnitui sandbox`` and ``python -m omnitui.sandbox`` command line.
"""
