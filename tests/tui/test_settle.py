"""The tests' own wait for the app's workers: it ends however they end, and never hangs."""

from __future__ import annotations

import asyncio

import pytest
from textual import work
from textual.app import App
from textual.worker import WorkerState

from .conftest import settle


class Workers(App[None]):
    """Three workers: one that finishes, one that is cancelled, one that fails."""

    @work(group="done")
    async def finishes(self) -> None:
        await asyncio.sleep(0.05)

    @work(group="waits", exit_on_error=False)
    async def waits(self) -> None:
        await asyncio.Event().wait()

    @work(group="fails", exit_on_error=False)
    async def fails(self) -> None:
        raise RuntimeError("the app shows this, not the test")


async def test_cancelled_and_failed_workers_have_ended_too() -> None:
    app = Workers()
    async with app.run_test() as pilot:
        waiting = app.waits()
        await pilot.pause()
        done, failing = app.finishes(), app.fails()
        waiting.cancel()  # as an exclusive worker is when a newer one starts
        await settle(pilot)
        assert [w.state for w in (done, waiting, failing)] == [
            WorkerState.SUCCESS,
            WorkerState.CANCELLED,
            WorkerState.ERROR,
        ]


async def test_a_worker_that_never_ends_fails_the_wait_by_name() -> None:
    app = Workers()
    async with app.run_test() as pilot:
        app.waits()
        with pytest.raises(AssertionError, match=r"still busy after 0\.3 s: waits"):
            await settle(pilot, timeout=0.3)
        app.workers.cancel_all()
