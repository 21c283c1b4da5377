"""The native transcript format: YAML front matter, a body of speaker turns or paragraphs,
and code markers ``{{code_a, code_b}}`` at the end of a segment.

Parsing never drops text or codes silently: every problem is collected as a
:class:`~wijkverbinders.errors.Problem` with the file and line, and a document with problems is
not returned at all (:class:`~wijkverbinders.errors.ValidationFailed` is raised instead).

Offsets (``start``/``end``) are Python string indices into the *clean body*: the text after the
front matter with the code markers removed and line endings normalised to ``\\n``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wijkverbinders.codebook import Codebook
from wijkverbinders.errors import Problem, ValidationFailed

SOURCE_TYPES = ("interview", "observation")
REQUIRED_FIELDS = ("municipality", "source_type", "job_title", "date")
KNOWN_FIELDS = (
    "id",
    "municipality",
    "source_type",
    "respondent",
    "job_title",
    "date",
    "coder",
    "respondent_label",
    "synthetic",
)
DEFAULT_RESPONDENT_LABEL = "R"

_MARKER = re.compile(r"\{\{([^{}]*)\}\}")
_SPEAKER = re.compile(r"^(?P<label>[A-Z][A-Z0-9]{0,9}):[ \t]*", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Segment:
    """A unit of coding: a respondent's turn or an observation paragraph."""

    doc_id: str
    segment_id: str
    index: int
    start: int
    end: int
    line: int
    text: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class ContextTurn:
    """A turn by someone other than the respondent (usually the interviewer); not coded."""

    speaker: str
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Document:
    """One parsed transcript or field-note file."""

    id: str
    path: str
    municipality: str
    source_type: str
    respondent: str
    job_title: str
    date: str
    coder: str
    respondent_label: str
    synthetic: bool
    body: str
    segments: tuple[Segment, ...]
    context_turns: tuple[ContextTurn, ...] = field(default=())
    markers_read: int = 0
    codings_read: int = 0

    @property
    def coded(self) -> bool:
        """A document counts as coded when it holds at least one code marker."""
        return self.markers_read > 0


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """Read a file as UTF-8; on failure add a problem that says which encoding it looks like."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = _guess_encoding(raw)
        hint = f"it looks like {guess}; " if guess else ""
        problems.append(
            Problem(
                str(path),
                line,
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                f"{hint}save the file as UTF-8",
            )
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_encoding(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return best.encoding if best is not None else None


def split_front_matter(
    text: str, path: str, problems: list[Problem]
) -> tuple[dict | None, str, int]:
    """Split ``text`` into front matter (a dict), body and the number of lines before the body."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(
            Problem(path, 1, "missing front matter: the file must start with a line '---'")
        )
        return None, text, 0
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            header = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            break
    else:
        problems.append(
            Problem(path, 1, "front matter not closed: add a line '---' after the last field")
        )
        return None, "", 0
    offset = index + 1
    try:
        meta = yaml.safe_load(header) if header.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        reason = getattr(exc, "problem", None) or "cannot be read"
        problems.append(Problem(path, line, f"malformed front matter: {reason}"))
        return None, body, offset
    if not isinstance(meta, dict):
        problems.append(Problem(path, 2, "malformed front matter: expected 'key: value' lines"))
        return None, body, offset
    return meta, body, offset


