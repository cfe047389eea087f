"""The worker's life cycle: time limits that kill it (and a new one when the next large document
needs it), closing (twice, mid-batch, at exit, never), and a worker whose parent dies. No process
may be left behind. Converters made with ``in_process_below=0`` send every document to the worker,
however small (the test hook that makes the worker hang only exists there)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from html_samples import SEED_MESSAGE, typical_mail
from worker_helpers import (
    children,
    cpu_ticks,
    eventually,
    gone,
    reaped,
    until,
    wait_channel,
    wait_channels_shown,
)

from omnitui.render.html import (
    NOTE_TIMEOUT,
    BodyLine,
    RenderedBody,
    render_body,
)
from omnitui.render.html_worker import ConverterClosedError, HtmlConverter
from omnitui.render.html_worker_process import HANG_ENV

SEED_BODY = RenderedBody(lines=(BodyLine("HTML email content", ((0, 4, "bold"),)),))


@pytest.fixture(autouse=True)
def no_process_left() -> object:
    yield
    assert children() == []


async def test_hang_on_a_large_document_kills_the_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = "<p>hang</p>" + "x" * 30_000  # large: converted in the worker, with a time limit
    monkeypatch.setenv(HANG_ENV, token)
    conv = HtmlConverter(timeout=0.3)
    try:
        await conv.start()
        first_pid = conv.worker_pid
        assert first_pid is not None
        start = time.perf_counter()
        results = await conv.render_many(["<p>before</p>", token, "<p>after</p>"])
        elapsed = time.perf_counter() - start
        assert [r.lines[0].text for r in (results[0], results[2])] == ["before", "after"]
        assert results[1].note == NOTE_TIMEOUT
        assert results[1].lines[0].text.startswith("hang")
        assert reaped(first_pid)
        assert conv.worker_pid is None  # small documents need none
        assert elapsed < 5, elapsed
        large = "<p>large</p>" + "y" * 30_000
        assert await conv.render_many([large]) == [render_body(large)]
        assert conv.worker_starts == 2
    finally:
        conv.close()
    assert children() == []


async def test_each_document_in_the_worker_has_its_own_time_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = "<p>tiny hang</p>"
    monkeypatch.setenv(HANG_ENV, token)
    conv = HtmlConverter(timeout=0.3, in_process_below=0)
    try:
        contents = ["<p>a</p>", "<p>b</p>", token, "<p>c</p>"]
        results = await conv.render_many(contents)
        assert [r.note for r in results] == [None, None, NOTE_TIMEOUT, None]
        assert [r.lines[0].text for r in results] == ["a", "b", "tiny hang", "c"]
        assert await conv.render_many(["<p>still works</p>"]) == [render_body("<p>still works</p>")]
    finally:
        conv.close()
    assert children() == []


async def test_close_is_idempotent_and_leaves_no_process() -> None:
    conv = HtmlConverter()
    conv.close()  # before any use
    conv.close()
    with pytest.raises(ConverterClosedError):
        await conv.render_many(["x"])

    conv = HtmlConverter(in_process_below=0)
    assert await conv.render_many([SEED_MESSAGE]) == [SEED_BODY]
    pid = conv.worker_pid
    assert pid is not None
    await conv.aclose()
    conv.close()
    assert conv.closed
    assert reaped(pid)
    assert children() == []
    with pytest.raises(ConverterClosedError):
        await conv.render_many(["x"])


async def test_close_while_converting_fails_the_pending_calls() -> None:
    conv = HtmlConverter(in_process_below=0)
    await conv.start()
    pid = conv.worker_pid
    assert pid is not None
    idle = cpu_ticks(pid)
    busy = asyncio.create_task(conv.render_many([typical_mail(i) for i in range(3000)]))
    queued = asyncio.create_task(conv.render_many(["<p>queued</p>"]))
    await until(lambda: cpu_ticks(pid) > idle, "the worker to start on the batch")
    await conv.aclose()
    for task in (busy, queued):
        with pytest.raises(ConverterClosedError):
            await task
    assert reaped(pid)
    assert children() == []


async def test_the_worker_is_the_one_process_started_and_gone_after_close() -> None:
    """No resource tracker or other helper process next to it (each agent pays for its RSS)."""
    conv = HtmlConverter(in_process_below=0)
    try:
        assert await conv.render_many([SEED_MESSAGE]) == [SEED_BODY]
        assert children() == [conv.worker_pid]
    finally:
        conv.close()
    assert children() == []


SCRIPT = textwrap.dedent(
    """
    import asyncio, os, sys, time
    from omnitui.render.html_worker import HtmlConverter

    async def main():
        conv = HtmlConverter(timeout=60, in_process_below=0)
        await conv.start()
        print(conv.worker_pid, flush=True)
        if sys.argv[1] == "hang":
            asyncio.get_running_loop().create_task(conv.render_many([os.environ["{env}"]]))
            await asyncio.sleep(60)
        # "exit": leave without close(); the finaliser must clean up

    if __name__ == "__main__":
        asyncio.run(main())
    """
).replace("{env}", HANG_ENV)


def _run_script(mode: str, tmp_path: Path) -> subprocess.Popen[str]:
    script = tmp_path / "use_converter.py"
    script.write_text(SCRIPT)
    env = {**os.environ, HANG_ENV: "<p>hang forever</p>"}
    return subprocess.Popen(
        [sys.executable, str(script), mode],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=str(tmp_path),
    )


def test_exit_without_close_leaves_no_worker(tmp_path: Path) -> None:
    proc = _run_script("exit", tmp_path)
    assert proc.stdout is not None
    pid = int(proc.stdout.readline())
    assert proc.wait(timeout=30) == 0
    assert gone(pid)


def test_worker_exits_when_its_parent_is_killed_mid_hang(tmp_path: Path) -> None:
    proc = _run_script("hang", tmp_path)
    assert proc.stdout is not None
    pid = int(proc.stdout.readline())
    if wait_channels_shown():
        eventually(lambda: "nanosleep" in wait_channel(pid), "the worker to hang")
    else:  # the kernel does not say where the worker waits: give the document time to arrive
        time.sleep(0.3)
    proc.kill()
    proc.wait(timeout=10)
    assert gone(pid), "orphaned worker still running"
