"""Where the quoted history of an e-mail reply starts.

Pure functions over the lines of a message as plain text (what the HTML converter outputs, or a
plain-text mail split on newlines); standard library only. :func:`find_history` returns the
index of the first line of the earlier thread below the reply — or None — plus who wrote it and
when, for the fold line. A fold always runs from that line to the end of the message.

Recognised, in this order per line from the top:

* separators: "-----Original Message-----" and its translations, Zoho's "---- On … wrote ----";
* attribution lines ("On … wrote:", "Op … schreef …:", "… 写道：", …) possibly wrapped over up
  to three lines and possibly after the last words of the reply on the same line (then
  :attr:`History.split_at` is the offset in that line where the attribution starts) — followed
  either by unquoted history, or by ``>``-quoted lines with no reply text after them;
* header blocks (From/Sent/To/Subject or Date, in any order and many languages, bold or not),
  with the Outlook rule ("_____") above them taken along;
* a trailing run of ``>``-quoted lines with no reply text after it (inline answers between
  quoted lines stay visible).

The HTML converter may also say where a mail client's own markup puts the history
(``div.gmail_quote``, ``div.yahoo_quoted``, Outlook's ``#divRplyFwdMsg``, …): those lines come in
as *hints*, and a hint folds from its line unless nothing of the reply is above it, a forward
starts there, or answers follow quoted lines below it (an inline reply).

A forwarded message ("---------- Forwarded message ---------", "Begin forwarded message:") is
content, also when it is quoted (Apple Mail forwards inside a blockquote): nothing from its
marker on is folded. The patterns live in tables of :class:`Pattern`
(name, regex, the real-looking example it came from) so they are easy to extend.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from omnitui.render.quote_patterns import (
    _CANDIDATE,
    _DATE,
    _EMAIL_ONLY,
    _HEADER_LINE,
    _KIND_OF,
    _MAX_ATTRIBUTION,
    _NAME_EMAIL,
    _NAME_WROTE,
    _NOT_A_QUOTE,
    _QUOTE,
    _QUOTE_MARKS,
    _RULE,
    ATTRIBUTIONS,
    FORWARDS,
    HEADER_KEYS,
    SEPARATORS,
    Pattern,
)

__all__ = [
    "ATTRIBUTIONS",
    "FORWARDS",
    "HEADER_KEYS",
    "SEPARATORS",
    "History",
    "Pattern",
    "find_history",
    "is_quote_line",
]


_LINK_NUMBER = re.compile(r"\s\[\d{1,4}\]")
_COLONS = (":", "：")
_DIGIT_OR_AT = re.compile(r"\d|@")  # every attribution has a date, a time or an address
_MAX_SPLITS = 8  # sentence ends tried as the start of a same-line attribution
_SOME_HEADER = re.compile(
    r"^\s*\*{0,2}[^\W\d_][^\W\d_]{0,20}\s?\*{0,2}\s?[:：]\s?\*{0,2}\s*(\S.{0,120}?)\s*$"
)
# Every separator starts with one of these (checked before the ten patterns are tried).
_SEPARATOR_STARTS = frozenset("-_=*#pP")
# The forward patterns as one search per line.
_FORWARD_ANY = re.compile("|".join(f"(?:{p.regex.pattern})" for p in FORWARDS), re.IGNORECASE)


@dataclass(frozen=True)
class History:
    """Quoted history from line ``start`` to the end of the message.

    ``split_at``: when the attribution begins after the reply's last words on line ``start``,
    the character offset in that line where it begins (the text before it is reply); else None.
    ``author`` and ``date`` are as written in the attribution or header block, or None.
    ``rule`` names the pattern that found it.
    """

    start: int
    author: str | None = None
    date: str | None = None
    split_at: int | None = None
    rule: str = ""

    def describe(self) -> str:
        """A short text for the fold line: "Jane Doe wrote on 1 Mar 2011"."""
        if self.author and self.date:
            return f"{self.author} wrote on {self.date}"
        if self.author:
            return f"{self.author} wrote"
        if self.date:
            return f"Earlier message of {self.date}"
        return "Earlier messages"


def is_quote_line(line: str) -> bool:
    """Whether ``line`` is a ``>``-quoted line (">>> http://example.com <<<" is not)."""
    # The common cases without a regex: most lines do not start with ">" or " >".
    if line[:1] != ">" and not (line[1:2] == ">" and line[:1].isspace()):
        return False
    return bool(_QUOTE.match(line)) and not _NOT_A_QUOTE.match(line)


def find_history(lines: Sequence[str], hints: Mapping[int, bool] | None = None) -> History | None:
    """The quoted history of a message given as its lines, or None when all must stay visible.

    History never starts at the first line without a reply before it (a message that is only a
    quote stays visible), and nothing at or after a forward marker folds. ``hints`` maps a line
    to whether the markup that marks history there needs a header block below it to count
    (Outlook's rule) or not (``div.gmail_quote`` and the like).
    """
    count = len(lines)
    quoted = [is_quote_line(line) for line in lines]
    follows = _history_follows(lines, quoted)
    colon = [line.rstrip().endswith(_COLONS) for line in lines]
    marks = sorted(hints) if hints else []
    interleaved: list[bool] = []  # computed when a hint is first tried
    next_mark = 0
    seen_text = False
    for index in range(count):
        line = lines[index]
        if not line.strip():
            continue
        mark = None
        while next_mark < len(marks) and marks[next_mark] <= index:
            mark = marks[next_mark]
            next_mark += 1
        if quoted[index]:
            # Every forward marker has a dash or a colon; Apple Mail's may be quoted.
            if ("-" in line or ":" in line) and _FORWARD_ANY.search(_dequote(line)):
                return None
            if mark is not None and hints is not None:
                interleaved = interleaved or _interleaved(lines, quoted)
                found = _marked_at(lines, quoted, index, hints[mark], seen_text, interleaved)
                if found is not None:
                    return found
            seen_text = True
            continue
        if ("-" in line or ":" in line) and _FORWARD_ANY.search(line):
            return None
        found = _attribution_at(lines, quoted, follows, colon, index, seen_text)
        if found is None and seen_text:
            found = _separator_at(lines, index) or _header_block_at(lines, quoted, index)
        if found is None and mark is not None and hints is not None:
            interleaved = interleaved or _interleaved(lines, quoted)
            found = _marked_at(lines, quoted, index, hints[mark], seen_text, interleaved)
        if found is not None:
            return found
        seen_text = True
    return _trailing_quote(lines, quoted)


def _dequote(line: str) -> str:
    return _QUOTE_MARKS.sub("", line, count=1)


def _interleaved(lines: Sequence[str], quoted: list[bool]) -> list[bool]:
    """Per index: whether some quoted line from there on has unquoted text after it, i.e. the
    history a hint points at holds answers (an inline reply). Computed once, from the end."""
    result = [False] * len(lines)
    unquoted_later = False
    inline = False
    for index in range(len(lines) - 1, -1, -1):
        if quoted[index]:
            inline = inline or unquoted_later
        elif lines[index].strip():
            unquoted_later = True
        result[index] = inline
    return result


def _marked_at(
    lines: Sequence[str],
    quoted: list[bool],
    index: int,
    needs_headers: bool,
    seen_text: bool,
    interleaved: list[bool],
) -> History | None:
    """History where the mail's markup says it starts, if the lines agree (see the module)."""
    if not seen_text:
        return None
    if needs_headers:
        probe = index
        while probe < len(lines) and (not lines[probe].strip() or _RULE.match(lines[probe])):
            probe += 1
        if probe >= len(lines) or probe - index > 3:
            return None
        match = _HEADER_LINE.match(lines[probe])
        if match is None or _KIND_OF[match.group(1).casefold()] not in ("from", "date"):
            return None
        author, date = _from_headers(_header_values(lines, probe))
        return History(index, author, date, None, "html-headers")
    if interleaved[index]:
        return None
    author = date = None
    joined = ""
    for probe in range(index, min(index + 3, len(lines))):
        joined = f"{joined} {_dequote(lines[probe]).strip()}".strip()
        if len(joined) > _MAX_ATTRIBUTION:
            break
        if joined.endswith((":", "：")):
            author, date = _who_and_when(joined)
            break
    if author is None and date is None:
        probe = index
        while probe < min(index + 3, len(lines)) and (
            not lines[probe].strip() or _RULE.match(lines[probe])
        ):
            probe += 1
        author, date = _from_headers(_header_values(lines, probe))
        if author is None and probe < len(lines):
            # Headers in a language the tables lack ("Dari: Jane"): the first one names the sender.
            first = _SOME_HEADER.match(lines[probe])
            author = _clean_name(first.group(1)) if first else None
    return History(index, author, date, None, "html-quote")


def _attribution_at(
    lines: Sequence[str],
    quoted: list[bool],
    follows: list[bool],
    colon: list[bool],
    index: int,
    seen_text: bool,
) -> History | None:
    first = lines[index].rstrip()
    # Cheap first: an attribution ends with a colon on this line or one of the next two.
    if not any(colon[index : index + 3]) or not any(
        _DIGIT_OR_AT.search(lines[i]) for i in range(index, min(index + 3, len(lines)))
    ):
        return None
    candidates = [len(first) - len(first.lstrip())]
    # After the reply's last words: one of the last few sentence ends near the end of the line.
    tail = max(0, len(first) - _MAX_ATTRIBUTION)
    stops = [m.end() for m in _CANDIDATE.finditer(first, tail) if m.end() < len(first)]
    candidates += stops[-_MAX_SPLITS:]
    ends = [index]
    for extra in (1, 2):
        probe = index + extra
        if probe < len(lines) and lines[probe].strip() and not quoted[probe]:
            ends.append(probe)
        else:
            break
    for last, end_line in enumerate(ends):
        text = " ".join([first] + [lines[i].strip() for i in ends[1 : last + 1]])
        if not text.rstrip().endswith((":", "：")):
            continue
        for pos in candidates:
            if len(text) - pos > _MAX_ATTRIBUTION:
                continue
            piece = text[pos:]
            if not _DIGIT_OR_AT.search(piece):
                continue
            pattern = next((p for p in ATTRIBUTIONS if p.regex.match(text, pos)), None)
            if pattern is None:
                continue
            split = pos if first[:pos].strip() else None
            if split is None and not seen_text:
                # Without a reply above, a whole-line attribution stays visible.
                continue
            if not follows[end_line + 1]:
                return None
            author, date = _who_and_when(piece)
            return History(index, author, date, split, pattern.name)
    return None


def _history_follows(lines: Sequence[str], quoted: list[bool]) -> list[bool]:
    """Per index i (and len(lines)): whether a history starts at the lines from i on, after
    blanks — unquoted text, or a quote with no reply text after it (else it is an inline
    reply). Computed once per message, from the end."""
    count = len(lines)
    follows = [False] * (count + 1)
    unquoted_later = False
    next_quoted = False  # whether the next non-blank line is quoted
    for index in range(count - 1, -1, -1):
        if not lines[index].strip():
            follows[index] = follows[index + 1]
            continue
        if not quoted[index] and next_quoted and _opens_quote(lines[index]):
            # An attribution over the next quote is not an answer after the quote above.
            follows[index] = True
            continue
        next_quoted = quoted[index]
        if not quoted[index]:
            follows[index] = True
            unquoted_later = True
        else:
            follows[index] = not unquoted_later
    return follows


def _opens_quote(line: str) -> bool:
    """Whether a whole line is an attribution ("On … wrote:")."""
    text = line.rstrip()
    if not text.endswith(_COLONS) or len(text) > _MAX_ATTRIBUTION or not _DIGIT_OR_AT.search(text):
        return False
    start = len(text) - len(text.lstrip())
    return any(p.regex.match(text, start) for p in ATTRIBUTIONS)


def _separator_at(lines: Sequence[str], index: int) -> History | None:
    line = lines[index]
    if line.lstrip()[:1] not in _SEPARATOR_STARTS:
        return None
    for pattern in SEPARATORS:
        if pattern.regex.match(line):
            block = _header_values(lines, index + 1)
            author, date = _from_headers(block)
            if pattern.name in ("zoho", "zimbra-wrote"):
                author, date = _who_and_when(line)
            return History(index, author, date, None, pattern.name)
    return None


def _header_values(lines: Sequence[str], index: int) -> dict[str, str]:
    """The header lines from ``index`` on (blank lines before them skipped): kind → value."""
    while index < len(lines) and not lines[index].strip():
        index += 1
    values: dict[str, str] = {}
    slack = 1
    end = min(
        len(lines), index + 12
    )  # a header block is short; a run of them is no reason to scan on
    while index < end and len(values) < 8:
        match = _HEADER_LINE.match(lines[index])
        if match is None:
            # A wrapped "To:" list continues on the next line.
            if slack and values and ("@" in lines[index] or ";" in lines[index]):
                slack -= 1
                index += 1
                continue
            break
        kind = _KIND_OF[match.group(1).casefold()]
        values.setdefault(kind, match.group(2).strip("* "))
        index += 1
    return values


def _header_block_at(lines: Sequence[str], quoted: list[bool], index: int) -> History | None:
    if ":" not in lines[index] and "：" not in lines[index]:
        return None
    match = _HEADER_LINE.match(lines[index])
    if match is None or _KIND_OF[match.group(1).casefold()] not in ("from", "date"):
        return None
    if index and _opens_header_block(lines[index - 1]):
        return None  # the block was tried from the line above, with more context
    values = _header_values(lines, index)
    kinds = set(values)
    before = index - 1
    while before >= 0 and not lines[before].strip():
        before -= 1
    after_rule = before >= 0 and bool(_RULE.match(lines[before]))
    after_blank = before < index - 1
    has_address = any("@" in values.get(k, "") for k in ("from", "to"))
    addressed = has_address or bool(_DATE.search(values.get("date", "")))
    # "From: Amsterdam / To: London / Date: 3 May" is a booking, not a header block.
    strong = {"from", "date"} <= kinds and ("subject" in kinds or ("to" in kinds and has_address))
    enough = (
        strong
        or (after_rule and addressed)
        or (
            after_blank
            and "from" in kinds
            and len(kinds) >= 2
            and (has_address or "subject" in kinds)
        )
    )
    if not enough:
        return None
    start = (
        before
        if after_rule and before >= 0 and any(lines[i].strip() for i in range(before))
        else index
    )
    author, date = _from_headers(values)
    return History(start, author, date, None, "header-block")


def _opens_header_block(line: str) -> bool:
    match = _HEADER_LINE.match(line) if ":" in line or "：" in line else None
    return match is not None and _KIND_OF[match.group(1).casefold()] in ("from", "date")


def _from_headers(values: dict[str, str]) -> tuple[str | None, str | None]:
    author = None
    raw = values.get("from", "")
    if raw:
        author = _clean_name(raw)
    date = None
    raw_date = values.get("date", "")
    if raw_date:
        found = _DATE.search(raw_date)
        date = found.group(0) if found else raw_date[:40]
    return author, date


def _clean_name(raw: str) -> str | None:
    raw = re.sub(r"\[mailto:[^\]]*\]", "", raw)
    name = re.sub(r"<[^>]*>", "", raw).strip(" \"'*")
    if name:
        return name
    email = _EMAIL_ONLY.search(raw)
    return email.group(0) if email else None


def _who_and_when(text: str) -> tuple[str | None, str | None]:
    # The HTML converter numbers links ("jane@x.com [1]"): not part of a name or address.
    text = _LINK_NUMBER.sub("", text)
    date_match = _DATE.search(text)
    date = date_match.group(0) if date_match else None
    author = None
    found = _NAME_EMAIL.search(text)
    if found:
        name = found.group(1).strip(" \"'")
        # The name is the last words before the address: drop the date/time part before it.
        name = re.split(
            r"[,，、]\s*|\s(?:schreef|schrieb|skrev|kirjoitti|كتب|odesílatel|ο/η)\s", name
        )[-1]
        name = re.sub(r"^.*\d[\d:.]*\s*(?:[AaPp]\.?[Mm]\.?|Uhr|ص|م)?\s+", "", name).strip()
        author = name or found.group(2)
    else:
        email = _EMAIL_ONLY.search(text)
        named = _NAME_WROTE.search(text)
        if email:
            author = email.group(0)
        elif named:
            author = named.group(1).strip()
    return author, date


def _trailing_quote(lines: Sequence[str], quoted: list[bool]) -> History | None:
    """A trailing run of quoted lines with reply text above it and none after it; the
    attribution line right above it (up to three wrapped lines) comes along."""
    last_text = None
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip() and not quoted[index]:
            last_text = index
            break
    if last_text is None:
        return None
    start = next((i for i in range(last_text + 1, len(lines)) if quoted[i]), None)
    if start is None:
        return None
    return History(start, None, None, None, "trailing-quote")
