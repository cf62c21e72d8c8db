"""Errors with codes. Each message says what went wrong with which input and how to fix it."""
from __future__ import annotations


class RealpolitikError(Exception):
    """Base class: ``code`` is stable (E0xx) so users can search for it."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class InputError(RealpolitikError):
    """An input file or record cannot be read."""

    code = "E001"

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ModelNotFound(RealpolitikError):
    code = "E002"


class StoreError(RealpolitikError):
    code = "E003"


class ScenarioError(RealpolitikError):
    code = "E004"


class DataFileError(RealpolitikError):
    code = "E005"
