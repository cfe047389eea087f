"""The quote detector over the mail corpus (tests/render/mail_corpus, written by
build_mail_corpus.py), plus focused tests for the tricky cases."""

from __future__ import annotations

import pytest
from mail_corpus_files import load_corpus

from omnitui.render.quotes import (
    ATTRIBUTIONS,
    FORWARDS,
    SEPARATORS,
    History,
    find_history,
    is_quote_line,
)

MAILS = load_corpus()


def test_corpus_is_large_and_varied() -> None:
    assert len(MAILS) >= 150
    assert len({m.lang for m in MAILS}) >= 15
    assert sum(m.start is None for m in MAILS) >= 20


def test_corpus_never_hides_a_reply_line_and_folds_95_percent_exactly() -> None:
    exact = 0
    hidden: list[str] = []
    misses: list[str] = []
    for mail in MAILS:
        found = find_history(mail.lines)
        got = None if found is None else (found.start, found.split_at)
        want = None if mail.start is None else (mail.start, mail.split_at)
        if got == want:
            exact += 1
            continue
        first = " / ".join(line for line in mail.lines[:3] if line)[:100]
        report = f"{mail.ident}: want {want}, got {found} — {first}"
        if found is not None and (
            mail.start is None
            or found.start < mail.start
            or (found.start == mail.start and (found.split_at or 0) < (mail.split_at or 0))
        ):
            hidden.append(report)
        else:
            misses.append(report)
    share = exact / len(MAILS)
    print(f"\nquote corpus: {exact}/{len(MAILS)} folded exactly right ({share:.1%})")
    for line in hidden + misses:
        print("  ", line)
    assert not hidden, "reply lines hidden:\n" + "\n".join(hidden)
    assert share >= 0.95


@pytest.mark.parametrize("pattern", ATTRIBUTIONS + SEPARATORS + FORWARDS, ids=lambda p: p.name)
def test_every_pattern_matches_its_own_example(pattern) -> None:
    assert pattern.regex.match(pattern.example) or pattern.regex.search(pattern.example)


def test_every_attribution_example_folds_after_a_reply() -> None:
    for pattern in ATTRIBUTIONS:
        found = find_history(["Thanks.", "", pattern.example, "> earlier"])
        assert found is not None and found.start == 2, pattern.name


def test_wrapped_attribution() -> None:
    lines = [
        "Thanks!",
        "",
        "On Tue, 1 Mar 2011 at 10:02, Jane Doe <",
        "jane@example.com> wrote:",
        "",
        "> Please restart the router.",
    ]
    found = find_history(lines)
    assert found == History(2, "Jane Doe", "1 Mar 2011", None, "en")
    assert found.describe() == "Jane Doe wrote on 1 Mar 2011"


def test_three_line_attribution() -> None:
    lines = [
        "Obrigado",
        "",
        "Em ter., 1 de mar. de 2011 às 10:02, Jane <",
        "jane@x.com>",
        "escreveu:",
    ]
    assert find_history([*lines, "texto antigo"]).start == 2


def test_attribution_on_the_same_line_as_the_reply() -> None:
    line = "Thanks, it works now. On Tue, 1 Mar 2011 at 10:02, Jane Doe <jane@x.com> wrote:"
    found = find_history(["Hi,", "", line, "> Please restart the router."])
    assert found is not None and found.start == 2
    assert line[: found.split_at] == "Thanks, it works now. "


def test_whole_line_attribution_without_reply_stays_visible() -> None:
    # Nothing above it: the attribution stays visible, only the quote below it folds.
    found = find_history(["On Tue, 1 Mar 2011 at 10:02, Jane <jane@x.com> wrote:", "> hi"])
    assert found is not None and found.start == 1
    assert find_history(["> only a quote", "> nothing else"]) is None


def test_french_space_before_colon() -> None:
    found = find_history(
        [
            "Merci",
            "",
            "De : Omnidesk <support@x.com>",
            "Envoyé : mardi 1 mars 2011 10:02",
            "À : Élodie",
            "Objet : RE: Routeur",
            "",
            "Bonjour",
        ]
    )
    assert found is not None and found.start == 2
    assert (found.author, found.date) == ("Omnidesk", "1 mars 2011")


