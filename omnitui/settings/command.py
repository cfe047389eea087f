"""``omnitui config``: ask for an account URL and API key, check them, and save a profile.

Plain prompts rather than the TUI, so it also works where a full-screen app is awkward (a
provisioning script over SSH). The key is read without echo and never printed.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Callable, Sequence

from omnitui.core import paths
from omnitui.settings import account_setup
from omnitui.settings.schema import DEFAULT_PROFILE, ConfigError

Ask = Callable[[str], str]


def build_parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=(
            "Add an Omnidesk account to the config file (readable only by you): asks for the "
            "account URL and the API key, checks them against the API, and saves them as a profile."
        ),
    )
    parser.add_argument(
        "--profile", default=DEFAULT_PROFILE, help="profile name to save (default: default)"
    )
    parser.add_argument("--url", help="the account URL, e.g. https://acme.omnidesk.com")
    parser.add_argument(
        "--no-check", action="store_true", help="save without asking the API whether the key works"
    )
    return parser


def main(
    argv: Sequence[str],
    *,
    prog: str = "omnitui config",
    ask: Ask = input,
    ask_secret: Ask = getpass.getpass,
) -> int:
    args = build_parser(prog).parse_args(list(argv))
    try:
        profile = account_setup.check_profile_name(args.profile)
    except ValueError as exc:
        print(f"omnitui: {exc}", file=sys.stderr)
        return 2
    print(f"Adding the profile {profile!r} to {paths.config_file()}.")
    try:
        url = _ask_until_valid(
            ask, "Account URL (e.g. https://acme.omnidesk.com): ", account_setup.check_url, args.url
        )
        key = _ask_until_valid(ask_secret, "API key (not shown): ", account_setup.check_key)
        if not args.no_check:
            print(f"Checking the key with {url} …")
            problem = asyncio.run(account_setup.check_account(url, key))
            if problem:
                print(f"That did not work: {problem}")
                if ask("Save it anyway? [y/N] ").strip().lower() not in {"y", "yes"}:
                    print("Nothing was written.")
                    return 1
            else:
                print("The key works.")
        path = account_setup.save_profile(profile, url, key)
    except (EOFError, KeyboardInterrupt):
        print("\nNothing was written.")
        return 1
    except ConfigError as exc:
        print(f"omnitui: {exc}", file=sys.stderr)
        return 2
    hint = "" if profile == DEFAULT_PROFILE else f" --profile {profile}"
    print(f"Saved to {path} (readable only by you). Start with: omnitui{hint}")
    return 0


def _ask_until_valid(
    ask: Ask, prompt: str, check: Callable[[str], str], given: str | None = None
) -> str:
    """Ask again after each mistake, saying what was wrong; Ctrl-D or Ctrl-C gives up."""
    answer = given
    while True:
        if answer is None:
            answer = ask(prompt)
        try:
            return check(answer)
        except ValueError as exc:
            print(f"  {exc}")
            answer = None
