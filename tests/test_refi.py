"""REFI-QDA exchange: the codebook as a .qdc file."""

import xml.etree.ElementTree as ET

import pytest

from tests.conftest import ROOT
from wijkverbinders.cli import main
from wijkverbinders.formats.refi import CODEBOOK_NS, code_guid, codebook_qdc

SCHEMAS = ROOT.parent / "shared" / "refi-qda"


def test_codebook_export_has_groups_codes_and_descriptions(codebook):
    root = ET.fromstring(codebook_qdc(codebook))
    ns = {"q": CODEBOOK_NS}
    groups = root.findall("q:Codes/q:Code", ns)
    assert [g.get("name") for g in groups] == list(codebook.group_labels.values())
    assert {g.get("isCodable") for g in groups} == {"false"}
    codes = root.findall("q:Codes/q:Code/q:Code", ns)
    assert [c.get("name") for c in codes] == [
        c.id for g in codebook.group_labels for c in codebook.codes if c.group == g
    ]
    fixer = next(c for c in codes if c.get("name") == "role_fixer")
    assert fixer.get("guid") == code_guid("role_fixer")
    assert fixer.find("q:Description", ns).text.startswith("Fixer. The wijkverbinder functions")
    assert "Exclude: Structural signalling" in fixer.find("q:Description", ns).text


def test_codebook_export_is_stable(codebook):
    assert codebook_qdc(codebook) == codebook_qdc(codebook)
    # Derived from the id (UUID 5): the same code keeps its GUID in every export.
    assert code_guid("role_fixer") == "7bec3aef-fc94-5487-a2e7-9d1603ca6449"


@pytest.mark.skipif(not (SCHEMAS / "Codebook.xsd").exists(), reason="../shared/refi-qda absent")
def test_codebook_export_is_valid_against_the_schema(codebook, tmp_path, capsys):
    from lxml import etree

    out = tmp_path / "codebook.qdc"
    assert (
        main(
            [
                "--codebook",
                str(ROOT / "data" / "codebook.yaml"),
                "export-codebook",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == f"wrote 15 codes in 4 groups to {out}\n"
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "Codebook.xsd")))
    assert schema.validate(etree.parse(str(out))), schema.error_log
