"""Errors a user can fix: they carry a message that names the file, line and what to do."""

from __future__ import annotations

from dataclasses import dataclass


class InputError(Exception):
    """A problem with the user's input (a file, the config, the codebook). No traceback needed."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in an input file, reported as ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class ValidationFailed(InputError):
    """Raised when one or more input files have problems; holds all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the input:"
        super().__init__("\n".join([header, *map(str, self.problems)]))
