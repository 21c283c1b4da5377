"""REFI-QDA exchange (QDA-XML 1.0): the codebook as a ``.qdc`` file for QDA software.

The codebook's groups become non-codable parent codes and its codes codable children, each with
a description (definition, include, exclude) so that a coder in ATLAS.ti, NVivo, MAXQDA or
QualCoder sees the same rules. GUIDs are derived from the code ids (UUID 5), so exporting the
same codebook again gives the same GUIDs and byte-identical files, and codes keep their identity
across exports.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace

from wijkverbinders.codebook import Codebook
from wijkverbinders.errors import NOTE, WARNING, Problem

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
# Namespace for the project's GUIDs (a fixed, project-specific UUID).
GUID_NAMESPACE = uuid.UUID("6f1d2c0e-8a4b-5d3c-9e7f-0a1b2c3d4e5f")
GROUP_COLOURS = {
    "role": "#1f5fa8",
    "barrier": "#b03a2e",
    "outcome": "#2e7d32",
    "recommendation": "#7b5ea7",
}


def code_guid(name: str) -> str:
    """The stable GUID of a code or group id."""
    return str(uuid.uuid5(GUID_NAMESPACE, name))


def _description(code) -> str:
    parts = [code.definition.strip()]
    if code.include.strip():
        parts.append(f"Include: {code.include.strip()}")
    if code.exclude.strip():
        parts.append(f"Exclude: {code.exclude.strip()}")
    return "\n\n".join(parts)


def _codes_element(parent: ET.Element, codebook: Codebook, ns: str) -> None:
    codes = ET.SubElement(parent, f"{{{ns}}}Codes")
    for group, label in codebook.group_labels.items():
        group_code = ET.SubElement(
            codes,
            f"{{{ns}}}Code",
            {"guid": code_guid(f"group:{group}"), "name": label, "isCodable": "false"},
        )
        if group in GROUP_COLOURS:
            group_code.set("color", GROUP_COLOURS[group])
        for code in (c for c in codebook.codes if c.group == group):
            element = ET.SubElement(
                group_code,
                f"{{{ns}}}Code",
                {"guid": code_guid(code.id), "name": code.id, "isCodable": "true"},
            )
            if group in GROUP_COLOURS:
                element.set("color", GROUP_COLOURS[group])
            ET.SubElement(element, f"{{{ns}}}Description").text = f"{code.label}. " + _description(
                code
            )


def codebook_qdc(codebook: Codebook) -> bytes:
    """The codebook as a REFI-QDA codebook document (``.qdc``), UTF-8 XML."""
    ET.register_namespace("", CODEBOOK_NS)
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": f"wijkverbinders ({codebook.name})"})
    _codes_element(root, codebook, CODEBOOK_NS)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


# --- Import of REFI-QDA projects (.qdpx archives and bare .qde) -------------------------------

PROJECT_NS_PREFIX = "urn:QDA-XML:project:"
MAX_ENTRIES = 10_000
MAX_UNCOMPRESSED = 500 * 1024 * 1024  # bytes, all entries together


class ImportProblem(Exception):
    """A file that cannot be imported; the message says what to fix."""


def _local(tag: str) -> str:
    """An element's name without its namespace (real exports use several namespace versions)."""
    return tag.rsplit("}", 1)[-1]


def read_archive(path) -> tuple[bytes, dict[str, bytes], list[str]]:
    """The project XML and the files under ``sources/`` of a ``.qdpx`` (or a bare ``.qde``).

    Entries are read in memory, never extracted. Refused: absolute paths and ``..`` in entry
    names, more than :data:`MAX_ENTRIES` entries, more than :data:`MAX_UNCOMPRESSED` bytes.

    Returns:
        ``(project XML, {lower-case file name: bytes}, notes)``.
    """
    import zipfile
    from pathlib import Path, PurePosixPath

    path = Path(path)
    if path.suffix.lower() == ".qde":
        return path.read_bytes(), {}, ["a bare project without its source files"]
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ImportProblem(f"{path}: not a .qdpx archive (not a zip file)") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise ImportProblem(f"{path}: {len(entries)} entries (more than {MAX_ENTRIES})")
        total = sum(e.file_size for e in entries)
        if total > MAX_UNCOMPRESSED:
            raise ImportProblem(
                f"{path}: {total:,} bytes uncompressed (more than {MAX_UNCOMPRESSED:,})"
            )
        project = None
        files: dict[str, bytes] = {}
        for entry in entries:
            name = PurePosixPath(entry.filename.replace("\\", "/"))
            if name.is_absolute() or ".." in name.parts or ":" in entry.filename:
                raise ImportProblem(
                    f"{path}: refuses entry '{entry.filename}' (path outside the archive)"
                )
            if entry.is_dir():
                continue
            if len(name.parts) == 1 and name.suffix.lower() == ".qde":
                project = archive.read(entry)
            elif len(name.parts) == 2 and name.parts[0].lower() == "sources":
                files[name.name.lower()] = archive.read(entry)
        if project is None:
            raise ImportProblem(f"{path}: no project.qde in the archive")
    return project, files, []


