"""Settings: the config file, the environment, and the account a run talks to.

Priority, highest first: command-line flags, the environment (``OMNIDESK_URL``,
``OMNIDESK_API_KEY``), then ``config.toml`` with ``[profiles.NAME]`` tables. The api key is a
``SecretStr`` from the moment it is read, so it never shows in a repr or a traceback.
"""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from omnitui.core import paths

DEFAULT_PROFILE = "default"

#: The settings ``config.toml`` (and ``OMNITUI_<NAME>``) may set; other top-level keys are ignored.
FIELDS = frozenset({"profiles", "theme", "keymap", "auto_refresh"})
PROFILE_FIELDS = frozenset({"url", "api_key", "api_key_command"})


class ConfigError(Exception):
    """Configuration is missing or wrong; the message says what to set."""


class NotConfigured(ConfigError):
    """No account at all yet: the app can offer its welcome screen instead of stopping."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        #: The URL if only the key is missing, to fill in for the user.
        self.url = url


class SecretStr:
    """An api key that never shows in a repr, a str or a traceback (as pydantic's SecretStr).

    Our own, so that reading the configuration does not import pydantic before the first frame.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "SecretStr('**********')"

    def __str__(self) -> str:
        return "**********" if self._value else ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SecretStr) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class Profile:
    """One ``[profiles.NAME]`` table."""

    url: str | None = None
    api_key: SecretStr | None = None
    #: A command whose output is the key, e.g. ``pass show omnidesk``.
    api_key_command: str | None = None


@dataclass
class Settings:
    """Everything ``config.toml`` may hold; ``OMNITUI_*`` environment variables override it."""

    profiles: dict[str, Profile] = field(default_factory=dict)
    theme: str | None = None
    #: Binding id -> keys, as Textual's ``App.set_keymap`` takes them.
    keymap: dict[str, str] = field(default_factory=dict)
    #: Seconds between refreshes of the open ticket; 0 is off.
    auto_refresh: int = 0


@dataclass(frozen=True)
class Account:
    """Where to send requests and with which key; ``repr`` never shows the key."""

    url: str
    api_key: SecretStr
    profile: str = DEFAULT_PROFILE

    def __repr__(self) -> str:
        return f"Account(url={self.url!r}, profile={self.profile!r})"


def load_settings() -> Settings:
    """Read the config file; a broken file is a :class:`ConfigError`, not a traceback.

    A file (and environment) that is plainly right is read with ``tomllib`` alone. Anything
    else, from an ``OMNITUI_THEME`` to a wrong type, goes through the pydantic schema
    (:mod:`omnitui.settings.model`), which coerces and words errors; importing it costs a quarter
    of a second that a normal start should not spend before its first frame.
    """
    path = paths.config_file().expanduser()
    try:
        data = _read_toml(path)
    except (OSError, ValueError) as exc:  # unreadable file, TOML syntax error
        raise ConfigError(f"{paths.config_file()} could not be read: {exc}") from None
    if not _overridden_by_environment():
        quick = _plain_settings(data)
        if quick is not None:
            return quick
    return _validated_settings()


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}  # as pydantic-settings: no file (or a folder) is an empty one
    import tomllib  # only when there is a file: a few ms a start with the environment alone

    with path.open("rb") as file:
        return tomllib.load(file)


def _overridden_by_environment() -> bool:
    """``OMNITUI_THEME`` and the like (any case, as pydantic-settings matches them)."""
    names = {f"omnitui_{name}" for name in FIELDS}
    return any(key.lower() in names for key in os.environ)


