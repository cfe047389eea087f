"""The validating reader: :mod:`omnitui.settings.schema` as a pydantic-settings model, for a file
or an environment the quick reader in :mod:`omnitui.settings.load` does not take as it is.

It coerces what pydantic coerces (``auto_refresh = "15"``), reads ``OMNITUI_*`` overrides as
pydantic-settings does, and names every wrong value. The model is built from the schema's
dataclasses, so no setting is listed here. Imported only when needed: pydantic and
pydantic-settings take about a quarter of a second to import.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, create_model
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from omnitui.settings.schema import ENV_PREFIX, ConfigError, Settings, limits


class _FileThenEnvironment(BaseSettings):
    """The file's values come in as init arguments; the environment overrides them."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra=Settings.UNKNOWN_KEYS)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (env_settings, init_settings)


def _fields_of(schema: type) -> dict[str, Any]:
    """``create_model`` arguments for the fields of a schema dataclass."""
    hints = typing.get_type_hints(schema)
    definitions: dict[str, Any] = {}
    for setting in dataclasses.fields(schema):
        if setting.default_factory is not dataclasses.MISSING:
            default = Field(default_factory=setting.default_factory, **limits(setting))
        else:
            default = Field(default=setting.default, **limits(setting))
        definitions[setting.name] = (_pydantic_type(hints[setting.name]), default)
    return definitions


def _pydantic_type(hint: Any) -> Any:
    """The type with each schema dataclass in it replaced by a model that returns the dataclass."""
    if dataclasses.is_dataclass(hint):
        model = create_model(
            f"{hint.__name__}Model",
            __config__=ConfigDict(extra=hint.UNKNOWN_KEYS),
            **_fields_of(hint),
        )
        return Annotated[model, AfterValidator(lambda value: hint(**dict(value)))]
    args = typing.get_args(hint)
    if not args:
        return hint
    inner = tuple(_pydantic_type(arg) for arg in args)
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return typing.Union[inner]  # noqa: UP007 (a union built from a tuple of types)
    return typing.get_origin(hint)[inner]


SettingsModel: type[BaseSettings] = create_model(
    "SettingsModel", __base__=_FileThenEnvironment, **_fields_of(Settings)
)


def validated_settings(data: dict[str, Any]) -> Settings:
    """Settings from the parsed file ``data`` and the environment, or a :class:`ConfigError`."""
    # Leading underscores are BaseSettings' own arguments (_env_prefix, ...), never settings.
    values = {key: value for key, value in data.items() if not key.startswith("_")}
    try:
        model: BaseModel = SettingsModel(**values)
    except ValidationError as exc:
        raise ConfigError.invalid(
            [f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()]
        ) from None
    except ValueError as exc:  # an OMNITUI_* value that is not JSON where a table is expected
        raise ConfigError.unreadable(exc) from None
    return Settings(**dict(model))
