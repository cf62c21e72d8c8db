"""Load defaults from settings.toml; environment variables RP_SECTION_KEY override them."""
from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

_PATH = Path(__file__).with_name("settings.toml")


@lru_cache(maxsize=1)
def settings() -> dict[str, dict[str, Any]]:
    data = tomllib.loads(_PATH.read_text(encoding="utf-8"))
    for section, values in data.items():
        for key, value in values.items():
            env = os.environ.get(f"RP_{section}_{key}".upper())
            if env is None:
                continue
            values[key] = _from_env(env, value, f"RP_{section}_{key}".upper(), f"[{section}] {key}")
    return data


def _from_env(env: str, default: Any, name: str, setting: str) -> Any:
    """An environment value as the setting's type; a one-line OptionError naming the variable otherwise."""
    if isinstance(default, list):
        return [v.strip() for v in env.split(",") if v.strip()]
    if isinstance(default, bool) or not isinstance(default, (int, float)):
        return env
    kind = int if isinstance(default, int) else float
    try:
        return kind(env.strip())
    except ValueError:
        from .errors import OptionError

        raise OptionError(f"{name}={env[:40]!r}: {setting} must be {'a whole number' if kind is int else 'a number'}, "
                          f"like the default {default!r}") from None


def get(section: str, key: str) -> Any:
    return settings()[section][key]
