"""Coded-segment spreadsheets from QDA software: MAXQDA's *Export coded segments* (Excel
``.xlsx`` or ``.csv``) and ATLAS.ti's quotation export (*Export quotations*, *Quotation manager
-> Export to Excel*, ``.xlsx``).

Which tool wrote a sheet is told by its header row (the first row, or the first of the first ten
non-empty rows that is a header). Column names are compared ignoring case, spaces and
punctuation (``Coverage %`` = ``coverage``); besides the English names, the German and Dutch
names below are accepted (best effort: the translations of the tools' interfaces vary between
versions; rename a column to its English name when a file is refused). A CSV file, or a sheet,
whose header is neither is refused with an error that lists the columns found and expected.
(An ATLAS.ti sheet saved as CSV is read too.)

=====================  ==============================  ============================================
Meaning                MAXQDA column                   ATLAS.ti column
=====================  ==============================  ============================================
document (required)    Document name (Dokumentname,    Document (Dokument, Documentnaam)
                       Documentnaam)
code(s) (required)     Code; a hierarchy               Codes: several codes in one cell, one per
                       ``Parent\\Child`` is passed on   line
                       as ``Parent::Child``
text (required)        Segment                         Quotation Content (Content, Zitatinhalt,
                                                       Citaatinhoud)
position, order        Beginning, End (paragraph       Reference (its numbers, e.g. ``4 - 4``);
                       numbers; Anfang/Ende,           without it the quotation number of ID
                       Begin/Einde)                    (``1:3``)
coder                  Created by, else Modified by    Created by or Author, else Modified by
variable ``gemeente``  Document group                  Document Groups (one group; a document
                       (Dokumentgruppe,                in several groups gets none)
                       Documentgroep)
not used               Color, Weight score, Modified,  Quotation Name, Comment, Density, Created,
                       Created, Area, Coverage %,      Modified
                       Comment
=====================  ==============================  ============================================

Any other column whose name is a document variable of :data:`imported.FIELD_ALIASES`
(``Brontype``, ``Respondent``, ``Functie``, ``Datum`` ...) gives that variable for the row's
document; this is the only way an export itself sets ``source_type``.

**Only the coded segments.** An export holds the coded segments, not the transcript. Each
document becomes one :class:`SourceText` whose text is its coded segments in document order
(Beginning/End, Reference or ID; rows without a position come after the others, in row order),
one segment per line. A segment's own line breaks are replaced by spaces, so that each segment
stays one paragraph. A segment coded with several codes appears in several rows (same document,
same position, same text): it becomes one line carrying all those codings. Each coding spans
its line's segment text. Because the uncoded text and the interviewer's turns are missing,
every file with documents gets one warning: shares (of segments with a code) are computed over
coded segments only. Import the project (``.qdpx``) or the transcripts for full documents.

**Speaker labels.** An interview is laid out by its speaker turns, so each line of an interview
(a document whose ``source_type`` is interview or not given) starts with ``R:`` (or the
document's ``respondent_label``) unless the segment itself starts with a speaker label (the
defaults ``I``, ``INT``, ``Interviewer``, ``R``, ``WR``, ``Respondent``, or the document's own
labels). The added label is not part of the coded span: offsets are computed on the text after
it, so ``text[start:end]`` is the segment text. A configuration that replaces the default
respondent labels must keep ``R``, or give ``respondent_label`` in the sidecar. Segments of an
observation get no label.

**Sidecar of document variables.** The export has no date, respondent or job title. A file
``<spreadsheet stem>.documents.csv`` next to the spreadsheet (``export.xlsx`` ->
``export.documents.csv``; comma or semicolon separated, UTF-8 or Windows-1252) adds them::

    document,gemeente,source_type,respondent,functie,datum
    KAT-01,Katwijk,interview,T-R1,wijkverbinder,2026-01-12

Document names are compared ignoring case; the sidecar's values take precedence over the
export's (a document group); empty cells give nothing. A row naming a document that is not in
the export is a warning; a document without a row just lacks the variables, which
:func:`imported.build` then reports as missing. Read on its own, the sidecar is skipped with a
note.

**Not supported:** image, PDF-area, audio and video segments (rows without segment text are
skipped with a warning); the old binary Excel format ``.xls``; other exports of these tools
(code frequencies, document-code tables, summary grids); NVivo and other tools' spreadsheets.
Only the first sheet with a recognised header is read. In an ATLAS.ti export a quotation without
codes is skipped with a warning (quotations need not be coded); in a MAXQDA export a row
without a code is an error.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wijkverbinders.codebook import Codebook
from wijkverbinders.errors import NOTE, WARNING, Problem
from wijkverbinders.formats import imported
from wijkverbinders.formats.common import (
    DEFAULT_INTERVIEWER_LABELS,
    DEFAULT_RESPONDENT_LABELS,
    ReadOptions,
)
from wijkverbinders.formats.imported import SOURCE_TYPE_VALUES, SourceText, field_for
from wijkverbinders.formats.native import _turn_pattern
from wijkverbinders.model import CodedDocument, normalise_key

SUFFIXES = (".xlsx", ".csv")
SIDECAR_SUFFIX = ".documents.csv"
#: The variable a document group fills.
GROUP_VARIABLE = "gemeente"
#: The label put before a segment of an interview that has none.
DEFAULT_PREFIX_LABEL = "R"
_HEADER_SEARCH = 10
_LINE_BREAKS = re.compile(r"[ \t]*(?:\r\n|[\r\n\v\f\u2028\u2029])+[ \t]*")
_NUMBER = re.compile(r"\d+")


def _key(name: object) -> str:
    """A column name as compared: NFC, case-folded, without spaces or punctuation."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFC", str(name)).casefold())


