"""A whole study as a REFI-QDA project (``.qdpx``), valid against ``Project.xsd``, so that coded
work and the tagger's suggestions can be reviewed in ATLAS.ti, NVivo, MAXQDA or QualCoder.

What goes in:

- every document as a text source (``sources/<guid>.txt``, UTF-8), with source variables
  ``municipality``, ``source_type``, ``date``, ``synthetic``, ``coder``, ``memo`` and the speaker
  labels (``interviewer_label``, ``respondent_label``) that lay out its turns;
- one case per respondent (pseudonym) with ``respondent``, and ``job_title`` and
  ``speaker_label`` when they are the same in every document the person appears in (otherwise
  the document's own ``job_title`` is a source variable), referring to those documents;
- the codebook (groups as non-codable parents, codes as codable children, descriptions);
- every human coding, per coder (the primary coder's and each second coder's), as a selection
  with code points as offsets, as the standard says;
- optionally the tagger's suggestions as codings by a separate user ``wijkverbinders-tagger``,
  each selection describing the score and the evidence, so that a researcher reviews them in
  their own tool and brings the accepted ones back.

GUIDs are derived from ids (UUID 5) and no time stamps are written, so the same study gives a
byte-identical file. Design metadata of synthetic documents (``scenes``) is not exported.
The file holds raw transcript text: write it under ``results/restricted/``.
"""

from __future__ import annotations

import io
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Sequence

from wijkverbinders.codebook import Codebook
from wijkverbinders.formats.imported import TAGGER_USER
from wijkverbinders.formats.refi import GUID_NAMESPACE, _codes_element, code_guid
from wijkverbinders.model import CodedDocument

