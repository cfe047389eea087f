"""``omnitui config``: ask for an account URL, an API key and the agent's e-mail address, check
them, and save a profile.

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
            "account URL, the API key and your e-mail address in Omnidesk (replies and notes are "
            "sent as your user), checks them against the API, and saves them as a profile."
        ),
    )
    parser.add_argument(
        "--profile", default=DEFAULT_PROFILE, help="profile name to save (default: default)"
    )
    parser.add_argument("--url", help="the account URL, e.g. https://acme.omnidesk.com")
    parser.add_argument(
        "--agent-email",
        metavar="ADDRESS",
        help="your e-mail address in Omnidesk (an empty one sends replies as Anonymous)",
    )
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
        works = False
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
                works = True
        agent = _ask_agent(ask, args.agent_email, url, key, look_up=works)
        path = account_setup.save_profile(profile, url, key, agent_email=agent)
    except (EOFError, KeyboardInterrupt):
        print("\nNothing was written.")
        return 1
    except ConfigError as exc:
        print(f"omnitui: {exc}", file=sys.stderr)
        return 2
    hint = "" if profile == DEFAULT_PROFILE else f" --profile {profile}"
    print(f"Saved to {path} (readable only by you). Start with: omnitui{hint}")
    return 0


AGENT_PROMPT = "Your e-mail address in Omnidesk (optional; blank sends replies as Anonymous): "


def _ask_agent(ask: Ask, given: str | None, url: str, key: str, *, look_up: bool) -> str:
    """The agent's e-mail address (or name), looked up when the key works; "" for Anonymous.

    An address the account has no user for is asked again (when it was typed); one that could
    not be looked up (no USER_READ, the network) is kept, and the app tries again when it starts.
    """
    answer = given
    while True:
        if answer is None:
            answer = ask(AGENT_PROMPT)
        try:
            wanted = account_setup.check_agent_email(answer)
        except ValueError as exc:
            print(f"  {exc}")
            answer = None
            continue
        if not wanted:
            print(
                "Replies and notes will be sent as Anonymous; omnitui config --agent-email "
                "ADDRESS sets who you are."
            )
            return ""
        if not look_up:
            return wanted
        print(f"Looking up {wanted} …")
        found = asyncio.run(account_setup.find_agent(url, key, wanted))
        if found.known:
            print(f"Found you: {found.label} (user {found.user_id}).")
            return wanted
        print(f"  That did not work: {found.reason or found.problem}.")
        if not found.missing or given is not None:
            print(f"  Saving {wanted} anyway: omnitui looks it up again when it starts.")
            return wanted
        print("  Type it again, or leave it blank.")
        answer = None


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
