"""Link verdicts: what an href really reaches and whether the UI may offer to open it."""

from __future__ import annotations

import pytest

from omnitui.render.links import classify_href, display_host, label_host


@pytest.mark.parametrize(
    ("href", "label", "host", "safe"),
    [
        ("https://shop.example/orders/1", "your order", "shop.example", True),
        ("HTTP://Shop.Example:8080/x", "shop", "shop.example", True),
        ("  https://shop.example/\n", "x", "shop.example", True),
        ("mailto:help@shop.example?subject=Hi", "mail us", "shop.example", True),
        ("https://[2001:db8::1]/", "ipv6", "2001:db8::1", True),
        ("https://shop.example/", "https://shop.example/account", "shop.example", True),
        ("https://www.shop.example/", "shop.example", "www.shop.example", True),
        ("https://mail.shop.example/", "Version 2.0", "mail.shop.example", True),
        ("mailto:nobody", "x", "", False),
        ("https:///nohost", "x", "", False),
        ("https://shop.example:99999/", "x", "", False),
        ("https://user:pw@shop.example/", "x", "shop.example", False),
        ("https://evil.example/", "shop.example", "evil.example", False),
        ("https://shop.example.evil.example/", "shop.example", "shop.example.evil.example", False),
        ("vbscript:msgbox", "x", "", False),
        ("tel:+3120", "call", "", False),
        ("", "x", "", False),
        ("#top", "x", "", False),
    ],
)
def test_classify(href: str, label: str, host: str, safe: bool) -> None:
    target = classify_href(href, label)
    assert (target.host, target.safe) == (host, safe)
    assert bool(target.warning) is not safe


def test_shown_url_is_sanitised() -> None:
    target = classify_href("https://x.example/\x1b]52;c;x\x07", "x")
    assert "\x1b" not in target.url and "\x07" not in target.url
    assert not target.safe


def test_hosts_are_shown_in_punycode() -> None:
    assert display_host("P\u0430ypal.COM.") == "xn--pypal-4ve.com"
    assert display_host("") == ""
    assert display_host("\u0430" * 70 + ".example") == ""  # not encodable: no host to show


@pytest.mark.parametrize(
    ("label", "host"),
    [
        ("www.bank.example", "www.bank.example"),
        ("https://bank.example/login", "bank.example"),
        ("<help@bank.example>", "bank.example"),
        ("report.pdf", None),
        ("www.report.pdf", "www.report.pdf"),
        ("click here", None),
        ("v2.0", None),
        ("", None),
    ],
)
def test_label_host(label: str, host: str | None) -> None:
    assert label_host(label) == host
