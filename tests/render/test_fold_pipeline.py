"""The whole mail corpus through the app's own render path, as the ticket screen runs it.

Each mail becomes a timeline entry of one ticket; the timeline model decides plain text or
HTML, plain text is rendered in-process and HTML by the worker process, and the entry is laid
out as the agent sees it. A mail folds correctly when exactly its reply lines stay visible,
its history is behind one fold line, and nothing else folds. The share is printed and kept in
the README (test_the_readme_states_the_measured_share).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from mail_corpus_files import load_corpus, load_html_corpus

from omnitui.api.models import Ticket, TimelineEntry
from omnitui.render.html import render_body
from omnitui.render.html_worker import HtmlConverter
from omnitui.render.quotes import is_quote_line
from omnitui.render.timeline import QUOTE_BAR, Line
from omnitui.render.timeline_model import TimelineModel

WIDTH = 2000  # nothing wraps: one laid-out line per line of the mail
README = Path(__file__).parents[2] / "README.md"
_LINK_NUMBER = re.compile(r"\s\[\d{1,4}\]")
_QUOTE_MARKS = re.compile(r"^\s?(?:>\s?)+")


@dataclass
class Case:
    ident: str
    content: str
    visible: list[str]
    folded: list[str]


def norm(text: str) -> str:
    """Compare text as the agent reads it: no link numbers, single spaces."""
    return " ".join(_LINK_NUMBER.sub("", text).split())


def dequote(line: str) -> str:
    return _QUOTE_MARKS.sub("", line) if is_quote_line(line) else line


def cases() -> list[Case]:
    result = []
    for mail in load_corpus():
        start = len(mail.lines) if mail.start is None else mail.start
        visible = [dequote(line) for line in mail.lines[:start]]
        folded = [dequote(line) for line in mail.lines[start:]]
        if mail.split_at is not None:
            line = mail.lines[start]
            visible.append(line[: mail.split_at])
            folded[0] = line[mail.split_at :]
        content = "\n".join(mail.lines)
        result.append(Case(mail.ident, content, keep(visible), keep(folded)))
    for html in load_html_corpus():
        result.append(Case(html.ident, html.html, keep(html.visible), keep(html.folded)))
    return result


def keep(lines: list[str]) -> list[str]:
    return [norm(line) for line in lines if norm(line)]


def entries(contents: list[str]) -> list[TimelineEntry]:
    raw: list[dict[str, Any]] = [
        {
            "id": str(n),
            "type": "message",
            "direction": "inbound",
            "content": content,
            "created_at": f"2024-01-01 00:{n // 60 % 60:02d}:{n % 60:02d}",
        }
        for n, content in enumerate(contents)
    ]
    return Ticket.model_validate({"id": 1, "timeline": raw}).timeline


def shown(lines: tuple[Line, ...]) -> tuple[list[str], list[str]]:
    """The body lines of a laid-out entry (header, links and the end left out), and its folds."""
    texts: list[str] = []
    folds: list[str] = []
    for line in lines[1:]:
        segments = [(text, roles) for text, roles in line if "gutter" not in roles]
        if not segments:
            continue
        roles = segments[0][1]
        text = "".join(text for text, _ in segments)
        if "fold" in roles:
            folds.append(text)
        elif ("body" in roles or "quote" in roles) and norm(text.removeprefix(QUOTE_BAR)):
            texts.append(norm(text.removeprefix(QUOTE_BAR)))
    return texts, folds


async def lay_out_all(contents: list[str]) -> tuple[TimelineModel, list[Any]]:
    """What the ticket screen does: plain text at once, HTML through the worker process."""
    model = TimelineModel()
    model.set_entries(entries(contents), plain_body=render_body, width=WIDTH)
    with HtmlConverter(timeout=30) as converter:
        while batch := model.wanted_bodies(range(model.shown_count), limit=1000):
            bodies = await converter.render_many([model.entries[i].content for i in batch])
            model.set_bodies(dict(zip(batch, bodies, strict=True)))
    return model, [model._body(i) for i in range(len(contents))]


@pytest.fixture(scope="module")
def measured() -> tuple[list[Case], list[tuple[list[str], list[str], list[str]]]]:
    all_cases = cases()
    model, _ = asyncio.run(lay_out_all([case.content for case in all_cases]))
    results = []
    for position in range(len(all_cases)):
        texts, folds = shown(model.layout(position).lines)
        model.toggle_quotes([position], preferred=position)
        opened, _ = shown(model.layout(position).lines)
        results.append((texts, folds, opened))
    return all_cases, results


def test_the_corpus_folds_correctly_through_the_app_and_never_hides_a_reply_line(
    measured: tuple[list[Case], list[tuple[list[str], list[str], list[str]]]],
) -> None:
    all_cases, results = measured
    assert len(all_cases) >= 300
    right = 0
    hidden: list[str] = []
    wrong: list[str] = []
    for case, (texts, folds, opened) in zip(all_cases, results, strict=True):
        folded = opened[len(texts) :] if folds else []
        if texts == case.visible and len(folds) == bool(case.folded) and folded == case.folded:
            right += 1
            continue
        missing = [line for line in case.visible if line not in texts]
        report = f"{case.ident}: shown {texts}, folded {folded}"
        (hidden if missing else wrong).append(report + (f", hidden {missing}" if missing else ""))
    share = right / len(all_cases)
    print(f"\nfold pipeline: {right}/{len(all_cases)} folded correctly ({share:.1%})")
    for report in hidden + wrong:
        print("  ", report)
    assert not hidden, "reply lines hidden:\n" + "\n".join(hidden)
    assert share >= 0.95


def test_the_readme_states_the_measured_share(
    measured: tuple[list[Case], list[tuple[list[str], list[str], list[str]]]],
) -> None:
    all_cases, results = measured
    right = sum(
        texts == case.visible
        and len(folds) == bool(case.folded)
        and (opened[len(texts) :] if folds else []) == case.folded
        for case, (texts, folds, opened) in zip(all_cases, results, strict=True)
    )
    share = f"{right / len(all_cases):.0%}"
    expected = f"{share} of the {len(all_cases)} mails of the test corpus"
    assert expected in " ".join(README.read_text(encoding="utf-8").split()), expected
