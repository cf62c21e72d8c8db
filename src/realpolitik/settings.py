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
            if isinstance(value, list):
                values[key] = [v.strip() for v in env.split(",") if v.strip()]
            elif isinstance(value, int):
                values[key] = int(env)
            elif isinstance(value, float):
                values[key] = float(env)
            else:
                values[key] = env
    return data


def get(section: str, key: str) -> Any:
    return settings()[section][key]