@dataclass(frozen=True)
class _Format:
    """The columns of one tool's export: field -> (English name, accepted names)."""

    name: str
    columns: dict[str, tuple[str, tuple[str, ...]]]
    required: tuple[str, ...]
    usual: tuple[str, ...]

    def match(self, header: list[str]) -> dict[str, int] | None:
        """Column index of each field, when every required field has a column."""
        lookup = {_key(alias): f for f, (_, aliases) in self.columns.items() for alias in aliases}
        found: dict[str, int] = {}
        for index, name in enumerate(header):
            target = lookup.get(_key(name))
            if target is not None and target not in found:
                found[target] = index
        return found if all(f in found for f in self.required) else None

    def expected(self) -> str:
        names = ", ".join(self.columns[f][0] for f in self.required)
        usual = ", ".join(self.columns[f][0] for f in self.usual)
        return f"{self.name} (columns {names}; usually also {usual})"


_CREATED_BY = ("Created by", ("created by", "erstellt von", "aangemaakt door", "gemaakt door"))
_MODIFIED_BY = (
    "Modified by",
    ("modified by", "geändert von", "gewijzigd door", "bewerkt door", "laatst gewijzigd door"),
)
_CREATED = ("Created", ("created", "erstellt", "erstellt am", "aangemaakt", "aangemaakt op"))
_MODIFIED = ("Modified", ("modified", "geändert", "geändert am", "gewijzigd", "gewijzigd op"))
_COMMENT = ("Comment", ("comment", "comments", "kommentar", "commentaar", "opmerking"))

MAXQDA = _Format(
    "a MAXQDA coded-segment export",
    {
        "color": ("Color", ("color", "colour", "farbe", "kleur")),
        "group": ("Document group", ("document group", "dokumentgruppe", "documentgroep")),
        "document": (
            "Document name",
            ("document name", "document", "dokumentname", "dokument", "documentnaam"),
        ),
        "code": ("Code", ("code", "kode")),
        "begin": ("Beginning", ("beginning", "begin", "beginn", "anfang", "start")),
        "end": ("End", ("end", "ende", "einde", "eind")),
        "weight": ("Weight score", ("weight score", "weight", "gewicht", "gewichtung")),
        "segment": ("Segment", ("segment", "segmenttext", "segmenttekst")),
        "modified_by": _MODIFIED_BY,
        "modified": _MODIFIED,
        "created_by": _CREATED_BY,
        "created": _CREATED,
        "area": ("Area", ("area", "fläche", "oppervlakte")),
        "coverage": ("Coverage %", ("coverage %", "abdeckungsgrad %", "abdeckung %", "dekking %")),
        "comment": _COMMENT,
    },
    ("document", "code", "segment"),
    ("group", "begin", "end", "created_by"),
)
ATLAS = _Format(
    "an ATLAS.ti quotation export",
    {
        "id": ("ID", ("id", "quotation id", "zitat id", "citaat id")),
        "name": ("Quotation Name", ("quotation name", "name", "zitatname", "citaatnaam")),
        "document": (
            "Document",
            ("document", "document name", "primary document", "dokument", "documentnaam"),
        ),
        "group": (
            "Document Groups",
            ("document groups", "document group", "dokumentgruppen", "documentgroepen"),
        ),
        "segment": (
            "Quotation Content",
            ("quotation content", "content", "quotation text", "zitatinhalt", "citaatinhoud"),
        ),
        "codes": ("Codes", ("codes", "code", "kodes")),
        "comment": _COMMENT,
        "reference": ("Reference", ("reference", "referenz", "referentie")),
        "density": ("Density", ("density", "dichte", "dichtheid")),
        "created": _CREATED,
        "modified": _MODIFIED,
        "created_by": ("Created by", (*_CREATED_BY[1], "author", "autor", "auteur")),
        "modified_by": _MODIFIED_BY,
    },
    ("document", "codes", "segment"),
    ("id", "group", "reference", "created_by"),
)
_FORMATS = (MAXQDA, ATLAS)

