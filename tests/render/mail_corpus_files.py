"""Reading the mail corpus (tests/render/mail_corpus, written by build_mail_corpus.py).

Plain-text mails (``mail_corpus/*.txt``) give their lines and where the history starts; HTML
mails (``mail_corpus/html/*.txt``) give their markup and the lines that must stay visible and
must fold, as the converter writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "mail_corpus"
FOLD = "=== fold ==="
NO_FOLD = "=== no fold ==="
MARK = "⟦fold⟧"
VISIBLE = "=== visible ==="
FOLDED = "=== folded ==="


@dataclass
class Mail:
    ident: str
    client: str
    lang: str
    lines: list[str]
    start: int | None  # expected first folded line, None: nothing folds
    split_at: int | None


@dataclass
class HtmlMail:
    ident: str
    client: str
    lang: str
    html: str
    visible: list[str]
    folded: list[str]


def _chunks(path: Path) -> list[tuple[str, str, str, list[str]]]:
    result = []
    for chunk in path.read_text(encoding="utf-8").split("\n### "):
        head, _, body = chunk.removeprefix("### ").partition("\n")
        ident, client, lang = (part.strip() for part in head.split("|"))
        result.append((f"{path.name}:{ident}", client, lang, body.rstrip("\n").split("\n")))
    return result


def load_corpus() -> list[Mail]:
    mails: list[Mail] = []
    for path in sorted(CORPUS.glob("*.txt")):
        for ident, client, lang, raw in _chunks(path):
            start = split = None
            lines: list[str] = []
            if raw and raw[0] == NO_FOLD:
                raw = raw[1:]
            for line in raw:
                if line == FOLD:
                    start = len(lines)
                    continue
                if MARK in line:
                    split = line.index(MARK)
                    line = line.replace(MARK, "")
                lines.append(line)
            mails.append(Mail(ident, client, lang, lines, start, split))
    return mails


def load_html_corpus() -> list[HtmlMail]:
    mails: list[HtmlMail] = []
    for path in sorted((CORPUS / "html").glob("*.txt")):
        for ident, client, lang, raw in _chunks(path):
            at_visible, at_folded = raw.index(VISIBLE), raw.index(FOLDED)
            html = "\n".join(raw[:at_visible])
            visible, folded = raw[at_visible + 1 : at_folded], raw[at_folded + 1 :]
            mails.append(HtmlMail(ident, client, lang, html, visible, folded))
    return mails