PROJECT_NS = "urn:QDA-XML:project:1.0"
SOURCE_VARIABLES = (
    "municipality",
    "source_type",
    "date",
    "synthetic",
    "coder",
    "memo",
    "names",
    "interviewer_label",
    "respondent_label",
)
CASE_VARIABLES = ("respondent", "job_title", "speaker_label")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def guid(kind: str, key: str) -> str:
    """A stable GUID for an object of a kind (``source``, ``user``, ...) and its key."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))


def _q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


def _value(parent: ET.Element, variable: str, value: str) -> None:
    element = ET.SubElement(parent, _q("VariableValue"))
    ET.SubElement(element, _q("VariableRef"), {"targetGUID": guid("variable", variable)})
    ET.SubElement(element, _q("TextValue")).text = value


def _one(values: set[str]) -> str:
    return next(iter(values)) if len(values) == 1 else ""


def _source_values(coded: CodedDocument) -> dict[str, str]:
    doc = coded.document
    interviewers = list(dict.fromkeys(s.speaker for s in coded.context if s.speaker))
    speakers = list(dict.fromkeys(s.speaker for s in coded.segments if s.speaker))
    values = {
        "municipality": doc.municipality,
        "source_type": doc.source_type,
        "date": doc.date,
        "synthetic": "true" if doc.synthetic else "false",
        "coder": doc.coder,
        "memo": doc.memo,
        "names": "; ".join(doc.names),
        "interviewer_label": interviewers[0] if len(interviewers) == 1 else "",
        "respondent_label": (
            speakers[0] if doc.source_type == "interview" and len(speakers) == 1 else ""
        ),
        "job_title": doc.respondents[0].job_title if len(doc.respondents) == 1 else "",
    }
    return {k: v for k, v in values.items() if v}


def project_qdpx(
    documents: Sequence[CodedDocument],
    codebook: Codebook,
    *,
    second: Iterable[CodedDocument] = (),
    suggestions: Iterable[dict] = (),
    name: str = "wijkverbinders",
) -> bytes:
    """The study as ``.qdpx`` bytes.

    Args:
        documents: The primary documents (text, metadata, the primary coder's codings).
        codebook: The codebook.
        second: Second coders' copies (same ids and text); their codings are added per coder.
        suggestions: Rows with ``doc_id``, ``segment_id``, ``code``, ``score`` and
            ``evidence`` (the pipeline's ``suggestions.csv``), exported as codings by
            :data:`TAGGER_USER`.
        name: The project's name.

    Raises:
        ValueError: When a second copy or a suggestion refers to a document or segment that is
            not in ``documents``.
    """
    by_id = {d.id: d for d in documents}
    codings: dict[str, list[tuple[int, int, str, str, str]]] = {d.id: [] for d in documents}
    for coded in documents:
        codings[coded.id] += [
            (c.start, c.end, c.coder or "unknown", c.code, "") for c in coded.codings
        ]
    for copy in second:
        if copy.id not in by_id:
            raise ValueError(f"second coding of '{copy.id}': no such document")
        codings[copy.id] += [
            (c.start, c.end, c.coder or "unknown", c.code, "") for c in copy.codings
        ]
    segment_at = {s.id: (d.id, s) for d in documents for s in d.segments}
    for row in suggestions:
        key = str(row["segment_id"])
        if key not in segment_at:
            raise ValueError(f"suggestion for segment '{key}': no such segment")
        doc_id, segment = segment_at[key]
        note = f"tagger score {float(row['score']):.3f}"
        if str(row.get("evidence", "") or ""):
            note += f"; evidence: {row['evidence']}"
        codings[doc_id].append((segment.start, segment.end, TAGGER_USER, str(row["code"]), note))

    users = sorted({coder for rows in codings.values() for _, _, coder, _, _ in rows})
    ET.register_namespace("", PROJECT_NS)
    root = ET.Element(_q("Project"), {"name": name, "origin": "wijkverbinders"})
    users_element = ET.SubElement(root, _q("Users"))
    for user in users or ["unknown"]:
        ET.SubElement(users_element, _q("User"), {"guid": guid("user", user), "name": user})
    codebook_element = ET.SubElement(root, _q("CodeBook"))
    _codes_element(codebook_element, codebook, PROJECT_NS)
    variables = ET.SubElement(root, _q("Variables"))
    for variable in (*SOURCE_VARIABLES, *CASE_VARIABLES):
        ET.SubElement(
            variables,
            _q("Variable"),
            {"guid": guid("variable", variable), "name": variable, "typeOfVariable": "Text"},
        )
    people: dict[str, dict] = {}
    for coded in documents:
        for person in coded.document.respondents:
            if not person.pseudonym:
                continue
            entry = people.setdefault(
                person.pseudonym, {"titles": set(), "labels": set(), "sources": []}
            )
            entry["titles"].add(person.job_title)
            entry["labels"].add(person.label)
            entry["sources"].append(coded.id)
    if people:
        cases = ET.SubElement(root, _q("Cases"))
        for pseudonym, entry in sorted(people.items()):
            case = ET.SubElement(
                cases, _q("Case"), {"guid": guid("case", pseudonym), "name": pseudonym}
            )
            # A case holds what is true of the person in every document; what differs (a job
            # title missing from field notes) is a variable of the source instead.
            values = {
                "respondent": pseudonym,
                "job_title": _one(entry["titles"]),
                "speaker_label": _one(entry["labels"]),
            }
            for variable in CASE_VARIABLES:
                if values.get(variable):
                    _value(case, variable, str(values[variable]))
            for doc_id in entry["sources"]:
                ET.SubElement(case, _q("SourceRef"), {"targetGUID": guid("source", doc_id)})
    files: dict[str, bytes] = {}
    if documents:
        sources = ET.SubElement(root, _q("Sources"))
    for coded in sorted(documents, key=lambda d: d.id):
        source_guid = guid("source", coded.id)
        files[f"sources/{source_guid}.txt"] = coded.document.text.encode("utf-8")
        source = ET.SubElement(
            sources,
            _q("TextSource"),
            {
                "guid": source_guid,
                "name": coded.id,
                "plainTextPath": f"internal://{source_guid}.txt",
            },
        )
        grouped: dict[tuple[int, int, str], list[tuple[str, str]]] = {}
        for start, end, coder, code, note in sorted(codings[coded.id]):
            grouped.setdefault((start, end, coder), []).append((code, note))
        for (start, end, coder), codes in grouped.items():
            key = f"{coded.id}:{start}:{end}:{coder}"
            selection = ET.SubElement(
                source,
                _q("PlainTextSelection"),
                {
                    "guid": guid("selection", key),
                    "name": ", ".join(code for code, _ in codes),
                    "startPosition": str(start),
                    "endPosition": str(end),
                    "creatingUser": guid("user", coder),
                },
            )
            notes = "; ".join(f"{code}: {note}" for code, note in codes if note)
            if notes:
                ET.SubElement(selection, _q("Description")).text = notes
            for code, _ in codes:
                coding = ET.SubElement(
                    selection,
                    _q("Coding"),
                    {"guid": guid("coding", f"{key}:{code}"), "creatingUser": guid("user", coder)},
                )
                ET.SubElement(coding, _q("CodeRef"), {"targetGUID": code_guid(code)})
        for variable, value in _source_values(coded).items():
            _value(source, variable, value)
    ET.indent(root)
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in [("project.qde", xml), *sorted(files.items())]:
            info = zipfile.ZipInfo(entry, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


__all__ = ["TAGGER_USER", "guid", "project_qdpx"]
