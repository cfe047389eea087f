"""Measure the HTML renderer: ``.venv/bin/python tests/render/bench_html.py``.

Not a test (pytest does not collect it). Prints milliseconds per typical mail, MB/s on a 1 MB mail,
worker start-up, and 5,000-body batches through the converter (small mails in its thread, as the
app does, and everything in the worker process) with the longest event-loop stall. The figures of
stock html2text are printed when it happens to be installed (omnitui does not use it).
"""

from __future__ import annotations

import asyncio
import importlib.util
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from html_samples import big_mail, gmail_reply, typical_mail

from omnitui.render.html import render_body
from omnitui.render.html_worker import HtmlConverter


def per_call(func: object, arg: str, repeat: int) -> float:
    """Median seconds per call over ``repeat`` calls, after a warm-up."""
    assert callable(func)
    for _ in range(10):
        func(arg)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(arg)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def stock_html2text(html: str) -> str:
    import html2text  # type: ignore[import-not-found]

    h = html2text.HTML2Text(bodywidth=0)
    h.inline_links = True
    h.protect_links = True
    h.wrap_links = False
    h.images_to_alt = True
    h.mark_code = False
    h.unicode_snob = True
    return h.handle(html)


STOCK = importlib.util.find_spec("html2text") is not None


def ticket(count: int) -> list[str]:
    """A long ticket: Outlook replies, Gmail replies and plain notes, like the sandbox's."""
    out: list[str] = []
    for i in range(count):
        kind = i % 3
        if kind == 0:
            out.append(typical_mail(i))
        elif kind == 1:
            out.append(gmail_reply(i))
        else:
            out.append(f"Called the customer ({i}).\nWill check tomorrow.\n> earlier note")
    return out


async def longest_stall(stop: asyncio.Event) -> float:
    """The longest time the event loop could not run a 1 ms timer, until ``stop`` is set."""
    longest = 0.0
    last = time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(0.001)
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    return longest


async def worker_numbers() -> None:
    converter = HtmlConverter(in_process_below=0)
    start = time.perf_counter()
    await converter.start()
    print(f"worker start-up (spawn + imports):  {(time.perf_counter() - start) * 1000:7.0f} ms")
    in_thread = HtmlConverter()
    history = "\n".join(">" if i % 2 else "b:" for i in range(240_000))
    plain = f"Thanks.\n\nOn 1 Mar 2011, J <j@x.nl> wrote:\n{history}"
    for label, contents in (
        ("5,000-entry ticket (mixed, 7.8 MB)", ticket(5000)),
        ("5,000 small bodies", [f"<p>Reply {i}: <b>done</b></p>" for i in range(5000)]),
        ("0.9 MB plain text, 240,000 lines", [plain]),
    ):
        size = sum(len(c) for c in contents) / 1e6
        local_start = time.perf_counter()
        for content in contents:
            render_body(content)
        local = time.perf_counter() - local_start
        print(f"{label:36s} {size:5.2f} MB, in-process {local:6.2f} s")
        for where, conv in (("thread/worker", in_thread), ("all in worker", converter)):
            stop = asyncio.Event()
            task = asyncio.create_task(longest_stall(stop))
            start = time.perf_counter()
            results = await conv.render_many(contents)
            elapsed = time.perf_counter() - start
            stop.set()
            longest = await task
            assert len(results) == len(contents)
            print(
                f"  {where:34s} {elapsed:6.2f} s, longest loop stall {longest * 1000:5.1f} ms"
                f" (worker started: {conv.worker_starts > 0})"
            )
    converter.close()
    in_thread.close()


def main() -> None:
    mail = typical_mail()
    five_kb = typical_mail() + gmail_reply()
    print(f"typical Outlook mail ({len(mail) / 1000:.1f} kB): ", end="")
    print(f"{per_call(render_body, mail, 300) * 1000:6.2f} ms  ", end="")
    print(
        f"(stock html2text: {per_call(stock_html2text, mail, 100) * 1000:6.2f} ms)" if STOCK else ""
    )
    print(f"5 kB mail ({len(five_kb) / 1000:.1f} kB):              ", end="")
    print(f"{per_call(render_body, five_kb, 300) * 1000:6.2f} ms")
    print(f"Gmail reply ({len(gmail_reply()) / 1000:.1f} kB):            ", end="")
    print(f"{per_call(render_body, gmail_reply(), 300) * 1000:6.2f} ms")
    note = "Called the customer.\nWill check tomorrow.\n> earlier note"
    print(f"plain note:                         {per_call(render_body, note, 300) * 1000:6.3f} ms")

    big = big_mail(1_000_000)
    seconds = min(per_call(render_body, big, 3) for _ in range(2))
    stock = f" (stock html2text {len(big) / per_call(stock_html2text, big, 1) / 1e6:.2f} MB/s)"
    print(
        f"1 MB realistic mail ({len(big) / 1e6:.2f} MB):      {seconds * 1000:6.0f} ms = "
        f"{len(big) / seconds / 1e6:.2f} MB/s{stock if STOCK else ''}"
    )
    nested = "<ul><li>" * 6000 + "x"
    print(f"6,000 nested <ul><li> (fallback):   {per_call(render_body, nested, 3) * 1000:6.0f} ms")
    asyncio.run(worker_numbers())


if __name__ == "__main__":
    main()
