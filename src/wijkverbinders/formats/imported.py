"""Documents that come out of other tools: text, variables and coded spans, built into the data
model by the same rules as native transcripts.

A format module (REFI-QDA projects, Word files with comments, coded-segment spreadsheets) only
extracts a :class:`SourceText` per document: the plain text with ``\\n`` line ends, the document's
variables, and each coding as a span ``(start, end, code name, coder)`` in string indices of that
text. :func:`build` then

- maps variables to the front-matter fields (``gemeente`` -> ``municipality``, see
  :data:`FIELD_ALIASES`) and checks them with the front-matter schema;
- lays out turns and paragraphs with the declared speaker labels (paragraphs separated by blank
  lines when the text has any, else one paragraph per line, as QDA software keeps Word
  paragraphs; see :func:`paragraph_rule`);
- maps code names to the codebook (id or Dutch label, any case; the last part of a
  ``Parent::child`` name; or the configuration's ``code_map``), listing every unknown name;
- keeps each coding's original span; it counts for every segment it overlaps, and a coding that
  overlaps no segment (only an interviewer's turn, or blank text) is reported, not lost in
  silence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from wijkverbinders.codebook import Codebook
from wijkverbinders.errors import NOTE, WARNING, Problem, errors_only
from wijkverbinders.formats.common import ReadOptions, corpus_folder, schema_problems
from wijkverbinders.formats.native import (
    BLANK_LINES,
    FRONT_MATTER_SCHEMA,
    LINES,
    Paragraphs,
    build_segments,
    lay_out,
    make_document,
    paragraph_spans,
)
from wijkverbinders.model import CodedDocument, Coding, normalise_key, segment_codes

#: Variable names (compared ignoring case, spaces, ``-`` and ``_``) and the field they fill.
FIELD_ALIASES: dict[str, str] = {
    "id": "id",
    "docid": "id",
    "documentid": "id",
    "municipality": "municipality",
    "gemeente": "municipality",
    "sourcetype": "source_type",
    "brontype": "source_type",
    "typebron": "source_type",
    "soortbron": "source_type",
    "respondent": "respondent",
    "pseudonym": "respondent",
    "pseudoniem": "respondent",
    "jobtitle": "job_title",
    "functie": "job_title",
    "function": "job_title",
    "date": "date",
    "datum": "date",
    "coder": "coder",
    "codeur": "coder",
    "synthetic": "synthetic",
    "synthetisch": "synthetic",
    "interviewerlabel": "interviewer_label",
    "respondentlabel": "respondent_label",
    "memo": "memo",
    "names": "names",
    "namen": "names",
}
#: Values of a source-type variable, in Dutch or English, and the source type they mean.
SOURCE_TYPE_VALUES = {
    "interview": "interview",
    "interviews": "interview",
    "gesprek": "interview",
    "observation": "observation",
    "observations": "observation",
    "observatie": "observation",
    "observaties": "observation",
    "veldnotities": "observation",
    "field notes": "observation",
}
IMPORTED_CODER = "imported"
TAGGER_USER = "wijkverbinders-tagger"  # the user the tagger's suggestions are exported as
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
MAX_LISTED = 20  # unknown code names listed in one message


def field_for(variable: str) -> str | None:
    """The front-matter field a variable fills, or None."""
    return FIELD_ALIASES.get(re.sub(r"[\s_\-]+", "", variable.casefold()))


@dataclass(frozen=True)
class SourceText:
    """One document as a format module extracts it.

    Attributes:
        where: The file, and the source within it, for messages (``project.qdpx: 'Int 1'``).
        name: The document's name in its tool (the default id).
        text: The plain text, ``\\n`` line ends; offsets refer to it.
        variables: Document or case variables, by the tool's names.
        codings: ``(start, end, code name, coder)``; the coder may be empty.
        folder: The corpus sub-folder the file lies in (the municipality when no variable
            gives one), or ''.
        offsets: The offset convention the format's positions were found to use (REFI-QDA:
            ``code points``, ``UTF-16 code units``, ``CRLF as one``), or ''.
    """

    where: str
    name: str
    text: str
    variables: Mapping[str, object] = field(default_factory=dict)
    codings: tuple[tuple[int, int, str, str], ...] = ()
    folder: str = ""
    offsets: str = ""  # the offset convention detected in the source, if the format has one


class _Lines:
    """Line (paragraph) numbers of offsets, from 1."""

    def __init__(self, text: str):
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def __call__(self, offset: int) -> int:
        return bisect_right(self.starts, offset)


def fields(source: SourceText) -> tuple[dict[str, object], list[Problem]]:
    """The front-matter fields from a source's variables; unused variables are a note."""
    meta: dict[str, object] = {}
    problems: list[Problem] = []
    unused = []
    for variable, value in source.variables.items():
        if variable == "respondents" and isinstance(value, list):
            meta["respondents"] = value  # a group interview's people, from a QDA project
            continue
        target = field_for(str(variable))
        text = "" if value is None else str(value).strip()
        if target is None:
            unused.append(str(variable))
            continue
        if not text or target in meta:
            continue
        if target == "source_type":
            text = SOURCE_TYPE_VALUES.get(text.casefold(), text)
        if target == "names":  # one variable: names separated by ";"
            meta[target] = [n.strip() for n in text.split(";") if n.strip()]
            continue
        meta[target] = text
    if unused:
        problems.append(
            Problem(
                source.where,
                0,
                f"variable(s) not used: {', '.join(sorted(unused))} (used: municipality/"
                "gemeente, source_type/brontype, respondent/pseudoniem, job_title/functie, "
                "date/datum, coder)",
                NOTE,
            )
        )
    if "municipality" not in meta and source.folder:
        meta["municipality"] = source.folder
    return meta, problems


