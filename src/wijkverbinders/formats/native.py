"""The native transcript format: a front matter block, a body of speaker turns (interviews) or
paragraphs (observations), and code markers ``{{code_a, code_b}}`` at the end of a paragraph.

Speakers are declared, not guessed: a line starts a turn only when it begins with a label that
the document (``interviewer_label``, ``respondent_label``, ``respondents``) or the configuration
declares. Labels match case-insensitively, may be indented, may have a space before the colon and
may carry a timestamp (``[00:01:23] R:``, ``R (00:01:30):``); label and timestamp are not part of
the segment text. Every paragraph of a respondent's turn is a segment of its own.

The reader is linear in the size of the file and collects every problem with its line before
giving up, so that a user can fix a file in one go.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from wijkverbinders.codebook import Codebook
from wijkverbinders.errors import NOTE, WARNING, Problem, errors_only
from wijkverbinders.formats.common import (
    ReadOptions,
    default_id,
    parse_flag,
    read_utf8,
    schema_problems,
)
from wijkverbinders.model import CodedDocument, Coding, Document, Respondent, Segment

SUFFIXES = (".txt",)
FRONT_MATTER_SCHEMA = "front_matter.schema.json"

_MARKER = re.compile(r"\{\{([^{}\n]*)\}\}")
_BRACES = re.compile(r"\{\{|\}\}")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_AFTER_BLANK_LINE = re.compile(r"\n[ \t]*\n[ \t]*$")
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# Something that looks like a speaker label at the start of a paragraph: a short capitalised
# name followed by a colon. Used only to warn about labels that were not declared.
_LABEL_LIKE = re.compile(r"^[ \t]*([A-ZÀ-Ý][\w.\- ]{0,24}?)[ \t]*:[ \t]", re.MULTILINE)


@lru_cache(maxsize=64)
def _turn_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(
        rf"^[ \t]*(?:[\[(]?{_TIME}[\])]?[ \t]*)?(?P<label>{alternatives})"
        rf"(?:[ \t]*[\[(]{_TIME}[\])])?[ \t]*:[ \t]*",
        re.IGNORECASE | re.MULTILINE,
    )


try:  # the C loader is several times faster on large corpora
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader


class _TextLoader(_BaseLoader):
    """YAML without implicit types: ``id: 0012`` stays ``'0012'``, ``date`` stays text."""

    yaml_implicit_resolvers: dict = {}


@dataclass(frozen=True)
class _Header:
    meta: dict | None
    body: str
    body_line: int  # the file line on which the body starts
    field_lines: dict[str, int]


def _split_front_matter(text: str, where: str, problems: list[Problem]) -> _Header:
    import yaml

    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.strip() != "---":
        problems.append(
            Problem(where, 1, "missing front matter: the file must start with a line '---'")
        )
        return _Header(None, text, 1, {})
    closing = re.compile(r"^---[ \t]*$", re.MULTILINE).search(text, first_end + 1)
    if closing is None:
        problems.append(
            Problem(where, 1, "front matter not closed: add a line '---' after the last field")
        )
        return _Header(None, "", 1, {})
    header = text[first_end + 1 : closing.start()]
    body_start = closing.end() + 1
    body_line = text.count("\n", 0, body_start) + 1
    body = text[body_start:] if body_start <= len(text) else ""
    field_lines = {}
    for number, line in enumerate(header.split("\n"), start=2):
        match = re.match(r"^([A-Za-z_][\w-]*)[ \t]*:", line)
        if match:
            field_lines.setdefault(match.group(1), number)
    try:
        meta = yaml.load(header, Loader=_TextLoader) if header.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        last = (
            header.rstrip("\n").count("\n") + 1
        )  # an error at the end of the block belongs to its last line
        line = min(mark.line + 2, last + 1) if mark is not None else 2
        reason = getattr(exc, "problem", None) or "cannot be read"
        problems.append(Problem(where, line, f"malformed front matter: {reason}"))
        return _Header(None, body, body_line, field_lines)
    if not isinstance(meta, dict):
        problems.append(Problem(where, 2, "malformed front matter: expected 'key: value' lines"))
        return _Header(None, body, body_line, field_lines)
    # Empty values count as missing.
    meta = {str(k): v for k, v in meta.items() if v not in ("", None, [], {})}
    return _Header(meta, body, body_line, field_lines)


def _labels(value: object, default: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return default
    if isinstance(value, str):
        return (value.strip(),)
    return tuple(str(v).strip() for v in value)


@dataclass(frozen=True)
class _Marker:
    clean_pos: int  # where the marker stood in the text without markers
    line: int
    codes: tuple[str, ...]


class _Lines:
    """Line numbers of offsets in O(log n) each."""

    def __init__(self, text: str, first_line: int):
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.first_line = first_line

    def __call__(self, offset: int) -> int:
        return self.first_line + bisect_right(self.starts, offset) - 1


def _strip_markers(
    body: str, where: str, lines: _Lines, codebook: Codebook, problems: list[Problem]
) -> tuple[str, list[_Marker]]:
    """The body without code markers, and the markers with their position in that text."""
    pieces: list[str] = []
    markers: list[_Marker] = []
    cursor = clean_len = 0
    for match in _MARKER.finditer(body):
        line = lines(match.start())
        # The spaces before a marker go with it, so that the text is the same whether or not
        # (and by whom) a paragraph is coded: a second coder's copy has equal offsets.
        piece = body[cursor : match.start()].rstrip(" \t")
        pieces.append(piece)
        clean_len += len(piece)
        cursor = match.end()
        codes: list[str] = []
        raw_codes = [c.strip() for c in match.group(1).split(",")]
        if not any(raw_codes):
            problems.append(
                Problem(where, line, "empty code marker '{{}}': add codes or remove it")
            )
        for raw in filter(None, raw_codes):
            code = codebook.resolve(raw)
            if code is None:
                guess = codebook.did_you_mean(raw)
                hint = f" (did you mean '{guess}'?)" if guess else ""
                problems.append(Problem(where, line, f"unknown code '{raw}'{hint}"))
            else:
                codes.append(code)
        markers.append(_Marker(clean_len, line, tuple(codes)))
    pieces.append(body[cursor:])
    leftover = _MARKER.sub(lambda m: " " * len(m.group()), body)
    for match in _BRACES.finditer(leftover):
        message = (
            "unclosed '{{': close the code marker with '}}' on the same line"
            if match.group() == "{{"
            else "stray '}}' without an opening '{{'"
        )
        problems.append(Problem(where, lines(match.start()), message))
    return "".join(pieces), markers


@dataclass(frozen=True)
class Paragraphs:
    """How a format separates paragraphs: blank lines (native transcripts) or line ends (text
    from QDA software and Word, which keep one paragraph per line)."""

    breaks: re.Pattern[str]
    after_break: re.Pattern[str]


BLANK_LINES = Paragraphs(_PARAGRAPH_BREAK, _AFTER_BLANK_LINE)
LINES = Paragraphs(re.compile(r"\n"), re.compile(r"\n[ \t]*$"))


@dataclass(frozen=True)
class _Paragraph:
    start: int
    end: int
    speaker: str  # the label as declared ('' in field notes)
    role: str  # 'respondent', 'interviewer' or 'notes'
    turn: int


def paragraph_spans(
    text: str, start: int, stop: int, breaks: re.Pattern[str] = _PARAGRAPH_BREAK
) -> list[tuple[int, int]]:
    """Non-empty paragraphs of ``text[start:stop]`` as trimmed (start, end) offsets."""
    spans = []
    cursor = start
    for brk in [*breaks.finditer(text, start, stop), None]:
        piece_end = brk.start() if brk is not None else stop
        chunk = text[cursor:piece_end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((cursor + lead, cursor + lead + len(stripped)))
        if brk is None:
            break
        cursor = brk.end()
    return spans


def _interview_paragraphs(
    clean: str,
    where: str,
    lines: _Lines,
    interviewer: tuple[str, ...],
    respondent: tuple[str, ...],
    problems: list[Problem],
    layout: Paragraphs,
) -> list[_Paragraph]:
    canonical = {label.casefold(): label for label in interviewer}
    canonical.update({label.casefold(): label for label in respondent})
    respondent_keys = {label.casefold() for label in respondent}
    starts = list(_turn_pattern(tuple(canonical.values())).finditer(clean))
    declared = ", ".join(canonical.values())
    if not starts:
        seen = _LABEL_LIKE.findall(clean)
        hint = (
            f"; lines start with {', '.join(repr(s + ':') for s in dict.fromkeys(seen))[:120]}: "
            "declare them with interviewer_label: and respondent_label: in the front matter"
            if seen
            else ""
        )
        problems.append(
            Problem(
                where,
                lines(0),
                f"no turn starts with a declared speaker label ({declared}){hint}",
            )
        )
        return []
    if clean[: starts[0].start()].strip():
        first = len(clean) - len(clean.lstrip())
        problems.append(
            Problem(
                where,
                lines(first),
                f"text before the first speaker label: start each turn with a label ({declared})",
            )
        )
    found = []
    for number, match in enumerate(starts, start=1):
        stop = starts[number].start() if number < len(starts) else len(clean)
        key = match.group("label").casefold()
        role = "respondent" if key in respondent_keys else "interviewer"
        for start, end in paragraph_spans(clean, match.end(), stop, layout.breaks):
            found.append(_Paragraph(start, end, canonical[key], role, number))
    if not any(p.role == "respondent" for p in found):
        problems.append(
            Problem(
                where,
                lines(0),
                f"no turns by the respondent: no line starts with "
                f"{' or '.join(repr(r + ':') for r in respondent)} (set respondent_label in the "
                "front matter if another label is used)",
            )
        )
    # A label-like start of a paragraph that was not declared stays part of the turn; say so.
    for match in _LABEL_LIKE.finditer(clean):
        name = match.group(1).strip()
        if name.casefold() in canonical or name.isupper() and len(name) <= 3:
            continue  # declared, or an abbreviation like NB: or MT: inside an answer
        at = match.start()
        if layout.after_break.search(clean, max(0, at - 40), at):
            problems.append(
                Problem(
                    where,
                    lines(at),
                    f"'{name}:' is not a declared speaker label, so this paragraph stays part of "
                    f"the turn before it; if '{name}' is a speaker, declare the label in the "
                    "front matter (interviewer_label:, respondent_label: or respondents:)",
                    WARNING,
                )
            )
    return found


def read(path: str | Path, *, codebook: Codebook, options: ReadOptions | None = None):
    """Read one native transcript.

    Args:
        path: The ``.txt`` file.
        codebook: Codes that markers may use (matched case-insensitively).
        options: Declared default speaker labels and the corpus folder (for the default id).

    Returns:
        ``(document, problems)``: the document, or None when any problem is an error; the
        problems include warnings about a document that is read.
    """
    options = options or ReadOptions()
    path = Path(path)
    where = str(path)
    problems: list[Problem] = []
    text = read_utf8(path, problems)
    if text is None:
        return None, problems
    header = _split_front_matter(text, where, problems)
    meta = header.meta
    if meta is None:
        return None, problems
    problems.extend(
        schema_problems(meta, FRONT_MATTER_SCHEMA, where, header.field_lines, "front-matter")
    )
    body = header.body
    lines = _Lines(body, header.body_line)
    if not body.strip():
        problems.append(
            Problem(where, header.body_line, "empty document: no text after the front matter")
        )
        return None, problems
    clean, markers = _strip_markers(body, where, lines, codebook, problems)
    # Markers never span lines, so line numbers in the clean text equal those in the body.
    clean_lines = _Lines(clean, header.body_line)

    layout = lay_out(
        meta,
        clean,
        where=where,
        field_lines=header.field_lines,
        lines=clean_lines,
        options=options,
        problems=problems,
    )
    if layout is None:
        return None, problems
    paragraphs = layout.paragraphs
    # Attach each marker to the paragraph it ends (paragraphs and markers are both in order).
    codes_of: dict[int, list[str]] = {}
    ends = [p.end for p in paragraphs]
    for marker in markers:
        owner = bisect_right(ends, marker.clean_pos - 1)
        # The owner is the first paragraph ending at or after the marker; it must have started.
        if owner >= len(paragraphs) or paragraphs[owner].start > marker.clean_pos:
            previous = paragraphs[owner - 1] if owner > 0 else None
            gap = clean[previous.end : marker.clean_pos] if previous is not None else "x"
            if not gap.strip() and not _PARAGRAPH_BREAK.search(gap):
                owner -= 1
            else:
                problems.append(
                    Problem(
                        where,
                        marker.line,
                        "code marker on a line of its own: put it at the end of the paragraph "
                        "it codes",
                    )
                )
                continue
        paragraph = paragraphs[owner]
        if clean[marker.clean_pos : paragraph.end].strip():
            problems.append(
                Problem(
                    where,
                    marker.line,
                    "code marker in the middle of a paragraph: move it to the end of the "
                    "paragraph it codes",
                )
            )
            continue
        if paragraph.role == "interviewer":
            problems.append(
                Problem(
                    where,
                    marker.line,
                    f"code marker on a turn by '{paragraph.speaker}': only the respondent's "
                    "turns are coded",
                )
            )
            continue
        bucket = codes_of.setdefault(owner, [])
        for code in marker.codes:
            if code in bucket:
                problems.append(
                    Problem(
                        where,
                        marker.line,
                        f"code '{code}' given twice for the same paragraph: remove one",
                    )
                )
            else:
                bucket.append(code)

    if errors_only(problems):
        return None, problems
    doc_id = str(meta.get("id") or default_id(path, options.corpus_root))
    coder = str(meta.get("coder", ""))
    segments, context, segment_of = build_segments(doc_id, layout, clean_lines)
    codings = [
        Coding(doc_id, segment_of[number].start, segment_of[number].end, code, coder)
        for number, codes in sorted(codes_of.items())
        for code in codes
    ]
    document = make_document(meta, doc_id, layout, clean, where)
    counts = {"markers": len(markers), "codings": sum(len(m.codes) for m in markers)}
    return CodedDocument(document, segments, tuple(codings), context, counts), [
        p for p in problems if p.severity in (WARNING, NOTE)
    ]


@dataclass(frozen=True)
class Layout:
    """A document's paragraphs (with speaker, role and turn) and its respondents."""

    paragraphs: list[_Paragraph]
    respondents: tuple[Respondent, ...]