@pytest.mark.parametrize("stars", ["*", "**"])
def test_bold_headers(stars: str) -> None:
    keys = ("From", "Sent", "To", "Subject")
    values = ("Jane <jane@x.com>", "Tuesday, March 1, 2011 10:02 AM", "Support", "RE: Router")
    headers = [f"{stars}{k}:{stars} {v}" for k, v in zip(keys, values, strict=True)]
    found = find_history(["Thanks", "", "________________________________", *headers, "", "Hello"])
    assert found is not None and found.start == 2 and found.author == "Jane"


def test_gmx_starts_with_gesendet_and_one_header_after_a_rule_is_enough() -> None:
    gmx = [
        "Danke",
        "",
        "Gesendet: Dienstag, 01. März 2011 um 10:02 Uhr",
        "Von: a@b.de",
        "An: c@d.de",
    ]
    assert find_history([*gmx, "Betreff: Re: x", "", "alt"]).start == 2
    assert find_history(["Thanks", "-" * 10, "From: Jane <jane@x.com>", "", "old"]).start == 1


def test_booking_headers_in_the_reply_stay_visible() -> None:
    assert find_history(["My booking:", "", "From: Amsterdam", "Date: 3 May", "", "Jane"]) is None


def test_inline_reply_folds_only_the_trailing_quote() -> None:
    lines = [
        "On 01/03/2011 10:02, Support wrote:",
        "> Which model?",
        "FritzBox.",
        "> Restarted?",
        "Yes.",
        "",
        "> Kind regards,",
        "> Support",
    ]
    assert find_history(lines).start == 6
    assert find_history(lines[:5]) is None


def test_forwards_stay_visible() -> None:
    for marker in (
        "---------- Forwarded message ---------",
        "Begin forwarded message:",
        "-------- Doorgestuurd bericht --------",
        "-------- Weitergeleitete Nachricht --------",
        "-------- Message transféré --------",
    ):
        lines = [
            "FYI",
            "",
            marker,
            "From: Shop <a@shop.com>",
            "Date: 1 Mar 2011",
            "Subject: x",
            "To: me",
        ]
        assert find_history([*lines, "", "body", "> quoted"]) is None, marker


def test_arrows_are_no_quote() -> None:
    assert not is_quote_line(">>> http://example.com <<<")
    assert is_quote_line("> quoted")
    assert find_history(["Open:", ">>> http://example.com <<<"]) is None


def test_device_line_stays_visible_above_the_attribution() -> None:
    lines = [
        "Thanks",
        "",
        "Sent from my iPhone",
        "",
        "On 1 Mar 2011, at 10:02, Jane <j@x.com> wrote:",
    ]
    assert find_history([*lines, "", "> hi"]).start == 4


@pytest.mark.timeout(60)  # a quadratic scan of these 21,000 lines would take many minutes
def test_many_inline_attributions_stay_linear() -> None:
    lines = ["On Tue, 1 Mar 2011 at 10:02, Jane <j@x.com> wrote:", "> q", "answer"] * 7000
    assert find_history(lines) is None


@pytest.mark.timeout(60)  # a header block scanned to the end from every line took minutes
def test_a_long_run_of_header_lines_stays_linear() -> None:
    lines = ["Thanks", *["From: a@b.example", "Date: 1 Mar 2011"] * 50_000]
    assert find_history(lines) is None


def test_the_cheap_checks_before_the_patterns_let_every_example_through() -> None:
    # find_history tries the forward patterns only on lines with a dash or a colon, and the
    # separators only on lines starting with one of a few characters.
    for pattern in FORWARDS:
        assert "-" in pattern.example or ":" in pattern.example, pattern.name
        assert find_history(["FYI", "", pattern.example, "From: a@b.example", "> x"]) is None
    for pattern in SEPARATORS:
        found = find_history(["Thanks", "", pattern.example, "", "old"])
        assert found is not None and found.start == 2, pattern.name