def resolve_code(name: str, codebook: Codebook, code_map: Mapping[str, str]) -> str | None:
    """The codebook id of a code name from another tool, '' for a name mapped to nothing (left
    out on purpose), or None when unknown."""
    mapped = {normalise_key(k): v for k, v in code_map.items()}
    candidates = [name.strip()]
    if "::" in name:
        candidates.append(name.rsplit("::", 1)[1].strip())
    for candidate in candidates:
        key = normalise_key(candidate)
        if key in mapped:
            target = str(mapped[key] or "")
            return codebook.resolve(target) if target else ""
        found = codebook.resolve(candidate)
        if found is not None:
            return found
    return None


def paragraph_rule(text: str) -> Paragraphs:
    """Blank lines separate paragraphs when the text has any (as in native transcripts and
    many Word files); otherwise every line is a paragraph (as QDA software keeps Word
    paragraphs)."""
    return BLANK_LINES if _BLANK_LINE.search(text) else LINES


def build(
    source: SourceText,
    *,
    codebook: Codebook,
    options: ReadOptions | None = None,
    code_map: Mapping[str, str] | None = None,
) -> tuple[CodedDocument | None, list[Problem]]:
    """The document of an imported source, or None when it has errors; and every problem."""
    options = options or ReadOptions()
    code_map = code_map or {}
    where = source.where
    meta, problems = fields(source)
    problems += [
        _imported_hint(p)
        for p in schema_problems(meta, FRONT_MATTER_SCHEMA, where, {}, "document variable")
    ]
    text = source.text
    lines = _Lines(text)
    if not text.strip():
        problems.append(Problem(where, 0, "empty document: the source has no text"))
        return None, problems
    unknown: Counter[str] = Counter()
    mapped_away: Counter[str] = Counter()
    spans = []
    for start, end, name, coder in source.codings:
        if not (0 <= start <= end <= len(text)):
            problems.append(
                Problem(
                    where,
                    0,
                    f"coding '{name}' at {start}-{end} lies outside the text "
                    f"({len(text)} characters)",
                )
            )
            continue
        code = resolve_code(name, codebook, code_map)
        if code is None:
            unknown[name] += 1
        elif code == "":
            mapped_away[name] += 1
        else:
            spans.append((start, end, code, coder))
    if unknown:
        names = sorted(unknown.items())
        listed = ", ".join(f"'{n}' ({k}x)" for n, k in names[:MAX_LISTED])
        if len(names) > MAX_LISTED:
            listed += f" and {len(names) - MAX_LISTED} more"
        problems.append(
            Problem(
                where,
                0,
                f"code(s) not in the codebook: {listed}; rename them in your tool to a code id "
                "or Dutch label of the codebook, or map them in the config under code_map "
                "(name: code id, or name: '' to leave a code out)",
            )
        )
    if mapped_away:
        listed = ", ".join(f"'{n}' ({k}x)" for n, k in sorted(mapped_away.items()))
        problems.append(Problem(where, 0, f"left out by code_map: {listed}", NOTE))
    layout = lay_out(
        meta,
        text,
        where=where,
        field_lines={},
        lines=lines,
        options=options,
        problems=problems,
        paragraphs=paragraph_rule(text),
    )
    if layout is None or errors_only(problems):
        return None, problems

    doc_id = str(meta.get("id") or source.name)
    segments, context, _ = build_segments(doc_id, layout, lines)
    primary_coder = str(meta.get("coder", ""))
    spans, left_out = _human_codings(spans, primary_coder)
    for who, count in sorted(left_out.items()):
        why = (
            "the tagger's suggestions are not codes: accept one by coding the segment yourself"
            if who == TAGGER_USER
            else f"not the document's coder '{primary_coder}' (a second coder's work belongs "
            "in a second_coding folder)"
        )
        problems.append(Problem(where, 0, f"{count} coding(s) by {who} left out: {why}", NOTE))
    coders = sorted({coder or IMPORTED_CODER for *_, coder in spans})
    if not primary_coder and len(coders) > 1:
        problems.append(
            Problem(
                where,
                0,
                f"codings by {len(coders)} coders ({', '.join(coders)}) all count; set the "
                "variable coder to the primary coder to keep only theirs",
                WARNING,
            )
        )
    codings = []
    for start, end, code, coder in sorted(spans):
        coding = Coding(doc_id, start, end, code, coder or primary_coder or IMPORTED_CODER)
        if not any(coding.overlaps(s) for s in _near(segments, start, end)):
            on_interviewer = any(coding.overlaps(s) for s in _near(context, start, end))
            why = (
                "it lies on an interviewer's turn (only respondents' turns are coded)"
                if on_interviewer
                else "it covers no text of a segment"
            )
            problems.append(
                Problem(
                    where,
                    lines(start),
                    f"coding '{code}' by {coding.coder} counts for no segment: {why}",
                    WARNING,
                )
            )
        codings.append(coding)
    links = segment_codes(segments, codings)
    # The ledger compares segment codes in and out; a span may cover several segments and
    # several coders may give one segment the same code, so the count in is the links.
    counts = {
        "codings": sum(len(c) for c in links.values()),
        "codings_in_file": len(source.codings),
    }
    document = make_document(meta, doc_id, layout, text, where)
    return CodedDocument(document, segments, tuple(codings), context, counts), problems