def lay_out(
    meta: dict,
    clean: str,
    *,
    where: str,
    field_lines: dict[str, int],
    lines,
    options: ReadOptions,
    problems: list[Problem],
    paragraphs: Paragraphs = BLANK_LINES,
) -> Layout | None:
    """Turns and paragraphs of a document's text by the declared speaker labels, and its
    respondents; the same rules for every input format.

    Args:
        meta: The front-matter fields (or the variables of an imported document).
        clean: The text the offsets refer to.
        where: The file (and source), for messages.
        field_lines: The line of each field, for messages.
        lines: Offset -> line number of the source.
        options: Default speaker labels.
        problems: Where problems are collected.
        paragraphs: How paragraphs are separated.

    Returns:
        The layout, or None when the labels contradict each other.
    """
    source_type = meta.get("source_type")
    group = meta.get("respondents") if isinstance(meta.get("respondents"), list) else None
    if group:
        respondent_labels = tuple(str(r.get("label", "")) for r in group if isinstance(r, dict))
    else:
        respondent_labels = _labels(meta.get("respondent_label"), options.respondent_labels)
    interviewer_labels = _labels(meta.get("interviewer_label"), options.interviewer_labels)
    overlap = {x.casefold() for x in interviewer_labels} & {x.casefold() for x in respondent_labels}
    if source_type == "interview" and overlap:
        problems.append(
            Problem(
                where,
                field_lines.get("respondent_label", 1),
                f"label(s) {', '.join(sorted(overlap))} declared for both interviewer and "
                "respondent: declare each label once",
            )
        )
        return None

    if source_type == "interview":
        found = _interview_paragraphs(
            clean, where, lines, interviewer_labels, respondent_labels, problems, paragraphs
        )
    else:
        found = [
            _Paragraph(start, end, "", "notes", n)
            for n, (start, end) in enumerate(
                paragraph_spans(clean, 0, len(clean), paragraphs.breaks), start=1
            )
        ]

    respondents: list[Respondent] = []
    if group:
        for entry in group:
            if isinstance(entry, dict):
                respondents.append(
                    Respondent(
                        str(entry.get("label", "")),
                        str(entry.get("respondent", "")),
                        str(entry.get("job_title", "")),
                    )
                )
        spoken = {p.speaker.casefold() for p in found if p.role == "respondent"}
        for person in respondents:
            if person.label.casefold() not in spoken:
                problems.append(
                    Problem(
                        where,
                        field_lines.get("respondents", 1),
                        f"respondent '{person.pseudonym}' ({person.label}:) has no turns",
                        WARNING,
                    )
                )
    elif meta.get("respondent") or meta.get("job_title"):
        # The label the respondent's turns actually use (``Respondent:`` when the defaults
        # declare R, WR and Respondent), so that every segment finds its respondent.
        used = next((p.speaker for p in found if p.role == "respondent"), respondent_labels[0])
        label = used if source_type == "interview" else ""
        respondents.append(
            Respondent(label, str(meta.get("respondent", "")), str(meta.get("job_title", "")))
        )
    return Layout(found, tuple(respondents))


