"""The settings ``config.toml`` may hold: each one listed once, with its type, default and limits.

Both readers are derived from these dataclasses: the quick one in :mod:`omnitui.settings.load`,
which takes a file whose values are already of the right type without importing pydantic (a
quarter of a second before the first frame), and the validating one in
:mod:`omnitui.settings.validation`, which coerces everything else and words its errors.

A new setting is one field here: its type annotation, its default, and in ``metadata`` the
limits pydantic's ``Field`` takes (``ge``, ``le``, ...) and, under ``"env"``, a variable of its own
that overrides it. ``OMNITUI_<NAME>`` overrides any top-level field without more code. Nothing
here imports pydantic.
"""

from __future__ import annotations

from dataclasses import Field, dataclass, field
from typing import Any, ClassVar

from omnitui.core import paths

#: ``OMNITUI_THEME`` and the like override the file's top-level settings (any case).
ENV_PREFIX = "OMNITUI_"
DEFAULT_PROFILE = "default"


def limits(setting: Field[Any]) -> dict[str, Any]:
    """The ``Field`` constraints of a setting (its ``metadata`` less its ``"env"``)."""
    return {key: value for key, value in setting.metadata.items() if key != "env"}


class ConfigError(Exception):
    """Configuration is missing or wrong; the message says what to set."""

    @classmethod
    def unreadable(cls, problem: object) -> ConfigError:
        """The file (or an ``OMNITUI_*`` value) cannot be parsed at all."""
        return cls(f"{paths.config_file()} could not be read: {problem}")

    @classmethod
    def invalid(cls, problems: list[str]) -> ConfigError:
        """The file parses, but values in it are wrong: each named as ``where: what``."""
        return cls(f"{paths.config_file()} is not valid: {'; '.join(problems)}")


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

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """Validated as a ``str`` (same errors), then wrapped; only the validating reader asks."""
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(cls, core_schema.str_schema())


@dataclass(frozen=True)
class Profile:
    """One ``[profiles.NAME]`` table; a field's ``metadata["env"]`` overrides it in whichever
    profile is chosen."""

    #: What to do with keys that are not settings: a misspelt ``api_key`` must not pass unseen.
    UNKNOWN_KEYS: ClassVar[str] = "forbid"

    url: str | None = field(default=None, metadata={"env": "OMNIDESK_URL"})
    api_key: SecretStr | None = field(default=None, metadata={"env": "OMNIDESK_API_KEY"})
    #: A command whose output is the key, e.g. ``pass show omnidesk``.
    api_key_command: str | None = None
    #: A ticket's page in the agent interface, ``{id}`` for its number (``b`` and ``u``), e.g.
    #: ``https://acme.omnidesk.com/ticket/{id}``: Omnidesk documents no such address.
    web_url: str | None = field(default=None, metadata={"env": "OMNIDESK_WEB_URL"})
    #: The agent's e-mail address in Omnidesk (or their user name): replies and notes are sent
    #: as that user, found once with ``GET /user``; without it (and ``user_id``), as Anonymous.
    agent_email: str | None = field(default=None, metadata={"env": "OMNIDESK_AGENT_EMAIL"})
    #: The agent's Omnidesk user id, when it is known (no lookup is needed then).
    user_id: int | None = field(default=None, metadata={"ge": 1})


@dataclass
class Settings:
    """Everything ``config.toml`` may hold; ``OMNITUI_*`` environment variables override it."""

    #: Other top-level keys are ignored, as they always were.
    UNKNOWN_KEYS: ClassVar[str] = "ignore"

    profiles: dict[str, Profile] = field(default_factory=dict)
    theme: str | None = None
    #: Binding id -> keys, as Textual's ``App.set_keymap`` takes them.
    keymap: dict[str, str] = field(default_factory=dict)
    #: Seconds between refreshes of the open ticket; 0 is off.
    auto_refresh: int = field(default=0, metadata={"ge": 0})
    #: Where ``d`` saves attachments; unset: ``~/Downloads`` if it exists, else the current folder.
    download_dir: str | None = None
