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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from omnitui import paths

DEFAULT_PROFILE = "default"


class ConfigError(Exception):
    """Configuration is missing or wrong; the message says what to set."""


class NotConfigured(ConfigError):
    """No account at all yet: the app can offer its welcome screen instead of stopping."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        #: The URL if only the key is missing, to fill in for the user.
        self.url = url


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = None
    api_key: SecretStr | None = None
    api_key_command: str | None = Field(
        default=None, description="a command whose output is the key, e.g. 'pass show omnidesk'"
    )


class Settings(BaseSettings):
    """Everything ``config.toml`` may hold; ``OMNITUI_*`` environment variables override it."""

    model_config = SettingsConfigDict(env_prefix="OMNITUI_", extra="ignore")

    profiles: dict[str, Profile] = Field(default_factory=dict)
    theme: str | None = None
    #: Binding id -> keys, as Textual's ``App.set_keymap`` takes them.
    keymap: dict[str, str] = Field(default_factory=dict)
    #: Seconds between refreshes of the open ticket; 0 is off.
    auto_refresh: int = Field(default=0, ge=0)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=paths.config_file())
        return (init_settings, env_settings, toml)


@dataclass(frozen=True)
class Account:
    """Where to send requests and with which key; ``repr`` never shows the key."""

    url: str
    api_key: SecretStr
    profile: str = DEFAULT_PROFILE

    def __repr__(self) -> str:
        return f"Account(url={self.url!r}, profile={self.profile!r})"


def load_settings() -> Settings:
    """Read the config file; a broken file is a :class:`ConfigError`, not a traceback."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"{paths.config_file()} is not valid: {problems}") from None
    except (OSError, ValueError) as exc:  # unreadable file, TOML syntax error
        raise ConfigError(f"{paths.config_file()} could not be read: {exc}") from None


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


def profile_names(settings: Settings) -> list[str]:
    return sorted(settings.profiles)


def describe(settings: Settings) -> dict[str, Any]:
    """What is configured, without secrets: for ``--help``-style output and debugging."""
    return {
        name: {"url": p.url, "key": "set" if (p.api_key or p.api_key_command) else "missing"}
        for name, p in settings.profiles.items()
    }