def build_segments(
    doc_id: str, layout: Layout, lines
) -> tuple[tuple[Segment, ...], tuple[Segment, ...], dict[int, Segment]]:
    """The segments (respondents' and observers' paragraphs), the context (interviewers'
    paragraphs), and the segment of each paragraph number that is one."""
    segments: list[Segment] = []
    context: list[Segment] = []
    segment_of: dict[int, Segment] = {}
    group_label = {r.label.casefold(): r.label for r in layout.respondents}
    for number, paragraph in enumerate(layout.paragraphs):
        speaker = group_label.get(paragraph.speaker.casefold(), paragraph.speaker)
        target = context if paragraph.role == "interviewer" else segments
        segment = Segment(
            doc_id,
            len(target) + 1,
            paragraph.start,
            paragraph.end,
            speaker,
            lines(paragraph.start),
            paragraph.turn,
        )
        target.append(segment)
        if target is segments:
            segment_of[number] = segment
    return tuple(segments), tuple(context), segment_of


def make_document(meta: dict, doc_id: str, layout: Layout, text: str, where: str) -> Document:
    """The document record from checked fields."""
    return Document(
        id=doc_id,
        municipality=str(meta["municipality"]),
        source_type=str(meta.get("source_type")),
        respondents=layout.respondents,
        date=str(meta.get("date", "")),
        synthetic=bool(parse_flag(meta.get("synthetic", "false"))),
        text=text,
        source_path=where,
        coder=str(meta.get("coder", "")),
        memo=str(meta.get("memo", "")).strip(),
        scenes=tuple(str(s) for s in meta.get("scenes", ())),
        names=tuple(str(n) for n in meta.get("names", ())),
    )


