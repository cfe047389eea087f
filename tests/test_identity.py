"""Who the agent is: the profile's setting, the lookup by e-mail address, the file that keeps it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from omnitui.api.agents import match_user
from omnitui.api.client import OmnideskClient
from omnitui.api.models import User
from omnitui.sandbox import SandboxServer
from omnitui.settings import account_setup
from omnitui.settings.load import load_settings, resolve_account
from omnitui.storage.identity import AgentIdentity, AgentSetting, IdentityStore, find_agent

USERS = [
    User(id=1, name="thomas", email="thomas@mybrand.com"),
    User(id=2, name="Thomas", email="thomas.b@mybrand.com"),
    User(id=4, name="Demo Agent", email="demo@example.com"),
    User(id=5, name="pieter", email="pieter@mybrand.com", active=False),
    User(id=6, name="demo", email="demo@example.com.evil"),
]


def test_the_user_is_the_one_whose_address_or_name_is_exactly_the_one_given() -> None:
    assert match_user(USERS, " DEMO@example.com ")[0] == USERS[2]  # not the look-alike
    assert match_user(USERS, "Demo Agent")[0] == USERS[2]
    assert match_user(USERS, "demo@example")[1] == (
        "no Omnidesk user has the e-mail address demo@example"
    )
    assert match_user(USERS, "thomas")[1] == (
        "2 Omnidesk users have the name thomas; give your e-mail address"
    )
    assert match_user(USERS, "pieter@mybrand.com")[1].endswith("(pieter) is not active")


def test_the_user_found_is_kept_privately_for_the_same_account_and_address(
    tmp_path: Path,
) -> None:
    store = IdentityStore("acme / EU", root=tmp_path)
    found = AgentIdentity(4, "Demo Agent", "demo@example.com")
    store.save("https://acme.omnidesk.com", "demo@example.com", found)
    assert store.path == tmp_path / "acme---eu.json"
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.load("https://acme.omnidesk.com", "Demo@Example.com") == found
    assert store.load("https://other.omnidesk.com", "demo@example.com") is None
    assert store.load("https://acme.omnidesk.com", "someone@example.com") is None
    store.path.write_text('{"version": 1, "user_id": "4"')  # damaged: looked up again
    assert store.load("https://acme.omnidesk.com", "demo@example.com") is None


async def test_found_once_then_read_from_the_file(shared: SandboxServer, tmp_path: Path) -> None:
    store = IdentityStore("sandbox", root=tmp_path)
    setting = AgentSetting("demo@example.com")
    async with OmnideskClient(shared.url, shared.api_key) as client:
        first = await find_agent(client, setting, store, shared.url)
        again = await find_agent(client, setting, store, shared.url)
        configured = await find_agent(client, AgentSetting(user_id=2), store, shared.url)
        nobody = await find_agent(client, AgentSetting(), store, shared.url)
    assert first == again == AgentIdentity(4, "Demo Agent", "demo@example.com")
    assert [r.path for r in shared.requests] == ["/api/v2/user"]  # once
    assert (configured.user_id, configured.label) == (2, "user 2")
    assert (nobody.known, nobody.label, nobody.problem) == (False, "Anonymous", "")


def test_the_profile_names_the_agent_and_the_environment_may_override_it(
    isolated_home: Path,
) -> None:
    path = isolated_home / "config" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(
        '[profiles.default]\nurl = "https://acme.omnidesk.com"\napi_key = "k"\n'
        'agent_email = "me@acme.com"\nuser_id = 12\n'
    )
    account = resolve_account(load_settings(), env={})
    assert (account.agent_email, account.user_id) == ("me@acme.com", 12)
    other = resolve_account(load_settings(), env={"OMNIDESK_AGENT_EMAIL": "you@acme.com"})
    assert other.agent_email == "you@acme.com"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("", ""), ("  me@acme.com ", "me@acme.com"), ("Demo Agent", "Demo Agent")],
)
def test_an_agent_address_is_checked_for_form(typed: str, kept: str) -> None:
    assert account_setup.check_agent_email(typed) == kept


@pytest.mark.parametrize("typed", ["me@", "me@acme", "m e@acme.com", "me\x1b@acme.com"])
def test_a_mistyped_address_is_refused_with_the_reason(typed: str) -> None:
    with pytest.raises(ValueError, match="e-mail address"):
        account_setup.check_agent_email(typed)
