"""Readers, one per input format, each returning the records of :mod:`wijkverbinders.model`.

A reader is a function ``read(path, *, codebook, options) -> (documents, problems)``: every
document the file holds (one for a transcript or a Word file, several for a QDA project or a
coded-segment spreadsheet; documents with errors are left out) plus every problem found (warnings
included). A new input format is a new module here and one entry in :data:`READERS`; no stage
changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wijkverbinders.codebook import Codebook
from wijkverbinders.errors import Problem
from wijkverbinders.formats import docx, native, refi, spreadsheet
from wijkverbinders.formats.common import ReadOptions
from wijkverbinders.model import CodedDocument

Reader = Callable[..., tuple[list[CodedDocument], list[Problem]]]


def _native(path, *, codebook: Codebook, options: ReadOptions | None = None):
    document, problems = native.read(path, codebook=codebook, options=options)
    return ([document] if document is not None else []), problems


#: Formats of other tools: suffix -> ``extract(path, folder=...) -> (sources, problems)``.
EXTRACTORS = {
    **{suffix: refi.extract for suffix in refi.SUFFIXES},
    **{suffix: docx.extract for suffix in docx.SUFFIXES},
    **{suffix: spreadsheet.extract for suffix in spreadsheet.SUFFIXES},
}
READERS: dict[str, Reader] = {
    suffix: module.read for module in (refi, docx, spreadsheet) for suffix in module.SUFFIXES
} | {suffix: _native for suffix in native.SUFFIXES}
# Bumped whenever a reader's output changes, so that cached validation results are redone.
READER_VERSION = "5"

__all__ = ["EXTRACTORS", "READERS", "READER_VERSION", "ReadOptions", "read_source", "reader_for"]


def reader_for(path: str | Path) -> Reader | None:
    """The reader for a file, by its extension (case-insensitive), or None."""
    return READERS.get(Path(path).suffix.lower())


def read_source(
    path: str | Path, *, codebook: Codebook, options: ReadOptions | None = None
) -> tuple[list[CodedDocument], list[Problem]]:
    """Read any supported file; a file no reader knows is a problem, not a silent skip."""
    reader = reader_for(path)
    if reader is None:
        known = ", ".join(sorted(READERS))
        return [], [
            Problem(
                str(path),
                0,
                f"no reader for '{Path(path).suffix or Path(path).name}' files (readable: "
                f"{known}); convert it or move it out of the corpus folder",
            )
        ]
    return reader(path, codebook=codebook, options=options or ReadOptions())
