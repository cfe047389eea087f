"""What demo customers and tickets are made of: names, companies, tags, file names, labels.

The lists are data, in ``files/demo.toml``; the seed draws from them by index, so their order is
part of what makes every fresh demo database the same.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from omnitui.sandbox.data import packaged


@dataclass(frozen=True)
class LanguageLists:
    """The lists and labels of one language (``"nl"`` or ``"en"``)."""

    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    mail_domains: tuple[str, ...]
    anonymous_first: str
    """How an agent addresses a customer whose name is unknown."""
    call_label: str
    survey_comment: str
    customer_number_label: str
    long_ticket_title: str
    """A template with ``{company}`` and ``{size}``."""


@dataclass(frozen=True)
class Vocabulary:
    """Everything in ``files/demo.toml``."""

    companies: tuple[str, ...]
    tags: tuple[str, ...]
    unknown_senders: tuple[str, ...]
    attachments: tuple[tuple[str, str], ...]
    """Files customers attach: (name, MIME type)."""
    agent_attachments: tuple[tuple[str, str], ...]
    languages: dict[str, LanguageLists]

    def lang(self, lang: str) -> LanguageLists:
        """Return the lists of ``lang``."""
        return self.languages[lang]


@functools.cache
def vocabulary() -> Vocabulary:
    """Return the lists of ``files/demo.toml`` (read once)."""
    raw = packaged.load_toml("demo.toml")
    languages = {
        lang: LanguageLists(
            **{
                name: tuple(value) if isinstance(value, list) else value
                for name, value in raw[lang].items()
            }
        )
        for lang in ("nl", "en")
    }
    return Vocabulary(
        companies=tuple(raw["companies"]),
        tags=tuple(raw["tags"]),
        unknown_senders=tuple(raw["unknown_senders"]),
        attachments=tuple((name, mime) for name, mime in raw["attachments"]),
        agent_attachments=tuple((name, mime) for name, mime in raw["agent_attachments"]),
        languages=languages,
    )
