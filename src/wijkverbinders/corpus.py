"""Finding, validating and loading the transcripts of one or more corpus folders.

A corpus folder holds one sub-folder per municipality with one ``.txt`` file per interview or
observation. Folders whose name starts with ``_`` or ``.`` (for example a second coder's copies in
``_coder_b/``) are not part of the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from wijkverbinders.codebook import Codebook
from wijkverbinders.errors import InputError, Problem, ValidationFailed
from wijkverbinders.transcript import Document, parse_document


@dataclass(frozen=True)
class SourceFile:
    """A transcript file and the corpus folder it was found in."""

    path: Path
    corpus_root: Path


def _hidden(part: str) -> bool:
    return part.startswith(("_", "."))


def find_transcripts(paths: Iterable[str | Path]) -> list[SourceFile]:
    """All transcript files in the given corpus folders or files, sorted, without duplicates.

    Args:
        paths: Corpus folders (searched recursively for ``*.txt``) or single files.

    Raises:
        InputError: When a path does not exist or a folder holds no transcript.
    """
    found: dict[Path, SourceFile] = {}
    for given in map(Path, paths):
        if given.is_file():
            found.setdefault(given, SourceFile(given, given.parent.parent))
        elif given.is_dir():
            files = [
                p
                for p in sorted(given.rglob("*.txt"))
                if not any(_hidden(part) for part in p.relative_to(given).parts)
            ]
            if not files:
                raise InputError(f"{given}: no transcript (.txt) files found in this folder")
            for file in files:
                found.setdefault(file, SourceFile(file, given))
        else:
            raise InputError(f"{given}: no such file or folder")
    return sorted(found.values(), key=lambda source: source.path.as_posix())


def stray_files(paths: Iterable[str | Path]) -> list[Problem]:
    """Files in corpus folders that are not read as transcripts (so would be silently lost).

    READMEs and hidden files are allowed; anything else (``.docx``, ``.TXT``, ``.md``) is a
    problem, so that no document goes missing without a word.
    """
    problems = []
    for given in map(Path, paths):
        if not given.is_dir():
            continue
        for path in sorted(given.rglob("*")):
            parts = path.relative_to(given).parts
            if path.is_dir() or any(_hidden(part) for part in parts):
                continue
            if path.suffix == ".txt" or path.name.upper().startswith("README"):
                continue
            problems.append(
                Problem(
                    str(path),
                    0,
                    "not read: only UTF-8 .txt transcripts are read; convert this file to "
                    "the transcript format (see README) or move it out of the corpus folder",
                )
            )
    return problems


def load_documents(sources: Iterable[SourceFile], codebook: Codebook) -> list[Document]:
    """Parse all files, collecting every problem (including duplicate ids) before failing.

    Raises:
        ValidationFailed: With all problems of all files.
    """
    documents: list[Document] = []
    problems: list[Problem] = []
    first_path: dict[str, str] = {}
    for source in sources:
        try:
            document = parse_document(source.path, codebook, corpus_root=source.corpus_root)
        except ValidationFailed as failed:
            problems.extend(failed.problems)
            continue
        if document.id in first_path:
            problems.append(
                Problem(
                    document.path,
                    1,
                    f"duplicate id '{document.id}' (also used by {first_path[document.id]}): "
                    "give each document its own id",
                )
            )
            continue
        first_path[document.id] = document.path
        documents.append(document)
    if problems:
        raise ValidationFailed(problems)
    return documents


def load_study(
    corpus: Iterable[str | Path], second_coding: Iterable[str | Path], codebook: Codebook
) -> tuple[list[Document], list[Document]]:
    """Load and check the corpus and any second codings of it, reporting every problem.

    Returns:
        The primary documents and the second coder's documents.

    Raises:
        ValidationFailed: With all problems of all files, including second codings that do
            not match their primary document.
        InputError: When a folder is missing or empty.
    """
    from wijkverbinders.agreement import match_problems

    corpus, second_coding = list(corpus), list(second_coding)
    problems: list[Problem] = stray_files([*corpus, *second_coding])
    primary: list[Document] = []
    second: list[Document] = []
    try:
        primary = load_documents(find_transcripts(corpus), codebook)
    except ValidationFailed as failed:
        problems.extend(failed.problems)
    try:
        second = load_documents(find_transcripts(second_coding), codebook)
    except ValidationFailed as failed:
        problems.extend(failed.problems)
    if not problems:
        problems.extend(match_problems(primary, second))
    if problems:
        raise ValidationFailed(problems)
    return primary, second


def validate_paths(
    paths: Iterable[str | Path], codebook: Codebook, *, second_coding: Iterable[str | Path] = ()
) -> list[Problem]:
    """Every problem in the given files and folders; an empty list means all is well."""
    try:
        load_study(paths, second_coding, codebook)
    except ValidationFailed as failed:
        return failed.problems
    except InputError as error:
        where, _, message = str(error).partition(": ")
        return [Problem(where, 0, message)]
    return []