def read_with(
    extract, path, *, codebook: Codebook, options: ReadOptions | None = None
) -> tuple[list[CodedDocument], list[Problem]]:
    """A reader from a format's ``extract(path, folder=...) -> (sources, problems)``: every
    source built, documents with errors left out (their problems say why)."""
    options = options or ReadOptions()
    sources, problems = extract(Path(path), folder=corpus_folder(Path(path), options.corpus_root))
    documents = []
    for source in sources:
        document, found = build(
            source, codebook=codebook, options=options, code_map=dict(options.code_map)
        )
        problems += found
        if document is not None:
            documents.append(document)
    return documents, problems


TABLE_COLUMNS = {
    "documents": [
        "doc_id",
        "source",
        "offsets",
        "characters",
        "segments",
        "codings",
        *dict.fromkeys(FIELD_ALIASES.values()),
    ],
    "segments": ["doc_id", "segment_id", "start", "end", "speaker"],
    "codings": ["doc_id", "start", "end", "code", "coder", "text"],
    "codes": ["guid", "name", "parent", "description"],
}


def conversion_tables(
    sources: Sequence[SourceText], *, codebook: Codebook, options: ReadOptions | None = None
) -> tuple[dict[str, list[dict]], list[Problem]]:
    """The rows of ``documents.csv``, ``segments.csv`` and ``codings.csv`` for ``import``, and
    the problems of laying the documents out.

    Codings keep the tool's code names and their exact text; segments follow the pipeline's
    rules (turns by declared labels, paragraphs) when the document's variables allow it, else
    each paragraph is a segment. ``codes.csv`` is the caller's (a project has a code tree).
    """
    documents, segments, codings = [], [], []
    problems: list[Problem] = []
    for source in sources:
        meta, _ = fields(source)
        document, found = build(replace(source, codings=()), codebook=codebook, options=options)
        problems += [p for p in found if p.severity != NOTE]
        if document is not None:
            spans = [(s.start, s.end, s.speaker) for s in document.segments]
        else:
            spans = [
                (a, b, "")
                for a, b in _paragraph_spans(source.text, paragraph_rule(source.text).breaks)
            ]
        doc_id = str(meta.get("id") or source.name)
        documents.append(
            {
                "doc_id": doc_id,
                "source": source.where,
                "offsets": source.offsets,
                "characters": len(source.text),
                "segments": len(spans),
                "codings": len(source.codings),
                **{k: v for k, v in meta.items() if isinstance(v, str)},
            }
        )
        segments += [
            {
                "doc_id": doc_id,
                "segment_id": f"{doc_id}:{k:03d}",
                "start": a,
                "end": b,
                "speaker": w,
            }
            for k, (a, b, w) in enumerate(spans, start=1)
        ]
        codings += [
            {
                "doc_id": doc_id,
                "start": a,
                "end": b,
                "code": name,
                "coder": coder,
                "text": source.text[a:b],
            }
            for a, b, name, coder in sorted(source.codings)
        ]
    return {"documents": documents, "segments": segments, "codings": codings}, problems