Rows = list[tuple[int, list[str]]]  # (spreadsheet row number, cells), non-empty rows only


def _cell(value: object) -> str:
    """A cell as text: integral numbers without ``.0``, dates in ISO form, empty for None."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    return str(value)


def _one_line(text: str) -> str:
    """A segment's text as one paragraph: line breaks become spaces, ends trimmed."""
    return _LINE_BREAKS.sub(" ", text).strip()


# --- Reading sheets ------------------------------------------------------------------------


def _xlsx_sheets(path: Path, problems: list[Problem]) -> list[Rows] | None:
    """The non-empty rows of every sheet of a workbook, or None (with a problem)."""
    import zipfile

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            workbook = load_workbook(path, data_only=True)
            sheets = []
            for sheet in workbook.worksheets:
                rows: Rows = []
                for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1):
                    cells = [_cell(v) for v in values]
                    if any(c.strip() for c in cells):
                        rows.append((number, cells))
                sheets.append(rows)
            workbook.close()
    except zipfile.BadZipFile:
        reason = "not a zip archive"
    except Exception as exc:  # a damaged workbook fails in many ways inside openpyxl
        reason = f"{type(exc).__name__}: {exc}"
    else:
        return sheets
    problems.append(
        Problem(
            str(path),
            0,
            f"cannot read the workbook: not a valid .xlsx file ({reason}); export the coded "
            "segments again as Excel (.xlsx) or CSV",
        )
    )
    return None


def _decode(path: Path, problems: list[Problem]) -> str | None:
    """A CSV file's text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252
    with a warning; None (with a problem) when it is none of these."""
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                str(path),
                0,
                f"cannot decode the file: neither UTF-8 nor Windows-1252 (byte "
                f"0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
            )
        )
        return None
    problems.append(
        Problem(
            str(path),
            0,
            "not UTF-8: read as Windows-1252 (cp1252); check letters such as ë and é, or save "
            "the file as UTF-8",
            WARNING,
        )
    )
    return text


def _csv_rows(path: Path, problems: list[Problem]) -> Rows | None:
    """The non-empty records of a CSV file, numbered as a spreadsheet numbers rows (a record
    with line breaks inside quotes is one row); the separator (``,``, ``;`` or tab) is taken
    from the first line."""
    text = _decode(path, problems)
    if text is None:
        return None
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    separator = max(counts, key=lambda s: (counts[s], s == ","))
    rows: Rows = []
    try:
        for number, cells in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=separator), 1
        ):
            if any(c.strip() for c in cells):
                rows.append((number, cells))
    except csv.Error as exc:
        problems.append(Problem(str(path), 0, f"cannot read the file as CSV: {exc}"))
        return None
    return rows


def _find_header(rows: Rows) -> tuple[_Format, dict[str, int], int] | None:
    """The format, its columns and the position of the header among the first rows."""
    for position, (_, cells) in enumerate(rows[:_HEADER_SEARCH]):
        matches = [(fmt, fmt.match(cells)) for fmt in _FORMATS]
        found = [(fmt, columns) for fmt, columns in matches if columns is not None]
        if found:
            fmt, columns = max(found, key=lambda fc: len(fc[1]))  # first of equals: MAXQDA
            return fmt, columns, position
    return None


def _not_an_export(path: Path, rows: Rows) -> Problem:
    number, cells = rows[0]
    listed = ", ".join(f"'{c.strip()}'" for c in cells if c.strip())
    hint = ""
    if path.name.casefold().endswith(SIDECAR_SUFFIX):
        stem = path.name[: -len(SIDECAR_SUFFIX)]
        hint = (
            f" (a sidecar of document variables is read with its spreadsheet {stem}.xlsx or "
            f"{stem}.csv next to it)"
        )
    return Problem(
        str(path),
        number,
        f"not a coded-segment export: header {listed} matches neither "
        f"{MAXQDA.expected()} nor {ATLAS.expected()}{hint}",
    )