def _field_lines(text: str, line_offset: int) -> dict[str, int]:
    """Line number of each ``key:`` in the front matter, for precise messages."""
    lines = {}
    for number, line in enumerate(text.split("\n")[1 : max(line_offset - 1, 1)], start=2):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def _check_meta(meta: dict, path: str, problems: list[Problem], lines: dict[str, int]) -> None:
    def line(key: str) -> int:
        return lines.get(key, 1)

    for key in meta:
        if key not in KNOWN_FIELDS:
            close = difflib.get_close_matches(str(key), KNOWN_FIELDS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(
                Problem(path, line(str(key)), f"unknown front-matter field '{key}'{hint}")
            )
    for key in REQUIRED_FIELDS:
        if meta.get(key) in (None, ""):
            problems.append(Problem(path, line(key), f"missing required field '{key}'"))
    source_type = meta.get("source_type")
    if source_type not in (None, "") and source_type not in SOURCE_TYPES:
        close = difflib.get_close_matches(str(source_type), SOURCE_TYPES, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        problems.append(
            Problem(
                path,
                line("source_type"),
                f"unknown source_type '{source_type}' (expected interview or observation{hint})",
            )
        )
    if source_type == "interview" and meta.get("respondent") in (None, ""):
        problems.append(
            Problem(
                path, line("source_type"), "missing required field 'respondent' for an interview"
            )
        )
    date = meta.get("date")
    if isinstance(date, str):
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            problems.append(
                Problem(path, line("date"), f"date '{date}' is not a date like 2026-03-12")
            )


@dataclass(frozen=True)
class _Marker:
    raw_start: int
    clean_pos: int
    codes: tuple[str, ...]


def _strip_markers(
    body: str, path: str, line_offset: int, codebook: Codebook, problems: list[Problem]
) -> tuple[str, list[_Marker]]:
    """Remove code markers from ``body``; check the codes they hold."""

    def line_of(raw_index: int) -> int:
        return line_offset + body.count("\n", 0, raw_index) + 1

    pieces: list[str] = []
    markers: list[_Marker] = []
    cursor = 0
    clean_len = 0
    for match in _MARKER.finditer(body):
        pieces.append(body[cursor : match.start()])
        clean_len += match.start() - cursor
        codes: list[str] = []
        for code in (c.strip() for c in match.group(1).split(",")):
            if not code:
                continue
            if code not in codebook:
                guess = codebook.did_you_mean(code)
                hint = f" (did you mean '{guess}'?)" if guess else ""
                problems.append(
                    Problem(path, line_of(match.start()), f"unknown code '{code}'{hint}")
                )
            elif code not in codes:
                codes.append(code)
        if not match.group(1).strip():
            problems.append(
                Problem(
                    path, line_of(match.start()), "empty code marker '{{}}': add codes or remove it"
                )
            )
        markers.append(_Marker(match.start(), clean_len, tuple(codes)))
        cursor = match.end()
    pieces.append(body[cursor:])
    clean = "".join(pieces)
    # Leftover braces are unclosed or stray markers: report where they start.
    for match in re.finditer(r"\{\{|\}\}", _MARKER.sub(lambda m: " " * len(m.group()), body)):
        kind = (
            "unclosed '{{': close the code marker with '}}'"
            if match.group() == "{{"
            else ("stray '}}' without an opening '{{'")
        )
        problems.append(Problem(path, line_of(match.start()), kind))
    return clean, markers


def _spans_interview(clean: str) -> tuple[list[tuple[str, int, int, int]], int | None]:
    """Turns as (label, start, end, span_end); also the index of text before the first label."""
    matches = list(_SPEAKER.finditer(clean))
    leading = clean[: matches[0].start()] if matches else clean
    stray = len(leading) - len(leading.lstrip()) if leading.strip() else None
    turns = []
    for number, match in enumerate(matches):
        span_end = matches[number + 1].start() if number + 1 < len(matches) else len(clean)
        start = match.end()
        end = start + len(clean[start:span_end].rstrip())
        turns.append((match.group("label"), start, end, span_end))
    return turns, stray


def _spans_observation(clean: str) -> list[tuple[str, int, int, int]]:
    spans = []
    cursor = 0
    for piece in [*_PARAGRAPH_BREAK.finditer(clean), None]:
        stop = piece.start() if piece is not None else len(clean)
        chunk = clean[cursor:stop]
        if chunk.strip():
            start = cursor + len(chunk) - len(chunk.lstrip())
            end = cursor + len(chunk.rstrip())
            spans.append(("", start, end, stop))
        cursor = piece.end() if piece is not None else len(clean)
    return spans


def parse_document(
    path: str | Path, codebook: Codebook, *, corpus_root: str | Path | None = None
) -> Document:
    """Parse one transcript file.

    Args:
        path: The ``.txt`` file.
        codebook: Codes that markers may use.
        corpus_root: The corpus folder; the default id is the path below it without extension.

    Returns:
        The document with its segments.

    Raises:
        ValidationFailed: With every problem found in the file.
    """
    path = Path(path)
    where = str(path)
    problems: list[Problem] = []
    text = read_text(path, problems)
    if text is None:
        raise ValidationFailed(problems)
    meta, body, line_offset = split_front_matter(text, where, problems)
    if meta is None:
        raise ValidationFailed(problems)
    _check_meta(meta, where, problems, _field_lines(text, line_offset))
    if not body.strip():
        problems.append(
            Problem(where, line_offset + 1, "empty document: no text after the front matter")
        )
        raise ValidationFailed(problems)
    clean, markers = _strip_markers(body, where, line_offset, codebook, problems)

    def clean_line(clean_index: int) -> int:
        # Markers never contain newlines, so line numbers are the same in the clean body.
        return line_offset + clean.count("\n", 0, clean_index) + 1

    source_type = meta.get("source_type")
    respondent_label = str(meta.get("respondent_label") or DEFAULT_RESPONDENT_LABEL)
    if source_type == "interview":
        spans, stray = _spans_interview(clean)
        if stray is not None:
            problems.append(
                Problem(
                    where,
                    clean_line(stray),
                    "text before the first speaker label: start each turn with 'I:' or "
                    f"'{respondent_label}:'",
                )
            )
        if not any(label == respondent_label for label, *_ in spans):
            problems.append(
                Problem(
                    where,
                    line_offset + 1,
                    f"no turns by the respondent: no line starts with '{respondent_label}:' "
                    "(set respondent_label in the front matter if another label is used)",
                )
            )
    else:
        spans = _spans_observation(clean)

    codes_by_span: dict[int, list[str]] = {}
    for marker in markers:
        owner = next(
            (
                n
                for n, (_, start, _, span_end) in enumerate(spans)
                if start <= marker.clean_pos <= span_end
            ),
            None,
        )
        line = line_offset + body.count("\n", 0, marker.raw_start) + 1
        if owner is None:
            problems.append(Problem(where, line, "code marker outside any segment"))
            continue
        label, _start, end, span_end = spans[owner]
        if source_type == "interview" and label != respondent_label:
            problems.append(
                Problem(
                    where,
                    line,
                    f"code marker on a turn by '{label}': only the respondent's "
                    f"'{respondent_label}:' turns are coded",
                )
            )
            continue
        if clean[marker.clean_pos : span_end].strip():
            problems.append(
                Problem(where, line, "code marker in the middle of a segment: move it to the end")
            )
            continue
        bucket = codes_by_span.setdefault(owner, [])
        bucket.extend(c for c in marker.codes if c not in bucket)

    if problems:
        raise ValidationFailed(problems)

    doc_id = str(meta.get("id") or _default_id(path, corpus_root))
    segments = []
    context = []
    for number, (label, start, end, _span_end) in enumerate(spans):
        if source_type == "interview" and label != respondent_label:
            context.append(ContextTurn(label, start, end, clean_line(start)))
            continue
        index = len(segments) + 1
        segments.append(
            Segment(
                doc_id=doc_id,
                segment_id=f"{doc_id}:{index:03d}",
                index=index,
                start=start,
                end=end,
                line=clean_line(start),
                text=clean[start:end],
                codes=tuple(codes_by_span.get(number, ())),
            )
        )
    return Document(
        id=doc_id,
        path=where,
        municipality=str(meta["municipality"]),
        source_type=str(source_type),
        respondent=str(meta.get("respondent") or ""),
        job_title=str(meta["job_title"]),
        date=str(meta["date"]),
        coder=str(meta.get("coder") or ""),
        respondent_label=respondent_label,
        synthetic=bool(meta.get("synthetic", False)),
        body=clean,
        segments=tuple(segments),
        context_turns=tuple(context),
        markers_read=len(markers),
        codings_read=sum(len(m.codes) for m in markers),
    )


def _default_id(path: Path, corpus_root: str | Path | None) -> str:
    if corpus_root is not None:
        try:
            return (
                path.resolve().relative_to(Path(corpus_root).resolve()).with_suffix("").as_posix()
            )
        except ValueError:
            pass
    return path.with_suffix("").name


def count_raw(path: str | Path) -> dict[str, int]:
    """Count markers and codings straight from the file text, independently of the parser.

    The ingest ledger compares these counts with what the parser carried forward.
    """
    text = Path(path).read_text(encoding="utf-8-sig")
    markers = _MARKER.findall(text)
    return {
        "markers": len(markers),
        "codings": sum(len({c.strip() for c in m.split(",") if c.strip()}) for m in markers),
    }
