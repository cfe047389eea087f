"""Settings: the config file, the environment, and the account a run talks to.

Priority, highest first: command-line flags, the environment (``OMNIDESK_URL``,
``OMNIDESK_API_KEY``), then ``config.toml`` with ``[profiles.NAME]`` tables. The api key is a
``SecretStr`` from the moment it is read, so it never shows in a repr or a traceback. What the
file may hold is :mod:`omnitui.settings.schema`; its names are importable from here too.
"""

from __future__ import annotations

import dataclasses
import operator
import os
import shlex
import stat
import subprocess
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from omnitui.core import paths
from omnitui.settings.schema import (
    DEFAULT_PROFILE,
    ENV_PREFIX,
    ConfigError,
    NotConfigured,
    Profile,
    SecretStr,
    Settings,
    limits,
)

__all__ = [
    "DEFAULT_PROFILE",
    "Account",
    "ConfigError",
    "NotConfigured",
    "Profile",
    "SecretStr",
    "Settings",
    "load_settings",
    "permission_warning",
    "resolve_account",
]


@dataclass(frozen=True)
class Account:
    """Where to send requests and with which key; ``repr`` never shows the key."""

    url: str
    api_key: SecretStr
    profile: str = DEFAULT_PROFILE
    #: Who the agent is (omnitui.storage.identity): an e-mail address or name, and a user id.
    agent_email: str = ""
    user_id: int | None = None

    def __repr__(self) -> str:
        return f"Account(url={self.url!r}, profile={self.profile!r})"


def load_settings() -> Settings:
    """Read the config file; a broken file is a :class:`ConfigError`, not a traceback.

    A file (and environment) that is plainly right is read with ``tomllib`` alone. Anything
    else, from an ``OMNITUI_THEME`` to a wrong type, goes through the pydantic model of the same
    schema (:mod:`omnitui.settings.validation`), which coerces and words errors; importing it
    costs a quarter of a second that a normal start should not spend before its first frame.
    """
    path = paths.config_file().expanduser()
    try:
        data = _read_toml(path)
    except (OSError, ValueError) as exc:  # unreadable file, TOML syntax error
        raise ConfigError.unreadable(exc) from None
    if not _overridden_by_environment():
        plain = _plain(data, Settings)
        if plain is not _NOT_PLAIN:
            return plain
    from omnitui.settings.validation import validated_settings

    return validated_settings(data)


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}  # as pydantic-settings: no file (or a folder) is an empty one
    import tomllib  # only when there is a file: a few ms a start with the environment alone

    with path.open("rb") as file:
        return tomllib.load(file)


def _overridden_by_environment() -> bool:
    """``OMNITUI_THEME`` and the like (any case, as pydantic-settings matches them)."""
    names = {f"{ENV_PREFIX}{setting.name}".lower() for setting in dataclasses.fields(Settings)}
    return any(key.lower() in names for key in os.environ)


#: What :func:`_plain` returns for a value that the validating reader must decide about.
_NOT_PLAIN: Any = object()
_COMPARISONS = {"ge": operator.ge, "gt": operator.gt, "le": operator.le, "lt": operator.lt}


def _plain(value: Any, hint: Any) -> Any:
    """``value`` as the schema type ``hint`` if it needs no coercion and is right; else _NOT_PLAIN.

    Only exact types pass (``"15"`` is no ``int`` here, ``True`` neither): whatever this
    reader does not take, pydantic does or names the problem, so the two never disagree.
    """
    if dataclasses.is_dataclass(hint):
        return _plain_table(value, hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is types.UnionType or origin is typing.Union:
        for option in args:
            plain = _plain(value, option)
            if plain is not _NOT_PLAIN:
                return plain
        return _NOT_PLAIN
    if origin is dict and isinstance(value, dict):
        plain_dict = {}
        for key, item in value.items():
            plain_key, plain_item = _plain(key, args[0]), _plain(item, args[1])
            if plain_key is _NOT_PLAIN or plain_item is _NOT_PLAIN:
                return _NOT_PLAIN
            plain_dict[plain_key] = plain_item
        return plain_dict
    if hint is SecretStr:
        return SecretStr(value) if type(value) is str else _NOT_PLAIN
    if hint is type(None):
        return None if value is None else _NOT_PLAIN
    if hint in (str, int, float, bool) and type(value) is hint:
        return value
    return _NOT_PLAIN  # a type this reader does not know: the validating reader decides


def _plain_table(value: Any, schema: Any) -> Any:
    if not isinstance(value, dict):
        return _NOT_PLAIN
    settings = {setting.name: setting for setting in dataclasses.fields(schema)}
    unknown = value.keys() - settings.keys()
    if unknown and schema.UNKNOWN_KEYS != "ignore":
        return _NOT_PLAIN
    if any(key.lower() in settings for key in unknown):
        return _NOT_PLAIN  # "Theme": pydantic-settings matches it; let it decide
    hints = typing.get_type_hints(schema)
    given: dict[str, Any] = {}
    for name in value.keys() & settings.keys():
        plain = _plain(value[name], hints[name])
        if plain is _NOT_PLAIN or not _within(plain, limits(settings[name])):
            return _NOT_PLAIN
        given[name] = plain
    return schema(**given)


def _within(value: Any, bounds: dict[str, Any]) -> bool:
    if value is None or not bounds:
        return True  # as pydantic: the limits of an ``int | None`` are the int's
    if not bounds.keys() <= _COMPARISONS.keys():
        return False  # a limit this reader does not check
    return all(_COMPARISONS[name](value, bound) for name, bound in bounds.items())


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
    url_env, key_env = _override("url"), _override("api_key")
    url = env.get(url_env) or chosen.url
    key = env.get(key_env) or _key_from(chosen, profile)
    if not url or not key:
        missing = " and ".join(
            name for name, value in ((url_env, url), (key_env, key)) if not value
        )
        raise NotConfigured(
            f"No Omnidesk account is configured (missing {missing}).\n"
            f"Set {url_env} (e.g. https://acme.omnidesk.com) and {key_env}, or add a "
            f"[profiles.{profile}] table with url and api_key (or api_key_command) to "
            f"{paths.config_file()}.\nTo try omnitui without an account: omnitui --demo",
            url=url,
        )
    agent = env.get(_override("agent_email")) or chosen.agent_email or ""
    return Account(
        url=url,
        api_key=SecretStr(key),
        profile=profile,
        agent_email=agent.strip(),
        user_id=chosen.user_id,
    )


def _override(name: str) -> str:
    """The environment variable that overrides the profile setting ``name`` (the schema's)."""
    return next(f.metadata["env"] for f in dataclasses.fields(Profile) if f.name == name)


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