def _decode(data: bytes) -> tuple[str, bool]:
    """Text of a source file, and whether it started with a byte-order mark."""
    bom = data.startswith(b"\xef\xbb\xbf")
    return data.decode("utf-8-sig"), bom


# Offset conventions of real producers: Unicode code points (the standard), UTF-16 code units
# (NVivo), and a CRLF line end counted as one character where the text has two.
def _index_maps(text: str) -> dict[str, list[int]]:
    """Per convention, the Python string index for each offset (offset -> index)."""
    utf16 = []
    for i, ch in enumerate(text):
        utf16.append(i)
        if ord(ch) > 0xFFFF:
            utf16.append(i)  # the second code unit of a surrogate pair points into the char
    utf16.append(len(text))
    crlf_one = []
    i = 0
    while i < len(text):
        crlf_one.append(i)
        i += 2 if text.startswith("\r\n", i) else 1
    crlf_one.append(len(text))
    return {
        "code points": list(range(len(text) + 1)),
        "UTF-16 code units": utf16,
        "CRLF as one": crlf_one,
    }


def _boundary_score(text: str, spans: list[tuple[int, int]]) -> int:
    """How many span ends fall on word boundaries (a sign the convention is right)."""

    def at_boundary(i: int) -> bool:
        left = text[i - 1] if i > 0 else " "
        right = text[i] if i < len(text) else " "
        return not (left.isalnum() and right.isalnum())

    return sum(at_boundary(a) + at_boundary(b) for a, b in spans)


def detect_offsets(
    text: str, selections: list[tuple[int, int]]
) -> tuple[str, list[tuple[int, int]]]:
    """The offset convention that fits a source's selections, and the spans as string indices.

    Raises:
        ImportProblem: When no convention puts every selection inside the text.
    """
    best = None
    for name, index in _index_maps(text).items():
        if any(not (0 <= a <= b < len(index)) for a, b in selections):
            continue
        spans = [(index[a], index[b]) for a, b in selections]
        score = _boundary_score(text, spans)
        if best is None or score > best[0]:
            best = (score, name, spans)
    if best is None:
        longest = max((b for _, b in selections), default=0)
        raise ImportProblem(
            f"selections end at offset {longest} but the text has {len(text)} characters "
            "under every known offset convention"
        )
    return best[1], best[2]


@dataclass(frozen=True)
class ImportedSource:
    guid: str
    name: str
    text: str
    convention: str
    codings: tuple[tuple[int, int, str, str], ...]  # start, end (string indices), code, coder
    variables: tuple[tuple[str, str], ...] = ()  # the source's own variables
    cases: tuple[tuple[tuple[str, str], ...], ...] = ()  # variables of each case referring to it


@dataclass(frozen=True)
class ImportedProject:
    origin: str
    codes: dict[str, tuple[str, str, str]]  # guid -> (name, parent guid, description)
    sources: tuple[ImportedSource, ...]
    problems: tuple[Problem, ...]


def _variable_values(element, names: dict[str, str]) -> list[tuple[str, str]]:
    """``(variable name, value as text)`` of an element's ``VariableValue`` children."""
    found = []
    for value in (v for v in element if _local(v.tag) == "VariableValue"):
        ref = next((r for r in value if _local(r.tag) == "VariableRef"), None)
        content = next((c for c in value if _local(c.tag).endswith("Value")), None)
        if ref is None or content is None:
            continue
        name = names.get(ref.get("targetGUID", ""), "")
        if name:
            found.append((name, (content.text or "").strip()))
    return found