def _label_value(labels: list[str]) -> str | list[str]:
    return labels[0] if len(labels) == 1 else labels


_PLAIN = re.compile(r"[\w][\w .,/()+'-]*(?<! )")


def _scalar(value: str) -> str:
    """A YAML scalar as a person would write it: plain when that is safe, else quoted."""
    import json

    return value if _PLAIN.fullmatch(value) else json.dumps(value, ensure_ascii=False)


def _front_matter(meta: dict[str, object]) -> str:
    """The front matter block, readable: flow lists, one respondent per line, folded memo."""
    import textwrap

    lines = []
    for key, value in meta.items():
        if key == "memo":
            paragraphs = [p for p in str(value).split("\n\n") if p.strip()]
            lines.append("memo: >-")
            for i, paragraph in enumerate(paragraphs):
                if i:
                    lines.append("")
                lines += textwrap.wrap(
                    " ".join(paragraph.split()),
                    96,
                    initial_indent="  ",
                    subsequent_indent="  ",
                    break_on_hyphens=False,
                    break_long_words=False,
                )
        elif key == "respondents":
            lines.append("respondents:")
            for person in value:  # type: ignore[union-attr]
                fields = ", ".join(f"{k}: {_scalar(v)}" for k, v in person.items())
                lines.append(f"  - {{{fields}}}")
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            lines.append(f"{key}: {_scalar(str(value))}")
    return "\n".join(lines) + "\n"


