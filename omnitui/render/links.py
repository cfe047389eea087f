"""Stage 4 of the render pipeline: the links of a message, judged and numbered.

Judge the links found in customer mail: what they really point at, and whether to trust them.

A support agent must never be tricked into opening something from a mail: docs/hazards.md §1.3 lists
the tricks (``javascript:``, ``data:``, ``file:``, a label that shows one host while the href goes
to another) and §0.3 the one that attacks the browser itself (an href starting with ``-`` is read as
a command-line option). So every href is reduced here to the host it really reaches, shown in
punycode (homoglyphs such as a Cyrillic "а" become visible), and anything that is not a plain http,
https or mailto link, or whose label pretends to be somewhere else, is marked unsafe. Unsafe links
are listed but never made clickable.

:class:`LinkList` numbers a message's links as the converter closes them (the number is part of
the text, "label [n]", so it is known while converting): the same address keeps its number, but a
spoofing label gets an entry of its own, so the list shows its warning.

Pure functions and a plain class; standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from omnitui.core.sanitize import sanitize, sanitize_line
from omnitui.render.body import Link

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# Browsers drop leading/trailing C0 controls and spaces, and tabs/newlines anywhere, before they
# look at the scheme: "java\tscript:" is javascript:. Judge the href the way a browser would.
_EDGE_JUNK = "".join(chr(c) for c in range(0x21))
_INNER_JUNK = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
# A label that reads like an address: optional scheme, optional user@, then a dotted host whose last
# part is alphabetic (so "v2.0" or "3.5" are not hosts). Unicode letters count: IDN homoglyphs.
_LABEL_HOST = re.compile(
    r"^(?:[a-z][a-z0-9+.\-]*://)?(?:[^\s@/]+@)?((?:[\w-]+\.)+[^\W\d_]{2,63})\.?(?::\d+)?(?:[/?#]\S*)?$",
    re.IGNORECASE,
)
# File names are not hosts: "report.pdf" linking to a file share is not a spoof.
_FILE_SUFFIXES = frozenset(
    [
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "csv",
        "txt",
        "png",
        "jpg",
        "jpeg",
        "gif",
        "zip",
        "eml",
        "msg",
        "htm",
        "html",
        "xml",
        "json",
    ]
)


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """What an href really is: the cleaned URL, its real host, and whether it may be opened."""

    url: str
    host: str
    safe: bool
    warning: str = ""


def display_host(host: str) -> str:
    """The host as ASCII (punycode for international names), lower case, or "" if it is not one."""
    host = host.strip().rstrip(".").lower()
    if not host:
        return ""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""


def _same_site(label_host: str, real_host: str) -> bool:
    """True when the label's host is the real host or one is a subdomain of the other."""
    if label_host == real_host:
        return True
    return label_host.endswith("." + real_host) or real_host.endswith("." + label_host)


def label_host(label: str) -> str | None:
    """The host a link label pretends to show ("www.bank.example", "https://bank.example/login",
    "help@bank.example"), in display form, or None if the label does not read like an address."""
    label = label.strip().strip("<>()[]\"'").strip()
    if not label or len(label) > 2048 or " " in label:
        return None
    match = _LABEL_HOST.match(label)
    if match is None:
        return None
    host = match.group(1)
    has_scheme_or_www = "://" in label or host.lower().startswith("www.")
    if not has_scheme_or_www and "@" not in label:
        suffix = host.rsplit(".", 1)[-1].lower()
        if suffix in _FILE_SUFFIXES:
            return None
    shown = display_host(host)
    return shown or None


def classify_href(href: str, label: str = "") -> LinkTarget:
    """Decide what ``href`` reaches and whether the UI may offer to open it.

    ``label`` is the visible link text; when it reads like an address on another host than the
    real one, the link is marked unsafe (the classic phishing link).
    """
    raw = href
    cleaned = _INNER_JUNK.sub("", href.strip(_EDGE_JUNK))
    shown_url = sanitize_line(cleaned if cleaned else raw)
    if not cleaned:
        return LinkTarget(shown_url, "", False, "empty link")
    if cleaned.startswith("-"):
        return LinkTarget(shown_url, "", False, "not a web address")
    match = _SCHEME.match(cleaned)
    scheme = match.group(1).lower() if match else ""
    if scheme not in SAFE_SCHEMES:
        what = f"{scheme}: link" if scheme else "not a web address"
        return LinkTarget(shown_url, "", False, what)
    if _CONTROL.search(cleaned) or " " in cleaned:
        return LinkTarget(shown_url, "", False, "address contains hidden characters")

    if scheme == "mailto":
        address = cleaned[len(match.group(0)) :] if match else cleaned
        address = address.split("?", 1)[0]
        host = display_host(address.rsplit("@", 1)[1]) if "@" in address else ""
        if not host:
            return LinkTarget(shown_url, "", False, "no e-mail address")
    else:
        try:
            parts = urlsplit(cleaned)
            hostname = parts.hostname or ""
            username = parts.username
            _ = parts.port  # raises ValueError on a bad port
        except ValueError:
            return LinkTarget(shown_url, "", False, "malformed address")
        host = display_host(hostname)
        if not host:
            return LinkTarget(shown_url, "", False, "no host")
        if username is not None:
            return LinkTarget(shown_url, host, False, "address hides its host behind a user name")

    host = sanitize_line(host)
    pretended = label_host(label) if label else None
    if pretended is not None and not _same_site(pretended, host):
        return LinkTarget(shown_url, host, False, f"text shows {pretended} but goes to {host}")
    return LinkTarget(shown_url, host, True, "")


class LinkList:
    """The numbered links of one message, in the order their numbers were given."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, bool], int] = {}
        self._links: list[Link] = []

    def add(self, href: str, label: str) -> tuple[int, bool]:
        """Judge a link whose visible label is ``label``; return its number and whether it is
        safe (the caller styles only safe links as links)."""
        target = classify_href(href, label)
        key = (target.url, target.safe)
        number = self._numbers.get(key)
        if number is None:
            number = len(self._numbers) + 1
            self._numbers[key] = number
            self._links.append(
                Link(number, sanitize(label), target.url, target.host, target.safe, target.warning)
            )
        return number, target.safe

    @property
    def links(self) -> tuple[Link, ...]:
        """Every link, by number."""
        return tuple(self._links)