def import_project(path) -> ImportedProject:
    """Read a REFI-QDA project: its codes (with hierarchy) and its text sources with codings.

    Non-text sources (PDF, pictures, audio, video) are listed as problems, not silently left
    out; so are text sources whose file is missing from the archive and selections without a
    coding.
    """
    from pathlib import Path

    import defusedxml.ElementTree as SafeET

    where = Path(path).name
    file = str(path)
    project_xml, files, notes = read_archive(path)
    try:
        root = SafeET.fromstring(project_xml, forbid_dtd=True)
    except Exception as exc:  # defusedxml and expat raise several types
        raise ImportProblem(f"{where}: project XML cannot be read safely ({exc})") from None
    if not _local(root.tag) == "Project":
        raise ImportProblem(f"{where}: root element is {_local(root.tag)}, not Project")
    problems = [Problem(file, 0, note, NOTE) for note in notes]

    def problem(source_name: str, message: str, severity: str = "error") -> None:
        problems.append(Problem(file, 0, f"source '{source_name}': {message}", severity))

    users = {
        u.get("guid"): u.get("name") or u.get("id") or ""
        for u in root.iter()
        if _local(u.tag) == "User"
    }
    codes: dict[str, tuple[str, str, str]] = {}
    for codebook in (e for e in root if _local(e.tag) == "CodeBook"):
        codes.update(_code_tree(codebook))
    variable_names = {
        v.get("guid", ""): v.get("name", "") for v in root.iter() if _local(v.tag) == "Variable"
    }
    # Case variables apply to the sources a case refers to.
    case_values: dict[str, list[tuple[tuple[str, str], ...]]] = {}
    for case in (c for c in root.iter() if _local(c.tag) == "Case"):
        values = tuple(_variable_values(case, variable_names))
        for ref in (r for r in case if _local(r.tag) == "SourceRef"):
            case_values.setdefault(ref.get("targetGUID", ""), []).append(values)
    sources = []
    kinds = ("TextSource", "PDFSource", "PictureSource", "AudioSource", "VideoSource")
    for source in (e for e in root.iter() if _local(e.tag) in kinds):
        kind = _local(source.tag)
        name = source.get("name") or source.get("guid")
        if kind != "TextSource":
            problem(name, f"of type {kind}: only text sources are imported", WARNING)
            continue
        plain = source.get("plainTextPath") or ""
        text = None
        if plain.startswith("internal://"):
            data = files.get(plain[len("internal://") :].lower())
            if data is None:
                problem(name, f"{plain} is missing from the archive")
                continue
            try:
                text, _ = _decode(data)
            except UnicodeDecodeError as exc:
                problem(name, f"{plain} is not UTF-8 ({exc.reason})")
                continue
        else:
            content = next((c.text for c in source if _local(c.tag) == "PlainTextContent"), None)
            if content is None:
                problem(name, f"has no plain text ({plain or 'no path'})")
                continue
            text = content
        raw = []
        for selection in (s for s in source if _local(s.tag) == "PlainTextSelection"):
            refs = [
                (ref.get("targetGUID"), coding.get("creatingUser") or selection.get("creatingUser"))
                for coding in selection
                if _local(coding.tag) == "Coding"
                for ref in coding
                if _local(ref.tag) == "CodeRef"
            ]
            if not refs:
                problem(name, f"selection {selection.get('guid')} has no coding", NOTE)
                continue
            try:
                start = int(selection.get("startPosition", ""))
                end = int(selection.get("endPosition", ""))
            except ValueError:
                problem(
                    name,
                    f"selection {selection.get('guid')} has no valid startPosition/endPosition",
                )
                continue
            if start > end:
                problem(name, f"selection {selection.get('guid')} ends before it starts")
                continue
            raw.append(((start, end), refs))
        try:
            convention, spans = detect_offsets(text, [r[0] for r in raw])
        except ImportProblem as exc:
            problem(name, str(exc))
            continue
        codings = []
        for (start, end), ((_, refs)) in zip(spans, raw, strict=True):
            for code_guid_, user in refs:
                if code_guid_ not in codes:
                    problem(name, f"coding refers to unknown code {code_guid_}")
                    continue
                codings.append((start, end, codes[code_guid_][0], users.get(user, user or "")))
        imported = (
            ImportedSource(
                source.get("guid"),
                name,
                text.replace("\r\n", "\n"),
                convention,
                tuple(sorted(codings)),
            )
            if "\r\n" not in text
            else _normalise_crlf(source.get("guid"), name, text, convention, codings)
        )
        sources.append(
            replace(
                imported,
                variables=tuple(_variable_values(source, variable_names)),
                cases=tuple(case_values.get(source.get("guid", ""), [])),
            )
        )
    return ImportedProject(root.get("origin", ""), codes, tuple(sources), tuple(problems))


def _normalise_crlf(guid, name, text, convention, codings) -> ImportedSource:
    """Line ends as ``\\n`` (as the rest of the pipeline has them), offsets moved with them."""
    shift = [0] * (len(text) + 1)
    removed = 0
    for i in range(len(text)):
        shift[i] = i - removed
        if text.startswith("\r\n", i):
            removed += 1
    shift[len(text)] = len(text) - removed
    moved = tuple(sorted((shift[a], shift[b], c, u) for a, b, c, u in codings))
    return ImportedSource(guid, name, text.replace("\r\n", "\n"), convention, moved)


SUFFIXES = (".qdpx", ".qde")
_SOURCE_EXTENSIONS = (".txt", ".docx", ".doc", ".rtf", ".odt", ".pdf", ".html", ".htm")


