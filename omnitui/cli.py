"""The command line: ``omnitui [TICKET]``, ``--demo``, ``--profile``, and the subcommands
``omnitui config``, ``omnitui doctor`` and ``omnitui sandbox``.

Only argparse and the standard library are imported before the app starts, so ``--help`` and
``--version`` are instant and a configuration problem is reported without loading Textual.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from omnitui import __version__
from omnitui.core.paths import config_file, demo_db

DESCRIPTION = """\
A full-screen terminal UI for the Omnidesk helpdesk: look a ticket up by number, read the whole
conversation, and change it, without leaving the terminal.

Configuration (highest priority first): command-line flags; the environment (OMNIDESK_URL, e.g.
https://acme.omnidesk.com, and OMNIDESK_API_KEY); then the config file, with [profiles.NAME]
tables holding url and api_key or api_key_command (omnitui config writes one):
  {config}
With no account configured, omnitui opens a welcome screen that adds one or starts the demo.
"""

EPILOG = """\
commands:
  omnitui config [--profile NAME] [--url URL] [--agent-email ADDRESS]
                        add an account: asks for the URL, the API key and your e-mail address
                        in Omnidesk, checks them, and saves them to the config file (mode 0600)
  omnitui doctor [--profile NAME]
                        check the account read-only: URL and TLS, key, permissions, your agent
                        user, the clock; the key is redacted, so it can go into a bug report
  omnitui sandbox [--host H] [--port P] [--db PATH] [--api-key KEY] [--latency MS] [--fail-rate P]
                        run the local Omnidesk sandbox alone (see: omnitui sandbox --help)

environment:
  OMNIDESK_URL, OMNIDESK_API_KEY   the account (override the config file)
  OMNIDESK_AGENT_EMAIL             your e-mail address in Omnidesk: replies and notes are
                                   sent as your user, not as Anonymous
  OMNITUI_CONFIG                   the config file to read instead of the one above
  OMNITUI_CONFIG_DIR, OMNITUI_DATA_DIR
                        where settings, and drafts/recent tickets/the demo database, are kept
  NO_COLOR                         no colours; SSL_CERT_FILE, HTTPS_PROXY work as usual

examples:
  omnitui                   open the lookup screen on the default profile
  omnitui 858462            open ticket 858462 straight away
  omnitui --demo 858462     the same on the built-in demo sandbox
  omnitui --profile acme    use the [profiles.acme] account
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="omnitui",
        description=DESCRIPTION.format(config=config_file()),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("ticket", nargs="?", help="a ticket number to open straight away")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the built-in sandbox (demo data, no account or key needed) and use it",
    )
    parser.add_argument(
        "--profile", metavar="NAME", default=None, help="use [profiles.NAME] from the config file"
    )
    parser.add_argument(
        "--log", metavar="FILE", help="write a debug log to FILE (the api key is redacted)"
    )
    parser.add_argument("--version", action="version", version=f"omnitui {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up allocates hundreds of thousands of long-lived objects (modules, classes, styles)
    # and the collector would walk them again and again while they pile up: it is switched
    # back on, after a gc.freeze(), once the first frame is out (OmniApp._after_first_frame).
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.enable()


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")  # animations cost bytes over SSH
    # pydantic looks for plugins in every installed package's metadata when it builds its first
    # model (milliseconds of start-up); omnitui uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if args_list and args_list[0] == "sandbox":
        from omnitui.sandbox.server.command import main as sandbox_main

        return sandbox_main(args_list[1:], prog="omnitui sandbox")
    if args_list and args_list[0] == "config":
        from omnitui.settings.command import main as config_main

        return config_main(args_list[1:], prog="omnitui config")
    if args_list and args_list[0] == "doctor":
        from omnitui.doctor.command import main as doctor_main

        return doctor_main(args_list[1:], prog="omnitui doctor")

    parser = build_parser()
    args = parser.parse_args(args_list)
    ticket: int | None = None
    if args.ticket is not None:
        from omnitui.core.ticket_numbers import parse_ticket_number

        ticket = parse_ticket_number(args.ticket)
        if ticket is None:
            parser.error(f"{args.ticket!r} is not a ticket number (digits only, like 858462)")

    from omnitui.settings.load import (
        ConfigError,
        NotConfigured,
        load_settings,
        permission_warning,
        resolve_account,
    )

    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"omnitui: {exc}", file=sys.stderr)
        return 2

    backend = None
    secrets: list[str] = []
    account_url = ""  # an account's (not the demo's, which starts in the app)
    welcome_url = ""
    if args.demo:
        from omnitui.runtime.backends import DemoBackend

        backend = DemoBackend(demo_db())
        secrets.append(backend.api_key)
    else:
        try:
            account = resolve_account(settings, args.profile or "default")
        except NotConfigured as exc:
            if not (sys.stdin.isatty() and sys.stdout.isatty()):
                print(f"omnitui: {exc}", file=sys.stderr)
                return 2
            welcome_url = exc.url or ""  # the welcome screen explains and offers the demo
        except ConfigError as exc:
            print(f"omnitui: {exc}", file=sys.stderr)
            return 2
        else:
            warning = permission_warning()
            if warning:
                print(f"omnitui: warning: {warning}", file=sys.stderr)
            from omnitui.runtime.backends import AccountBackend

            key = account.api_key.get_secret_value()
            backend = AccountBackend(
                account.url,
                key,
                label=account.profile,
                agent_email=account.agent_email,
                user_id=account.user_id,
            )
            secrets.append(key)
            account_url = account.url

    if args.log:
        from omnitui.runtime.logs import setup_file_log

        setup_file_log(args.log, secrets)

    prefetch = None
    if ticket is not None and account_url:
        # Before Textual is imported (and any thread started): see runtime/prefetch.py.
        from omnitui.runtime.prefetch import Prefetch

        prefetch = Prefetch.start(account_url, secrets[0], ticket)

    from omnitui.storage.prefs import Preferences
    from omnitui.tui import terminal_input
    from omnitui.tui.app import OmniApp

    terminal_input.install()

    preferences = Preferences.load()
    if settings.theme:
        preferences.theme = settings.theme
    app = OmniApp(
        backend,
        ticket=ticket,
        preferences=preferences,
        keymap=settings.keymap,
        settings=settings,
        welcome_url=welcome_url,
        auto_refresh=settings.auto_refresh,
        prefetch=prefetch,
    )
    app.run()
    return app.return_code or 0