def write(
    coded: CodedDocument,
    *,
    codes: bool = True,
    coder: str | None = None,
    notes: bool = True,
) -> str:
    """A document in the native format: front matter, then the text with code markers.

    Reading the result gives the same text, segments and (with ``codes``) codes per segment. The
    speaker labels the document uses are declared in the front matter, so the copy does not
    depend on the configuration it was read with.

    Args:
        coded: The document.
        codes: Write the code markers. Without them the copy is a blind copy for a second coder.
        coder: The ``coder:`` value to write (default: the document's own; with
            ``codes=False``: none, unless given).
        notes: Write the coder's ``memo`` and the design ``scenes`` (left out of blind copies).
    """
    document = coded.document
    meta: dict[str, object] = {
        "id": document.id,
        "municipality": document.municipality,
        "source_type": document.source_type,
    }
    respondent_labels = list(dict.fromkeys(s.speaker for s in coded.segments if s.speaker))
    if len(document.respondents) > 1:
        meta["respondents"] = [
            {"label": r.label, "respondent": r.pseudonym, "job_title": r.job_title}
            for r in document.respondents
        ]
    else:
        for person in document.respondents:
            if person.pseudonym:
                meta["respondent"] = person.pseudonym
            if person.job_title:
                meta["job_title"] = person.job_title
        if respondent_labels:
            meta["respondent_label"] = _label_value(respondent_labels)
    interviewer_labels = list(dict.fromkeys(s.speaker for s in coded.context if s.speaker))
    if interviewer_labels:
        meta["interviewer_label"] = _label_value(interviewer_labels)
    if document.date:
        meta["date"] = document.date
    chosen_coder = coder if coder is not None else (document.coder if codes else "")
    if chosen_coder:
        meta["coder"] = chosen_coder
    meta["synthetic"] = "true" if document.synthetic else "false"
    if notes and document.scenes:
        meta["scenes"] = list(document.scenes)
    if document.names:
        meta["names"] = list(document.names)
    if notes and codes and document.memo:
        meta["memo"] = document.memo
    header = _front_matter(meta)

    text = document.text
    if codes:
        by_segment = coded.codes_by_segment()
        for segment in sorted(coded.segments, key=lambda s: s.start, reverse=True):
            segment_codes = by_segment[segment.id]
            if segment_codes:
                marker = " {{" + ", ".join(segment_codes) + "}}"
                text = text[: segment.end] + marker + text[segment.end :]
    return f"---\n{header}---\n{text}"
