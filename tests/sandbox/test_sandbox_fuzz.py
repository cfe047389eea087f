"""Whatever a client sends, the sandbox answers with JSON and never with a 5xx."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omnitui.sandbox import SandboxServer

FIELD_NAMES = st.sampled_from(
    ["ticketID", "type", "message", "toAddress", "ccInput", "userID", "submitStatus", "sendAt",
     "title", "status", "externalPrimaryID", "ticketIDs[]", "ticketIDs[0]", "brandID",
     "channelID", "direction", "assignedGroupID", "formID", "itemStart", "itemLimit", "query",
     "applyView", "getTicketHistory", "assignedUserID", "priority", "tags", "tags[]",
     "respondMessageID", "activeOnly", "extended"]
)  # fmt: skip
SAMPLES = ["0", "1", "solved", "closed", "open", "calllog", "858462", "a@b.nl", "high", "10002",
           "4", "302", "4006062"]  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.sampled_from(SAMPLES),
)
PATHS = st.sampled_from(
    ["/api/v2/ticket", "/api/v2/ticket/858462", "/api/v2/ticket/setstatus", "/api/v2/message",
     "/api/v2/ticket/%00", "/api/v2/ticket/1e3", "/api/v2/ticket/setPriority",
     "/api/v2/ticket/100302", "/api/v2/view", "/api/v2/view/301", "/api/v2/user",
     "/api/v2/file/1", "/api/v2/file/x"]
)  # fmt: skip
METHODS = st.sampled_from(["GET", "POST", "PUT"])
ENCODINGS = st.sampled_from(["urlencoded", "multipart", "json", "raw"])


@pytest.fixture(scope="module")
def fuzz_server(
    template_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SandboxServer]:
    path = tmp_path_factory.mktemp("sandbox-fuzz") / "sandbox.db"
    shutil.copyfile(template_db, path)
    with SandboxServer(path, api_key="fuzz") as server:
        yield server


@pytest.fixture(scope="module")
def fuzz_client(fuzz_server: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=fuzz_server.url, headers={"apiKey": "fuzz"}, timeout=30) as client:
        yield client


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    method=METHODS,
    path=PATHS,
    encoding=ENCODINGS,
    pairs=st.lists(st.tuples(FIELD_NAMES, VALUES), max_size=6),
    raw=st.binary(max_size=64),
)
def test_no_input_causes_a_server_error(
    fuzz_client: httpx.Client,
    method: str,
    path: str,
    encoding: str,
    pairs: list[tuple[str, str]],
    raw: bytes,
) -> None:
    headers: dict[str, str] = {}
    request: dict[str, object] = {}
    if method == "GET":
        request["params"] = pairs
    elif encoding == "urlencoded":
        form: dict[str, list[str]] = {}
        for name, value in pairs:
            form.setdefault(name, []).append(value)
        request["data"] = form
    elif encoding == "multipart":
        request["files"] = [(name, (None, value)) for name, value in pairs]
    elif encoding == "json":
        request["json"] = dict(pairs)
    else:
        request["content"] = raw
        headers["content-type"] = "application/x-www-form-urlencoded"

    response = fuzz_client.request(method, path, headers=headers, **request)  # type: ignore[arg-type]

    assert response.status_code < 500, response.text
    body = response.json()
    assert "type" in body or body.get("status") == "error"
