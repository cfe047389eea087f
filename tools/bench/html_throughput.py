"""HTML conversion speed on the sandbox corpus: the big ticket's mail, converted in-process.

Single thread, no worker: what one core of this machine converts per second (input megabytes of
HTML per second of CPU), through omnitui's whole pipeline (converter, links, quotes, sanitising).
"""

from __future__ import annotations

import json
import time

from omnitui.api.models import Ticket
from omnitui.render.html import looks_like_html, render_body
from tools.bench.common import Stat


def corpus(body: bytes) -> list[str]:
    ticket = Ticket.model_validate(json.loads(body)["item"])
    return [e.content for e in ticket.timeline if e.content and looks_like_html(e.content)]


def measure(body: bytes, runs: int) -> dict[str, object]:
    documents = corpus(body)
    size = sum(len(d.encode("utf-8")) for d in documents)
    speeds: list[float] = []
    for _ in range(runs):
        started = time.process_time()
        for document in documents:
            render_body(document)
        speeds.append(size / 1e6 / (time.process_time() - started))
    return {
        "html_mb_per_s": Stat.of(speeds),
        "html_corpus_documents": len(documents),
        "html_corpus_mb": round(size / 1e6, 2),
    }