# --- Rows to segments --------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    document: str
    codes: list[str]
    text: str
    coder: str
    groups: list[str]
    order: tuple[int, ...] | None  # None: no position, placed after the others
    identity: tuple[str, ...]  # the position as written, for finding the same segment again
    variables: dict[str, str] = field(default_factory=dict)


def _rows(
    path: Path, fmt: _Format, columns: dict[str, int], header: list[str], rows: Rows
) -> tuple[list[_Row], list[Problem]]:
    """The usable rows of a sheet, and a problem for each row that is not."""
    where = str(path)
    problems: list[Problem] = []
    used = set(columns.values())
    variable_columns = {
        index: name.strip()
        for index, name in enumerate(header)
        if index not in used and name.strip() and field_for(name) is not None
    }
    names = {f: header[i].strip() for f, i in columns.items()}
    found: list[_Row] = []
    for number, cells in rows:

        def get(name: str, cells: list[str] = cells) -> str:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        document = get("document").strip()
        text = _one_line(get("segment"))
        if fmt is MAXQDA:
            raw = get("code").strip()
            codes = ["::".join(part.strip() for part in raw.split("\\"))] if raw else []
        else:
            codes = [c.strip() for c in _LINE_BREAKS.split(get("codes")) if c.strip()]
        code_column = names["code" if fmt is MAXQDA else "codes"]
        if not document:
            problems.append(
                Problem(where, number, f"no document name in column '{names['document']}'")
            )
            continue
        if not codes:
            if fmt is ATLAS:
                problems.append(
                    Problem(
                        where,
                        number,
                        f"quotation without codes in document '{document}': skipped",
                        WARNING,
                    )
                )
            else:
                problems.append(
                    Problem(
                        where, number, f"no code in column '{code_column}' (document '{document}')"
                    )
                )
            continue
        if not text:
            problems.append(
                Problem(
                    where,
                    number,
                    f"empty segment text in document '{document}' (code '{codes[0]}'): skipped; "
                    "only text segments are read, not image, PDF-area or media segments",
                    WARNING,
                )
            )
            continue
        order, identity, problem = _position(fmt, columns, names, get, document)
        if problem:
            problems.append(Problem(where, number, problem, WARNING))
        coder = get("created_by").strip() or get("modified_by").strip()
        groups = [g.strip() for g in _LINE_BREAKS.split(get("group")) if g.strip()]
        variables = {
            name: cells[index].strip()
            for index, name in variable_columns.items()
            if index < len(cells) and cells[index].strip()
        }
        found.append(_Row(number, document, codes, text, coder, groups, order, identity, variables))
    return found, problems


def _position(
    fmt: _Format,
    columns: dict[str, int],
    names: dict[str, str],
    get: Callable[[str], str],
    document: str,
) -> tuple[tuple[int, ...] | None, tuple[str, ...], str]:
    """A row's order key, the position as written, and a warning when it has no position."""
    placed = f"the segment is placed after the numbered segments of document '{document}'"
    if fmt is MAXQDA:
        if "begin" not in columns and "end" not in columns:
            return None, (), ""
        written = {f: get(f).strip() for f in ("begin", "end") if f in columns}
        identity = tuple(written.values())
        numbers = {f: _integer(v) for f, v in written.items()}
        bad = [f"{names[f]} '{written[f]}'" for f, n in numbers.items() if n is None]
        if bad:
            verb = "is not a number" if len(bad) == 1 else "are not numbers"
            return None, identity, f"{' and '.join(bad)} {verb}: {placed}"
        return tuple(n for n in numbers.values() if n is not None), identity, ""
    if "reference" in columns:
        reference = get("reference").strip()
        numbers = tuple(int(n) for n in _NUMBER.findall(reference))
        identity = (get("id").strip() or reference,)
        if not numbers:
            return None, identity, f"{names['reference']} '{reference}' has no position: {placed}"
        return numbers, identity, ""
    if "id" in columns:
        quotation = get("id").strip()
        numbers = tuple(int(n) for n in _NUMBER.findall(quotation))
        if not numbers:
            return None, (quotation,), f"{names['id']} '{quotation}' has no number: {placed}"
        return numbers[-1:], (quotation,), ""
    return None, (), ""


def _integer(value: str) -> int | None:
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


# --- The sidecar of document variables ------------------------------------------------------


