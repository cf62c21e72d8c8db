"""Read the package's tab-separated data tables (and users' own files in the same format)."""
from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from .errors import DataFileError


def rows(path: Path) -> Iterator[list[str]]:
    """Yield the non-comment rows of a TSV file, cells stripped."""
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip() or line.startswith("#"):
                    continue
                yield [cell.strip() for cell in line.rstrip("\n").split("\t")]
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read data file ({exc})") from None


def package_file(package: str, name: str) -> Path:
    return Path(str(resources.files(package).joinpath("data", name)))


def dict_rows(path: Path) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")
