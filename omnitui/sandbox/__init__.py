"""A local Omnidesk: the API v2 calls over HTTP, SQLite storage, demo data and faults.

It backs ``omnitui --demo``, the end-to-end tests and the benchmarks, so the same client code
runs against it and against a real account. It never imports Textual.

Typical use in a test::

    with SandboxServer(tmp_path / "sandbox.db", api_key="k") as sandbox:
        sandbox.faults.add("429", retry_after=2)
        httpx.get(f"{sandbox.url}/api/v2/ticket/858462", headers={"apiKey": "k"})
        assert sandbox.requests.all()[-1].header("apiKey") == "k"
"""

from omnitui.sandbox.data.catalog import DEMO_AGENT_EMAIL, DEMO_AGENT_ID
from omnitui.sandbox.data.seed import (
    LONG_TICKETS,
    ORDINARY_TICKETS,
    SEED_TICKET,
    SHOWCASE_TICKETS,
    open_database,
    seed_database,
)
from omnitui.sandbox.server.command import add_arguments, main, run_from_args
from omnitui.sandbox.server.faults import FAULT_KINDS, Fault, FaultInjector
from omnitui.sandbox.server.requestlog import RecordedRequest, RequestLog
from omnitui.sandbox.server.runner import SandboxServer, run

__all__ = [
    "DEMO_AGENT_EMAIL",
    "DEMO_AGENT_ID",
    "FAULT_KINDS",
    "LONG_TICKETS",
    "ORDINARY_TICKETS",
    "SEED_TICKET",
    "SHOWCASE_TICKETS",
    "Fault",
    "FaultInjector",
    "RecordedRequest",
    "RequestLog",
    "SandboxServer",
    "add_arguments",
    "main",
    "open_database",
    "run",
    "run_from_args",
    "seed_database",
]