def _paragraph_spans(text: str, breaks) -> list[tuple[int, int]]:
    return paragraph_spans(text, 0, len(text), breaks)


def _human_codings(spans, primary_coder: str):
    """The codings that count: not the tagger's, and only the primary coder's when one is
    named; and how many each other coder had."""
    kept, left_out = [], Counter()
    for span in spans:
        coder = span[3]
        if coder == TAGGER_USER or (primary_coder and coder and coder != primary_coder):
            left_out[coder] += 1
        else:
            kept.append(span)
    return kept, left_out


def _near(segments, start: int, end: int):
    """The segments that may overlap ``start..end`` (segments are in text order)."""
    starts = [s.start for s in segments]
    first = max(bisect_right(starts, start) - 1, 0)
    last = bisect_right(starts, end)
    return segments[first : last + 1]


def _imported_hint(problem: Problem) -> Problem:
    """Schema messages speak of front-matter fields; for imports, say where to set them."""
    if problem.message.startswith("missing required field"):
        where = (
            "; or put the file in a folder named after the municipality"
            if "'municipality'" in problem.message
            else ""
        )
        return Problem(
            problem.path,
            0,
            f"{problem.message}: set it as a document or case variable in your tool{where}",
            problem.severity,
        )
    return Problem(problem.path, 0, problem.message, problem.severity)


__all__ = [
    "FIELD_ALIASES",
    "SourceText",
    "build",
    "field_for",
    "fields",
    "read_with",
    "resolve_code",
]