def _sidecar(
    path: Path, documents: list[str], problems: list[Problem]
) -> dict[str, dict[str, str]]:
    """The variables of each document (by normalised name) from ``<stem>.documents.csv``."""
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar.is_file() or sidecar == path:
        return {}
    rows = _csv_rows(sidecar, problems)
    if not rows:
        if rows is not None:
            problems.append(Problem(str(sidecar), 0, "empty sidecar: no header", WARNING))
        return {}
    (header_line, header), *body = rows
    names = [h.strip() for h in header]
    keys = [_key(n) for n in names]
    document_keys = {"document", "documentname", "documentnaam", "dokument", "dokumentname"}
    column = next((i for i, k in enumerate(keys) if k in document_keys), None)
    if column is None:
        listed = ", ".join(f"'{n}'" for n in names if n)
        problems.append(
            Problem(
                str(sidecar),
                header_line,
                f"no 'document' column: the header must be document,<variable>,... (found: "
                f"{listed})",
            )
        )
        return {}
    known = {normalise_key(d): d for d in documents}
    found: dict[str, dict[str, str]] = {}
    first_row: dict[str, int] = {}
    for number, cells in body:
        name = cells[column].strip() if column < len(cells) else ""
        if not name:
            problems.append(
                Problem(str(sidecar), number, "no document name: the row is not used", WARNING)
            )
            continue
        key = normalise_key(name)
        if key not in known:
            problems.append(
                Problem(
                    str(sidecar),
                    number,
                    f"document '{name}' is not in {path.name}: its variables are not used",
                    WARNING,
                )
            )
            continue
        if key in found:
            problems.append(
                Problem(
                    str(sidecar),
                    number,
                    f"document '{name}' is listed again (first in row {first_row[key]}): "
                    "this row is not used",
                    WARNING,
                )
            )
            continue
        first_row[key] = number
        found[key] = {
            names[i]: value.strip()
            for i, value in enumerate(cells)
            if i != column and i < len(names) and names[i] and value.strip()
        }
    return found


# --- Documents ---------------------------------------------------------------------------


def _merge(variables: dict[str, str], extra: dict[str, str]) -> None:
    """Add ``extra`` variables whose field is not already given."""
    given = {field_for(name) or name for name in variables}
    for name, value in extra.items():
        if (field_for(name) or name) not in given:
            variables[name] = value
            given.add(field_for(name) or name)


def _document_variables(
    path: Path,
    name: str,
    rows: list[_Row],
    sidecar: dict[str, str],
    folder: str,
    problems: list[Problem],
) -> dict[str, str]:
    """A document's variables: the sidecar's, then the export's document group and columns."""
    where = str(path)
    variables = dict(sidecar)
    from_export: dict[str, str] = {}
    first: dict[str, tuple[str, int]] = {}
    for row in rows:
        for variable, value in row.variables.items():
            if variable not in first:
                first[variable] = (value, row.number)
                from_export[variable] = value
            elif first[variable][0] != value:
                problems.append(
                    Problem(
                        where,
                        row.number,
                        f"{variable} '{value}' of document '{name}' differs from "
                        f"'{first[variable][0]}' in row {first[variable][1]}: the first is used",
                        WARNING,
                    )
                )
    groups = list(dict.fromkeys(g for row in rows for g in row.groups))
    if len(groups) == 1:
        from_export.setdefault(GROUP_VARIABLE, groups[0])
    _merge(variables, from_export)
    if len(groups) > 1 and "municipality" not in {field_for(v) for v in variables}:
        listed = ", ".join(f"'{g}'" for g in groups)
        instead = (
            f"the corpus folder '{folder}' is used"
            if folder
            else f"give gemeente in {path.stem}{SIDECAR_SUFFIX}"
        )
        problems.append(
            Problem(
                where,
                rows[0].number,
                f"document '{name}' is in several document groups ({listed}): none is taken as "
                f"the municipality; {instead}",
                WARNING,
            )
        )
    return variables


def _labels_of(variables: dict[str, str], target: str) -> tuple[str, ...]:
    return tuple(v for k, v in variables.items() if field_for(k) == target and v)


