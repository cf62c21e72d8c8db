"""Driver errors as store errors: one wrapper for every store implementation."""
from __future__ import annotations

from ..errors import StoreError


class DriverErrors:
    """Turns a driver error (``kind``) raised inside the block into a StoreError saying what was being done."""

    def __init__(self, path: str, doing: str, kind: type) -> None:
        self.path, self.doing, self.kind = path, doing, kind

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, exc: BaseException | None, _tb: object) -> bool:
        if isinstance(exc, self.kind):
            raise StoreError(f"{self.path}: cannot {self.doing} ({first_line(exc)})") from None
        return False


def first_line(exc: BaseException) -> str:
    """The driver's message on one line, cut to a readable length."""
    return " ".join(str(exc).split())[:300]
