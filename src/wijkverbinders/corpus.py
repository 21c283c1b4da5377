"""Finding, checking and loading the documents of a study.

A corpus folder holds one sub-folder per municipality with one file per interview or observation,
in any format a reader in :mod:`wijkverbinders.formats` knows. Nothing is skipped in silence:
hidden files, ``Thumbs.db``, Word lock files (``~$...``) and READMEs are left out with a *note*
(they appear in the ingest ledger), broken links and files no reader knows are errors, and
folders whose name starts with ``_`` (such as the double coding in ``_double_coding/``) are left
out with a note unless they are configured as second codings.

Checks that need the whole study (duplicate ids, one municipality or job title spelt two ways,
second codings that do not match their primary, demo and real data in one municipality) run on
:class:`SourceSummary` records, which can be cached per file so that a large study is not
re-read on every Snakemake call.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from wijkverbinders.codebook import Codebook
from wijkverbinders.errors import NOTE, WARNING, Problem, ValidationFailed, errors_only
from wijkverbinders.formats import (
    READER_VERSION,
    READERS,
    ReadOptions,
    read_source,
    reader_for,
)
from wijkverbinders.model import CodedDocument, normalise_key

PRIMARY, SECOND = "primary", "second"
_JUNK = {"thumbs.db", "desktop.ini", ".ds_store", "ehthumbs.db"}


@dataclass(frozen=True)
class SourceFile:
    """A file to read, the corpus folder it was found in, and whether it is a second coding."""

    path: Path
    corpus_root: Path
    role: str = PRIMARY

    @property
    def folder(self) -> str:
        """The first folder below the corpus root (the municipality folder), or ''."""
        try:
            parts = self.path.relative_to(self.corpus_root).parts
        except ValueError:
            return ""
        return parts[0] if len(parts) > 1 else ""


def _note(path: Path, message: str) -> Problem:
    return Problem(str(path), 0, message, NOTE)


def _skip_reason(name: str) -> str | None:
    lowered = name.casefold()
    if lowered in _JUNK:
        return "skipped: system file, not a transcript"
    if name.startswith("~$"):
        return "skipped: Word lock file (is the document still open in Word?), not a transcript"
    if name.startswith("."):
        return "skipped: hidden file"
    if lowered.startswith("readme"):
        return "skipped: README, not a transcript"
    if lowered.endswith(".qdc"):
        return (
            "skipped: a REFI-QDA codebook, not documents (the pipeline's codes come from the "
            "codebook in config.yaml; list its codes with: wijkverbinders import FILE --out DIR)"
        )
    return None


def find_sources(
    paths: Iterable[str | Path], *, role: str = PRIMARY, exclude: Iterable[str | Path] = ()
) -> tuple[list[SourceFile], list[Problem]]:
    """Every file to read in the given folders (or the given files), and what was left out.

    Folders are searched recursively, following links to folders (each real folder once).

    Args:
        paths: Corpus folders or single files.
        role: ``primary`` or ``second`` (a second coder's copies).
        exclude: Folders read separately (second codings), left out without a note.

    Returns:
        The sources, sorted by path, and problems: errors (missing folder, broken link, file
        no reader knows, folder without any document) and notes (files deliberately skipped).
    """
    excluded = {Path(p).absolute() for p in exclude}
    sources: dict[Path, SourceFile] = {}
    problems: list[Problem] = []
    for given in map(Path, paths):
        if given.is_file():
            sources.setdefault(given, SourceFile(given, given.parent.parent, role))
            continue
        if not given.is_dir():
            problems.append(Problem(str(given), 0, "no such file or folder"))
            continue
        before = len(sources)
        seen_dirs: set[str] = set()
        for folder, dirs, files in os.walk(given, followlinks=True):
            real = os.path.realpath(folder)
            if real in seen_dirs:
                dirs[:] = []
                problems.append(_note(Path(folder), "skipped: a link to a folder already read"))
                continue
            seen_dirs.add(real)
            kept = []
            for name in sorted(dirs):
                sub = Path(folder, name)
                if sub.absolute() in excluded:
                    continue
                if name.startswith((".", "_")):
                    problems.append(
                        _note(sub, "skipped: folder name starts with '.' or '_' (not corpus)")
                    )
                    continue
                kept.append(name)
            dirs[:] = kept
            for name in sorted(files):
                path = Path(folder, name)
                if path.is_symlink() and not path.exists():
                    problems.append(
                        Problem(
                            str(path),
                            0,
                            f"broken link to {os.readlink(path)}: restore the file or remove "
                            "the link",
                        )
                    )
                    continue
                reason = _skip_reason(name)
                if reason:
                    problems.append(_note(path, reason))
                    continue
                if reader_for(path) is None:
                    problems.append(
                        Problem(
                            str(path),
                            0,
                            f"not read: no reader for this kind of file (readable: "
                            f"{', '.join(sorted(READERS))}; see README); convert it or move "
                            "it out of the corpus folder",
                        )
                    )
                    continue
                sources.setdefault(path, SourceFile(path, given, role))
        if len(sources) == before:
            problems.append(Problem(str(given), 0, "no documents found in this folder"))
    return sorted(sources.values(), key=lambda s: s.path.as_posix()), problems


@dataclass(frozen=True)
class SourceSummary:
    """What the study-wide checks need to know of one file; cached per file."""

    path: str
    role: str
    folder: str
    problems: tuple[Problem, ...]
    id: str = ""
    municipality: str = ""
    source_type: str = ""
    job_titles: tuple[str, ...] = ()
    synthetic: bool = False
    coder: str = ""
    text_hash: str = ""
    segments_hash: str = ""
    words: int = 0
    codings: int = 0
    where: str = ""  # the document within a file of several (``project.qdpx: 'Int 1'``)

    @property
    def ok(self) -> bool:
        return not errors_only(list(self.problems))

    @property
    def name(self) -> str:
        """How messages name the document: the file, or the document within its file."""
        return self.where or self.path


def summarise(
    source: SourceFile, documents: Sequence[CodedDocument], problems: list[Problem]
) -> list[SourceSummary]:
    """The summaries of one read file: one per document it holds (a file with errors and no
    readable document gets one summary without an id). The file's problems go with the first."""
    if not documents:
        return [SourceSummary(str(source.path), source.role, source.folder, tuple(problems))]
    summaries = []
    for number, document in enumerate(documents):
        doc = document.document
        spans = ",".join(f"{s.start}-{s.end}" for s in document.segments)
        summaries.append(
            SourceSummary(
                path=str(source.path),
                role=source.role,
                folder=source.folder,
                problems=tuple(problems) if number == 0 else (),
                id=doc.id,
                municipality=doc.municipality,
                source_type=doc.source_type,
                job_titles=tuple(r.job_title for r in doc.respondents if r.job_title),
                synthetic=doc.synthetic,
                coder=doc.coder,
                text_hash=hashlib.sha1(doc.text.encode("utf-8")).hexdigest(),
                segments_hash=hashlib.sha1(spans.encode("ascii")).hexdigest(),
                words=len(doc.text.split()),
                codings=len(document.codings),
                where=doc.source_path if doc.source_path != str(source.path) else "",
            )
        )
    return summaries


def _slug(name: str) -> str:
    return re.sub(r"[\s_]+", "-", normalise_key(name))


def study_problems(summaries: Sequence[SourceSummary]) -> list[Problem]:
    """Problems that only show across files: duplicate ids, names spelt two ways, second
    codings without a matching primary, a municipality that differs from its folder, and demo
    and real data in one municipality."""
    problems: list[Problem] = []
    readable = [s for s in summaries if s.ok]
    primary = [s for s in readable if s.role == PRIMARY]
    first: dict[tuple[str, str], SourceSummary] = {}
    for summary in readable:
        # Second codings: one copy per coder of a document (two coders may each keep a copy).
        key = (summary.role, summary.id, summary.coder if summary.role == SECOND else "")
        if key in first:
            problems.append(
                Problem(
                    summary.name,
                    1,
                    f"duplicate id '{summary.id}' (also used by {first[key].name}): give each "
                    "document its own id"
                    + (f" (both are coder '{summary.coder}')" if summary.role == SECOND else ""),
                )
            )
        else:
            first[key] = summary
    for what, values in (
        ("municipality", lambda s: [s.municipality]),
        ("job title", lambda s: list(s.job_titles)),
    ):
        spellings: dict[str, dict[str, str]] = defaultdict(dict)
        for summary in readable:
            for value in values(summary):
                spellings[normalise_key(value)].setdefault(value, summary.name)
        for variants in spellings.values():
            if len(variants) > 1:
                (one, one_path), (other, other_path) = sorted(variants.items())[:2]
                problems.append(
                    Problem(
                        other_path,
                        1,
                        f"{what} '{other}' is spelt '{one}' in {one_path}: use one spelling "
                        "(names are compared ignoring case)",
                    )
                )
    for summary in readable:
        if summary.folder and _slug(summary.folder) != _slug(summary.municipality):
            problems.append(
                Problem(
                    summary.name,
                    1,
                    f"municipality '{summary.municipality}' differs from its folder "
                    f"'{summary.folder}': check that the file is in the right folder",
                    WARNING,
                )
            )
    by_place: dict[str, set[bool]] = defaultdict(set)
    for summary in primary:
        by_place[summary.municipality].add(summary.synthetic)
    for place, flags in sorted(by_place.items()):
        if flags == {True, False}:
            problems.append(
                Problem(
                    place,
                    0,
                    "synthetic demo documents and real documents in one municipality: its "
                    "table rows say synthetic=mixed; list only real data under corpus: for "
                    "real results",
                    WARNING,
                )
            )
    by_id = {s.id: s for s in primary}
    copies = [s for s in readable if s.role == SECOND]
    coders_of: dict[str, set[str]] = defaultdict(set)
    for copy in copies:
        coders_of[copy.id].add(copy.coder)
    reported_many: set[str] = set()
    for copy in copies:
        if len(coders_of[copy.id]) > 2 and copy.id not in reported_many:
            reported_many.add(copy.id)
            problems.append(
                Problem(
                    copy.name,
                    1,
                    f"{len(coders_of[copy.id])} coders have a copy of '{copy.id}' "
                    f"({', '.join(sorted(coders_of[copy.id]))}): agreement compares two coders; "
                    "keep two copies",
                )
            )
    for copy in copies:
        original = by_id.get(copy.id)
        if original is None:
            problems.append(
                Problem(
                    copy.name,
                    1,
                    f"second coding of id '{copy.id}', but no document in the corpus has that "
                    "id: use the primary document's id",
                )
            )
        elif (copy.text_hash, copy.segments_hash) != (original.text_hash, original.segments_hash):
            problems.append(
                Problem(
                    copy.name,
                    1,
                    f"text differs from {original.name}: a second coding may change only the "
                    "code markers",
                )
            )
        elif copy.coder and copy.coder == original.coder and len(coders_of[copy.id]) == 1:
            problems.append(
                Problem(
                    copy.name,
                    1,
                    f"coder '{copy.coder}' is also the primary coder: set coder: to the second "
                    "coder (or keep both coders' copies here, each with its own coder:)",
                )
            )
    return problems


class SummaryCache:
    """Summaries of files keyed by path, size and modification time, stored as JSON.

    The key also holds the reader version and a fingerprint of what reading depends on (the
    codebook and the declared speaker labels), so a change there re-reads every file.
    """

    def __init__(self, path: str | Path, fingerprint: str):
        self.path = Path(path)
        self.fingerprint = f"{READER_VERSION}:{fingerprint}"
        self.entries: dict[str, dict] = {}
        self.dirty = False
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            if stored.get("fingerprint") == self.fingerprint:
                self.entries = stored["entries"]
        except (OSError, ValueError, KeyError):
            pass

    @staticmethod
    def _stamp(source: SourceFile) -> list:
        stat = source.path.stat()
        return [stat.st_size, stat.st_mtime_ns, str(source.corpus_root), source.role]

    def get(self, source: SourceFile) -> list[SourceSummary] | None:
        entry = self.entries.get(str(source.path))
        if entry is None or entry["stamp"] != self._stamp(source):
            return None
        summaries = []
        for stored in entry["summaries"]:
            data = dict(stored)
            data["problems"] = tuple(Problem(**p) for p in data["problems"])
            data["job_titles"] = tuple(data["job_titles"])
            summaries.append(SourceSummary(**data))
        return summaries

    def put(self, source: SourceFile, summaries: Sequence[SourceSummary]) -> None:
        self.entries[str(source.path)] = {
            "stamp": self._stamp(source),
            "summaries": [asdict(s) for s in summaries],
        }
        self.dirty = True

    def save(self, keep: Iterable[SourceFile]) -> None:
        keep_paths = {str(s.path) for s in keep}
        pruned = {k: v for k, v in self.entries.items() if k in keep_paths}
        if not self.dirty and len(pruned) == len(self.entries):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"fingerprint": self.fingerprint, "entries": pruned}
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        temporary.replace(self.path)