def _source(path: Path, name: str, rows: list[_Row], variables: dict[str, str], folder: str):
    """The SourceText of one document: its segments in order, one per line."""
    rows = sorted(
        rows, key=lambda r: (0, r.order, r.number) if r.order is not None else (1, (), r.number)
    )
    segments: dict[tuple, list[tuple[str, str]]] = {}
    for row in rows:
        codings = segments.setdefault((row.identity, row.text), [])
        codings += [(code, row.coder) for code in row.codes]
    source_type = next(iter(_labels_of(variables, "source_type")), "")
    interview = SOURCE_TYPE_VALUES.get(source_type.casefold(), source_type) != "observation"
    respondent_labels = _labels_of(variables, "respondent_label")
    prefix_label = respondent_labels[0] if respondent_labels else DEFAULT_PREFIX_LABEL
    declared = _turn_pattern(
        tuple(
            dict.fromkeys(
                (
                    *DEFAULT_INTERVIEWER_LABELS,
                    *DEFAULT_RESPONDENT_LABELS,
                    *respondent_labels,
                    *_labels_of(variables, "interviewer_label"),
                )
            )
        )
    )
    lines: list[str] = []
    spans: list[tuple[int, int, str, str]] = []
    offset = 0
    for (_, text), codings in segments.items():
        prefix = f"{prefix_label}: " if interview and not declared.match(text) else ""
        start, end = offset + len(prefix), offset + len(prefix) + len(text)
        for code, coder in dict.fromkeys(codings):
            spans.append((start, end, code, coder))
        lines.append(prefix + text)
        offset = end + 1
    return SourceText(
        where=f"{path}: document '{name}'",
        name=name,
        text="\n".join(lines),
        variables=variables,
        codings=tuple(spans),
        folder=folder,
    )


def extract(path: Path, *, folder: str = "") -> tuple[list[SourceText], list[Problem]]:
    """The documents of a coded-segment export, one :class:`SourceText` each.

    Args:
        path: A MAXQDA ``.xlsx``/``.csv`` or ATLAS.ti ``.xlsx`` export.
        folder: The corpus sub-folder of the file (the municipality when no variable gives
            one).

    Returns:
        ``(sources, problems)``: the documents in the order of their first row, and every
        problem; a row's problems carry its spreadsheet row number (the header is row 1).
    """
    path = Path(path)
    where = str(path)
    problems: list[Problem] = []
    if path.name.casefold().endswith(SIDECAR_SUFFIX):
        stem = path.name[: -len(SIDECAR_SUFFIX)]
        for suffix in SUFFIXES:
            spreadsheet = path.with_name(stem + suffix)
            if spreadsheet.is_file():
                message = f"document variables for {spreadsheet.name}: read with it"
                return [], [Problem(where, 0, message, NOTE)]
    if path.suffix.lower() == ".csv":
        rows = _csv_rows(path, problems)
        sheets = None if rows is None else [rows]
    else:
        sheets = _xlsx_sheets(path, problems)
    if sheets is None:
        return [], problems
    if not any(sheets):
        problems.append(
            Problem(where, 0, "empty spreadsheet: no rows; export the coded segments again")
        )
        return [], problems
    for rows in sheets:
        found = _find_header(rows) if rows else None
        if found is not None:
            break
    else:
        problems.append(_not_an_export(path, next(sheet for sheet in sheets if sheet)))
        return [], problems
    fmt, columns, position = found
    header = rows[position][1]
    usable, row_problems = _rows(path, fmt, columns, header, rows[position + 1 :])
    problems += row_problems
    by_document: dict[str, list[_Row]] = {}
    for row in usable:
        by_document.setdefault(row.document, []).append(row)
    if not by_document:
        problems.append(
            Problem(
                where, 0, "no coded segments: the export has a header but no usable rows", WARNING
            )
        )
        return [], problems
    sidecar = _sidecar(path, list(by_document), problems)
    sources = []
    for name, document_rows in by_document.items():
        variables = _document_variables(
            path, name, document_rows, sidecar.get(normalise_key(name), {}), folder, problems
        )
        sources.append(_source(path, name, document_rows, variables, folder))
    problems.append(
        Problem(
            where,
            0,
            f"coded segments only: the uncoded text of {len(sources)} document(s) is not in "
            "this export, so shares are computed over coded segments; import the project "
            "(.qdpx) or the transcripts for full documents",
            WARNING,
        )
    )
    return sources, problems


def read(
    path: str | Path, *, codebook: Codebook, options: ReadOptions | None = None
) -> tuple[list[CodedDocument], list[Problem]]:
    """Read a coded-segment export: every document built (documents with errors left out; the
    problems say why)."""
    return imported.read_with(extract, path, codebook=codebook, options=options)


__all__ = ["SIDECAR_SUFFIX", "SUFFIXES", "extract", "read"]
