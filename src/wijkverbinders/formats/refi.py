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

from wijkverbinders.codebook import Codebook

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