@dataclass
class Study:
    """The files of a study, what reading them found, and (when asked) the documents."""

    sources: list[SourceFile]
    summaries: list[SourceSummary]
    problems: list[Problem]
    documents: dict[str, list[CodedDocument]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return errors_only(self.problems)

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == NOTE]

    def of_role(self, role: str) -> list[CodedDocument]:
        paths = [str(s.path) for s in self.sources if s.role == role]
        return [d for p in paths for d in self.documents.get(p, ())]


def survey(
    corpus: Iterable[str | Path],
    second_coding: Iterable[str | Path],
    codebook: Codebook,
    *,
    options: ReadOptions | None = None,
    cache: SummaryCache | None = None,
    keep_documents: bool = False,
) -> Study:
    """Find, read and check every file of a study, collecting all problems.

    Args:
        corpus: Corpus folders (or files).
        second_coding: Folders with a second coder's copies.
        codebook: The codebook.
        options: Default speaker labels.
        cache: Reuse summaries of unchanged files (documents are then not kept).
        keep_documents: Keep the documents read (for the command line; not with a cache).
    """
    options = options or ReadOptions()
    corpus, second_coding = list(corpus), list(second_coding)
    primary, problems = find_sources(corpus, exclude=second_coding)
    second, more = find_sources(second_coding, role=SECOND)
    problems += more
    sources = [*primary, *second]
    summaries = []
    documents = {}
    for source in sources:
        found = cache.get(source) if cache is not None else None
        if found is None:
            read_options = ReadOptions(
                corpus_root=source.corpus_root,
                interviewer_labels=options.interviewer_labels,
                respondent_labels=options.respondent_labels,
                code_map=options.code_map,
            )
            read, read_problems = read_source(source.path, codebook=codebook, options=read_options)
            found = summarise(source, read, read_problems)
            if cache is not None:
                cache.put(source, found)
            if keep_documents and read:
                documents[str(source.path)] = read
        summaries += found
        for summary in found:
            problems.extend(summary.problems)
    problems += study_problems(summaries)
    if cache is not None:
        cache.save(sources)
    return Study(sources, summaries, sorted(problems), documents)


def load_study(
    corpus: Iterable[str | Path],
    second_coding: Iterable[str | Path],
    codebook: Codebook,
    *,
    options: ReadOptions | None = None,
) -> tuple[list[CodedDocument], list[CodedDocument]]:
    """The primary and second-coding documents of a study.

    Raises:
        ValidationFailed: With every problem, when any is an error.
    """
    study = survey(corpus, second_coding, codebook, options=options, keep_documents=True)
    if study.errors:
        raise ValidationFailed(study.problems)
    return study.of_role(PRIMARY), study.of_role(SECOND)


def validate_paths(
    paths: Iterable[str | Path],
    codebook: Codebook,
    *,
    second_coding: Iterable[str | Path] = (),
    options: ReadOptions | None = None,
) -> list[Problem]:
    """Every problem in the given files and folders, warnings and notes included."""
    return survey(paths, second_coding, codebook, options=options).problems


__all__ = [
    "SourceFile",
    "Study",
    "SummaryCache",
    "find_sources",
    "load_study",
    "study_problems",
    "survey",
    "validate_paths",
]
