"""The pydantic schema of ``config.toml``, for files the quick reader in
:mod:`omnitui.settings.load` does not accept as they are: it coerces what pydantic coerces and
words every error.

Imported only then, because pydantic and pydantic-settings take about a quarter of a second to
import, which every start would otherwise pay before its first frame.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from omnitui.core import paths


class ProfileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = None
    api_key: SecretStr | None = None
    api_key_command: str | None = Field(
        default=None, description="a command whose output is the key, e.g. 'pass show omnidesk'"
    )


class SettingsModel(BaseSettings):
    """Everything ``config.toml`` may hold; ``OMNITUI_*`` environment variables override it."""

    model_config = SettingsConfigDict(env_prefix="OMNITUI_", extra="ignore")

    profiles: dict[str, ProfileModel] = Field(default_factory=dict)
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
