"""Errors a user can fix: they carry a message that names the file, line and what to do."""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, NOTE = "error", "warning", "note"


class InputError(Exception):
    """A problem with the user's input (a file, the config, the codebook). No traceback needed."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in an input file, reported as ``path:line: message``.

    ``severity`` is ``error`` (the input cannot be used as it is), ``warning`` (it is used, but
    probably not as meant) or ``note`` (something was deliberately left out, such as a
    ``Thumbs.db``; notes go into the ingest ledger).
    """

    path: str
    line: int
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = self.path if self.line <= 0 else f"{self.path}:{self.line}"
        prefix = "" if self.severity == ERROR else f"{self.severity}: "
        return f"{where}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


class ValidationFailed(InputError):
    """Raised when one or more input files have errors; holds all problems found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        errors = len(errors_only(self.problems))
        header = f"{errors} problem{'s' if errors != 1 else ''} in the input:"
        super().__init__("\n".join([header, *map(str, self.problems)]))
