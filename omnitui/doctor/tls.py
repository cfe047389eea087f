"""The account's address and its certificate, checked before any request carries the key.

A handshake of our own (with the context httpx builds, so ``SSL_CERT_FILE`` counts the same)
tells what the client's error cannot: why a certificate was refused, in OpenSSL's words and
ours, and when a good one expires.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import time
import urllib.request
from typing import Any
from urllib.parse import urlsplit

import httpx

from omnitui.doctor.lines import Check, Mark

NAME = "URL and TLS"
#: A certificate that expires within this many days is worth a warning.
EXPIRY_WARNING_DAYS = 14
_DAY = 86400.0

#: OpenSSL's verify codes (X509_V_ERR_*) in plain words, and what to do about each.
_OWN_CA = (
    "If your company uses its own certificate authority (e.g. a proxy that inspects TLS), point "
    "SSL_CERT_FILE at its certificate."
)
_REASONS: dict[int, tuple[str, str]] = {
    9: ("the certificate is not valid yet", "Check this machine's date and time."),
    10: (
        "the certificate has expired",
        "Check this machine's date and time; if it is right, the account's certificate must "
        "be renewed (tell your Omnidesk administrator).",
    ),
    18: ("the certificate is self-signed", _OWN_CA),
    19: (
        "the certificate chain ends in a self-signed certificate this machine does not trust",
        _OWN_CA,
    ),
    20: ("it was issued by an authority this machine does not trust", _OWN_CA),
    21: ("it was issued by an authority this machine does not trust", _OWN_CA),
    23: ("the certificate has been revoked", "Tell your Omnidesk administrator."),
    62: (
        "the certificate is for another name",
        "Check the URL: an account's address looks like https://acme.omnidesk.com.",
    ),
}


async def check_address(url: str, *, timeout: float = 10.0) -> Check:
    """Whether ``url`` (already normalised) can be reached, and over verified TLS."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme == "http":
        return Check(
            Mark.OK, NAME, f"{url} over plain http, allowed only on this machine (the sandbox)"
        )
    proxy = _proxy_for(host)
    if proxy:
        return Check(
            Mark.WARN,
            NAME,
            f"through the proxy {proxy}: the certificate is checked by the calls below",
        )
    port = parts.port or 443
    try:
        context = httpx.create_ssl_context()
    except (OSError, ssl.SSLError) as exc:
        return _failed(
            f"the certificates to trust could not be read ({exc})",
            "Check SSL_CERT_FILE / SSL_CERT_DIR: they must name a readable PEM file or folder.",
        )
    try:
        async with asyncio.timeout(timeout):
            _, writer = await asyncio.open_connection(host, port, ssl=context, server_hostname=host)
    except ssl.SSLCertVerificationError as exc:
        reason, todo = _REASONS.get(exc.verify_code, ("it was refused", _OWN_CA))
        detail = exc.verify_message or exc.reason or "no reason given"
        return _failed(
            f"the certificate of {host} could not be verified: {reason} ({detail})", todo
        )
    except ssl.SSLError as exc:
        return _failed(
            f"the TLS handshake with {host}:{port} failed ({exc.reason or exc})",
            "Check the URL and port: something there does not speak TLS as a web server does.",
        )
    except TimeoutError:
        return _failed(
            f"{host}:{port} did not answer within {timeout:g} s",
            "Check the URL, and whether a firewall or VPN is needed to reach it.",
        )
    except OSError as exc:
        return _failed(f"could not connect to {host}:{port}: {_why(exc)}", "Check the URL.")
    cert = writer.get_extra_info("peercert") or {}
    writer.close()
    with contextlib.suppress(OSError, ssl.SSLError, TimeoutError):
        async with asyncio.timeout(2):
            await writer.wait_closed()
    return _valid(host, cert)


def _valid(host: str, cert: dict[str, Any]) -> Check:
    issuer = _issuer(cert)
    by = f", issued by {issuer}" if issuer else ""
    try:
        expires = ssl.cert_time_to_seconds(cert["notAfter"])
    except (KeyError, ValueError):
        return Check(Mark.OK, NAME, f"{host} has a valid certificate{by}")
    day = time.strftime("%Y-%m-%d", time.gmtime(expires))
    left = (expires - time.time()) / _DAY
    if left < EXPIRY_WARNING_DAYS:
        return Check(
            Mark.WARN,
            NAME,
            f"{host}'s certificate{by} expires on {day}, in {max(0, int(left))} days",
            todo="Tell your Omnidesk administrator: after that date omnitui cannot connect.",
        )
    return Check(Mark.OK, NAME, f"{host} has a valid certificate{by}, until {day}")


def _issuer(cert: dict[str, Any]) -> str:
    names = dict(pair for part in cert.get("issuer", ()) for pair in part if len(pair) == 2)
    return str(names.get("organizationName") or names.get("commonName") or "")


def _failed(text: str, todo: str) -> Check:
    return Check(Mark.FAIL, NAME, text, todo=todo, needed=True)


def _why(exc: OSError) -> str:
    if isinstance(exc, socket.gaierror):
        return "the host name could not be resolved"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    return exc.strerror or str(exc) or type(exc).__name__


def _proxy_for(host: str) -> str:
    """The proxy httpx would use for https to ``host`` (from the environment), or ``""``.

    Through a proxy the handshake of our own would go elsewhere; the API calls tell then."""
    proxies = urllib.request.getproxies_environment()
    proxy = proxies.get("https") or proxies.get("all") or ""
    if not proxy or urllib.request.proxy_bypass_environment(host, proxies):
        return ""
    return urlsplit(proxy).hostname or "(set in HTTPS_PROXY)"
