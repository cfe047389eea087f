"""``omnitui doctor [--profile NAME]``: the account check, printed a line at a time.

Each line is printed as soon as its check is done, so a call that hangs shows where; every
failure is a line, never a traceback; the api key is taken out of everything printed. The exit
code is 0 when reading and replying will work, 1 when they will not, 2 for a configuration that
cannot be read.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import platform
import sys
from collections.abc import Sequence
from importlib import metadata
from typing import TextIO
from urllib.parse import urlsplit

from omnitui import __version__
from omnitui.api.transport import normalise_base_url
from omnitui.doctor.account import Target, check_account
from omnitui.doctor.lines import Check, Mark, marks_fit, render, summary
from omnitui.doctor.tls import check_address
from omnitui.doctor.writes import writes_check
from omnitui.settings.load import (
    DEFAULT_PROFILE,
    ConfigError,
    Profile,
    Settings,
    load_settings,
    permission_warning,
    resolve_account,
)

REDACTED = "[redacted]"


def build_parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=(
            "Check an Omnidesk account read-only and print what will work: the URL and TLS, the "
            "API key, the permissions each feature needs, your agent user, the clock, and what "
            "is known of the account's writes. The API key is never printed, so the output can "
            "be pasted into a bug report. Exit code 0 when reading and replying will work."
        ),
    )
    parser.add_argument(
        "--profile",
        metavar="NAME",
        default=DEFAULT_PROFILE,
        help="check [profiles.NAME] from the config file (default: default)",
    )
    return parser


class Printer:
    """Writes the report as it grows, the api key redacted from every line."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.encoding = getattr(out, "encoding", None)
        self.unicode = marks_fit(self.encoding)
        self.secret = ""
        self.checks: list[Check] = []

    def line(self, text: str = "") -> None:
        if len(self.secret) >= 4:
            text = text.replace(self.secret, REDACTED)
        if not self.unicode and self.encoding:  # an ASCII terminal: "→" must not stop the report
            text = text.encode(self.encoding, "replace").decode(self.encoding)
        self.out.write(text + "\n")
        self.out.flush()

    def show(self, check: Check) -> None:
        self.checks.append(check)
        self.line(render(check, unicode=self.unicode))


def main(argv: Sequence[str], *, prog: str = "omnitui doctor", out: TextIO | None = None) -> int:
    args = build_parser(prog).parse_args(list(argv))
    printer = Printer(out or sys.stdout)
    try:
        return asyncio.run(doctor(args.profile, printer))
    except KeyboardInterrupt:
        printer.line("\nomnitui doctor: interrupted.")
        return 130
    except BrokenPipeError:  # | head: what was wanted is out; say nothing more to a closed pipe
        if printer.out is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # the doctor's own bug must still be a line, not a traceback
        printer.show(
            Check(
                Mark.FAIL,
                "omnitui doctor",
                f"stopped by an error of its own ({type(exc).__name__}: {exc})",
                todo="Please report this output as a bug.",
                needed=True,
            )
        )
        return 1


async def doctor(profile: str, printer: Printer) -> int:
    printer.line(f"omnitui doctor, profile {profile!r}")
    printer.line(versions())
    try:
        settings = load_settings()
        account = resolve_account(settings, profile)
    except ConfigError as exc:
        printer.show(Check(Mark.FAIL, "Configuration", str(exc), needed=True))
        return 2
    key = account.api_key.get_secret_value()
    printer.secret = key
    try:
        url = normalise_base_url(account.url)
    except ValueError as exc:
        printer.show(Check(Mark.FAIL, "URL", f"{exc}", todo=_config_hint(profile), needed=True))
        return 1
    printer.line(f"URL: {shown_url(url)}")
    printer.line(f"API key: {REDACTED} ({_key_source(settings, profile)})")
    printer.line()
    warning = permission_warning()
    if warning:
        printer.show(Check(Mark.WARN, "Config file", warning))
    address = await check_address(url)
    printer.show(address)
    if not address.blocks:
        # The account as the app resolves it: OMNIDESK_AGENT_EMAIL counts as it does there.
        agent_email, user_id = account.agent_email or None, account.user_id
        target = Target(profile, url, key, agent_email=agent_email, user_id=user_id)
        async for check in check_account(target):
            printer.show(check)
        printer.show(writes_check(profile))
    printer.line()
    printer.show(summary(printer.checks))
    return 1 if any(check.blocks for check in printer.checks) else 0


def versions() -> str:
    """What a bug report needs to know of this installation."""

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return (
        f"omnitui {__version__}, Python {platform.python_version()}, "
        f"Textual {version('textual')}, httpx {version('httpx')}, "
        f"{platform.system()} {platform.release()}"
    )


def shown_url(url: str) -> str:
    """The URL without a user or password someone may have put in it."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return parts._replace(netloc=netloc).geturl()


def _key_source(settings: Settings, profile: str) -> str:
    env = _env_name("api_key")
    if env and os.environ.get(env):
        return f"from {env}"
    chosen = settings.profiles.get(profile)
    if chosen is not None and chosen.api_key is not None:
        return "from the config file"
    return "from api_key_command"


def _env_name(setting: str) -> str:
    return next(
        (f.metadata.get("env", "") for f in dataclasses.fields(Profile) if f.name == setting), ""
    )


def _config_hint(profile: str) -> str:
    hint = "" if profile == DEFAULT_PROFILE else f" --profile {profile}"
    return f"Fix the url of [profiles.{profile}], or run: omnitui config{hint}"