def document_name(source_name: str) -> str:
    """A source's name as a document id: without the file extension QDA software keeps."""
    for extension in _SOURCE_EXTENSIONS:
        if source_name.lower().endswith(extension) and len(source_name) > len(extension):
            return source_name[: -len(extension)]
    return source_name


def _code_tree(root) -> dict[str, tuple[str, str, str]]:
    """``{guid: (name, parent guid, description)}`` of every ``Code`` under a ``Codes``."""
    codes: dict[str, tuple[str, str, str]] = {}

    def walk(element, parent: str) -> None:
        for child in element:
            if _local(child.tag) != "Code":
                continue
            description = next((d.text or "" for d in child if _local(d.tag) == "Description"), "")
            codes[child.get("guid")] = (child.get("name", ""), parent, description.strip())
            walk(child, child.get("guid"))

    for codes_element in (e for e in root if _local(e.tag) == "Codes"):
        walk(codes_element, "")
    return codes


def read_codebook(path) -> dict[str, tuple[str, str, str]]:
    """The codes of a REFI-QDA codebook (``.qdc``), leniently (other namespace versions, an
    empty ``<Sets/>``).

    Raises:
        ImportProblem: When the file is not a codebook that can be read safely.
    """
    import defusedxml.ElementTree as SafeET

    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_UNCOMPRESSED + 1)
    except OSError as exc:
        raise ImportProblem(f"{path}: cannot be read ({exc.strerror})") from None
    if len(data) > MAX_UNCOMPRESSED:
        raise ImportProblem(f"{path}: larger than {MAX_UNCOMPRESSED:,} bytes")
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except Exception as exc:  # defusedxml and expat raise several types
        raise ImportProblem(f"{path}: codebook XML cannot be read safely ({exc})") from None
    if _local(root.tag) != "CodeBook":
        raise ImportProblem(f"{path}: root element is {_local(root.tag)}, not CodeBook")
    return _code_tree(root)


def codes_of(path) -> list[dict]:
    """The codes of a project or a codebook (``guid, name, parent, description``), for
    ``codes.csv``."""
    from pathlib import Path

    if Path(path).suffix.lower() == ".qdc":
        codes = read_codebook(path)
    else:
        codes = import_project(path).codes
    return [
        {"guid": guid, "name": name, "parent": parent, "description": description}
        for guid, (name, parent, description) in codes.items()
    ]


def extract(path, *, folder: str = ""):
    """The text sources of a ``.qdpx`` or ``.qde`` file as documents to build (see
    :mod:`wijkverbinders.formats.imported`): text, source and case variables, codings with the
    code's name and the coding user's name."""
    from pathlib import Path

    from wijkverbinders.formats.imported import SourceText

    try:
        project = import_project(path)
    except (ImportProblem, OSError) as exc:
        return [], [Problem(str(path), 0, str(exc))]
    except Exception as exc:  # a broken archive can raise more than zipfile's own errors
        return [], [Problem(str(path), 0, f"cannot be read as a REFI-QDA project ({exc})")]
    sources = [
        SourceText(
            where=f"{Path(path)}: source '{source.name}'",
            name=document_name(source.name),
            text=source.text,
            variables=source_variables(source),
            codings=source.codings,
            folder=folder,
            offsets=source.convention,
        )
        for source in project.sources
    ]
    return sources, list(project.problems)


def source_variables(source: ImportedSource) -> dict[str, object]:
    """A source's variables with its cases': one case (a respondent) fills the respondent's
    fields; several cases (a group interview) become ``respondents``, each with the label
    from its ``speaker_label`` variable. The source's own variables come first."""
    from wijkverbinders.formats.imported import field_for

    variables: dict[str, object] = dict(source.variables)
    people = []
    for case in source.cases:
        person: dict[str, str] = {}
        for name, value in case:
            target = field_for(name) or _PERSON_FIELDS.get(name.casefold().replace(" ", "_"))
            if target in ("respondent", "job_title", "label") and value:
                person.setdefault(target, value)
            elif target and value:
                variables.setdefault(name, value)  # municipality etc. of a case
        if person:
            people.append(person)
    if len(people) == 1:
        person = people[0]
        for target in ("respondent", "job_title"):
            if target in person:
                variables.setdefault(target, person[target])
        if "label" in person:
            variables.setdefault("respondent_label", person["label"])
    elif len(people) > 1:
        variables["respondents"] = people
    return variables


_PERSON_FIELDS = {"speaker_label": "label", "sprekerlabel": "label", "label": "label"}


def read(path, *, codebook: Codebook, options=None):
    """Every text source of a project as a document (those with errors left out) and every
    problem found."""
    from wijkverbinders.formats.imported import read_with

    return read_with(extract, path, codebook=codebook, options=options)