def _plain_settings(data: dict[str, Any]) -> Settings | None:
    """Settings from a file that needs no coercion and has no error; None for anything else."""
    if any(key not in FIELDS and key.lower() in FIELDS for key in data):
        return None  # "Theme": pydantic-settings matches it; let it decide
    profiles = data.get("profiles", {})
    keymap = data.get("keymap", {})
    theme = data.get("theme")
    auto_refresh = data.get("auto_refresh", 0)
    if not (isinstance(profiles, dict) and isinstance(keymap, dict)):
        return None
    if not all(isinstance(keys, str) for keys in keymap.values()):
        return None
    if theme is not None and not isinstance(theme, str):
        return None
    if type(auto_refresh) is not int or auto_refresh < 0:
        return None
    plain: dict[str, Profile] = {}
    for name, table in profiles.items():
        if not isinstance(table, dict) or not set(table) <= PROFILE_FIELDS:
            return None
        if not all(isinstance(value, str) for value in table.values()):
            return None
        key = table.get("api_key")
        plain[name] = Profile(
            url=table.get("url"),
            api_key=None if key is None else SecretStr(key),
            api_key_command=table.get("api_key_command"),
        )
    return Settings(profiles=plain, theme=theme, keymap=dict(keymap), auto_refresh=auto_refresh)


def _validated_settings() -> Settings:
    from pydantic import ValidationError

    from omnitui.settings.model import SettingsModel

    try:
        model = SettingsModel()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"{paths.config_file()} is not valid: {problems}") from None
    except (OSError, ValueError) as exc:  # unreadable file, TOML syntax error
        raise ConfigError(f"{paths.config_file()} could not be read: {exc}") from None
    return Settings(
        profiles={
            name: Profile(
                url=profile.url,
                api_key=(
                    None
                    if profile.api_key is None
                    else SecretStr(profile.api_key.get_secret_value())
                ),
                api_key_command=profile.api_key_command,
            )
            for name, profile in model.profiles.items()
        },
        theme=model.theme,
        keymap=dict(model.keymap),
        auto_refresh=model.auto_refresh,
    )


def resolve_account(
    settings: Settings,
    profile: str = DEFAULT_PROFILE,
    *,
    env: dict[str, str] | None = None,
) -> Account:
    """Pick the account for ``profile``, letting the environment override the file."""
    env = dict(os.environ) if env is None else env
    chosen = settings.profiles.get(profile)
    if chosen is None and profile != DEFAULT_PROFILE:
        known = ", ".join(sorted(settings.profiles)) or "none"
        raise ConfigError(f"There is no profile {profile!r} in {paths.config_file()} ({known}).")
    chosen = chosen or Profile()
    url = env.get("OMNIDESK_URL") or chosen.url
    key = env.get("OMNIDESK_API_KEY") or _key_from(chosen, profile)
    if not url or not key:
        missing = " and ".join(
            name for name, value in (("OMNIDESK_URL", url), ("OMNIDESK_API_KEY", key)) if not value
        )
        raise NotConfigured(
            f"No Omnidesk account is configured (missing {missing}).\n"
            "Set OMNIDESK_URL (e.g. https://acme.omnidesk.com) and OMNIDESK_API_KEY, or add a "
            f"[profiles.{profile}] table with url and api_key (or api_key_command) to "
            f"{paths.config_file()}.\nTo try omnitui without an account: omnitui --demo",
            url=url,
        )
    return Account(url=url, api_key=SecretStr(key), profile=profile)


def _key_from(profile: Profile, name: str) -> str | None:
    if profile.api_key is not None:
        return profile.api_key.get_secret_value()
    if not profile.api_key_command:
        return None
    try:
        done = subprocess.run(
            shlex.split(profile.api_key_command),
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise ConfigError(f"api_key_command of profile {name!r} could not run: {exc}") from None
    if done.returncode != 0:
        raise ConfigError(
            f"api_key_command of profile {name!r} failed (exit {done.returncode}); "
            "its output is not shown because it may contain the key."
        )
    key = done.stdout.strip()
    if not key:
        raise ConfigError(f"api_key_command of profile {name!r} printed nothing.")
    return key


def permission_warning(path: Path | None = None) -> str | None:
    """Warn, as ssh does, when a config file holding a key can be read by others."""
    path = path or paths.config_file()
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    if mode & (stat.S_IRWXG | stat.S_IRWXO) and "api_key" in text.replace("api_key_command", ""):
        return (
            f"{path} holds an API key and can be read by other users "
            f"(mode {stat.S_IMODE(mode):o}); run: chmod 600 {path}"
        )
    return None

