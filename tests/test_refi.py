"""REFI-QDA exchange: the codebook as a .qdc file."""

import xml.etree.ElementTree as ET
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from wijkverbinders.cli import main
from wijkverbinders.formats.imported import conversion_tables
from wijkverbinders.formats.refi import (
    CODEBOOK_NS,
    ImportProblem,
    code_guid,
    codebook_qdc,
    codes_of,
    detect_offsets,
    extract,
    import_project,
)

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


# --- Import of REFI-QDA projects -----------------------------------------------------------

SAMPLES = SCHEMAS / "samples"
PROJECT = """<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:{version}" name="t" origin="Handmade 1.0">
<Users><User guid="00000000-0000-0000-0000-00000000000a" name="Anna"/></Users>
<CodeBook><Codes>
<Code guid="00000000-0000-0000-0000-000000000001" name="Rollen" isCodable="false">
<Code guid="00000000-0000-0000-0000-000000000002" name="role_fixer" isCodable="true">
<Description>fixer</Description></Code></Code>
</Codes></CodeBook>
<Sources>
<TextSource guid="00000000-0000-0000-0000-0000000000s1" name="KAT-X"
 plainTextPath="internal://s1.txt">
<PlainTextSelection guid="00000000-0000-0000-0000-0000000000p1"
 startPosition="{start}" endPosition="{end}">
<Coding guid="00000000-0000-0000-0000-0000000000c1"
 creatingUser="00000000-0000-0000-0000-00000000000a">
<CodeRef targetGUID="00000000-0000-0000-0000-000000000002"/></Coding></PlainTextSelection>
<PlainTextSelection guid="00000000-0000-0000-0000-0000000000p2" startPosition="0" endPosition="3"/>
</TextSource>
<TextSource guid="00000000-0000-0000-0000-0000000000s2" name="gone" plainTextPath="internal://s2.txt"/>
<PDFSource guid="00000000-0000-0000-0000-0000000000s3" name="scan.pdf"/>
</Sources></Project>
"""
TEXT = "Ik 😀 regelde de stoeptegel zelf.\nDat was het.\n"


def _qdpx(tmp_path, *, text=TEXT, start=None, end=None, version="1.0", folder="sources", extra=()):
    coded = "regelde de stoeptegel"
    a = text.index(coded)
    # UTF-16 code units: the emoji before the coded text counts twice.
    start = a + 1 if start is None else start
    end = start + len(coded) if end is None else end
    path = tmp_path / "project.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", PROJECT.format(version=version, start=start, end=end))
        archive.writestr(f"{folder}/s1.txt", text.encode("utf-8"))
        for name, data in extra:
            archive.writestr(name, data)
    return path


def test_import_detects_utf16_offsets_and_names_every_problem(tmp_path, codebook):
    path = _qdpx(tmp_path)
    project = import_project(path)
    [source] = project.sources
    assert source.convention == "UTF-16 code units"
    assert [(source.text[a:b], code, coder) for a, b, code, coder in source.codings] == [
        ("regelde de stoeptegel", "role_fixer", "Anna")
    ]
    assert [(p.severity, p.message) for p in project.problems] == [
        ("note", "source 'KAT-X': selection 00000000-0000-0000-0000-0000000000p2 has no coding"),
        ("error", "source 'gone': internal://s2.txt is missing from the archive"),
        ("warning", "source 'scan.pdf': of type PDFSource: only text sources are imported"),
    ]
    tables, problems = conversion_tables(extract(path)[0], codebook=codebook)
    assert tables["codings"] == [
        {
            "doc_id": "KAT-X",
            "start": 5,
            "end": 26,
            "code": "role_fixer",
            "coder": "Anna",
            "text": "regelde de stoeptegel",
        }
    ]
    codes = codes_of(path)
    assert [c["name"] for c in codes] == ["Rollen", "role_fixer"]
    assert codes[1]["parent"] == "00000000-0000-0000-0000-000000000001"
    # Without variables the document cannot be laid out in turns: each line is a segment,
    # and what is missing is listed.
    assert [(s["start"], s["end"]) for s in tables["segments"]] == [(0, 32), (33, 45)]
    assert [p.message.split(":")[0] for p in problems] == [
        "missing required field 'municipality'",
        "missing required field 'source_type'",
        "missing required field 'date'",
    ]


def test_import_is_lenient_about_namespace_folder_case_bom_and_crlf(tmp_path):
    text = "\ufeffEerste regel.\r\nIk regelde de stoeptegel zelf.\r\n"
    coded = "regelde de stoeptegel"
    # Code points after the BOM, CRLF counted as two: the standard's convention.
    start = text.lstrip("\ufeff").index(coded)
    path = _qdpx(
        tmp_path, text=text, start=start, end=start + len(coded), version="0.4", folder="Sources"
    )
    [source] = import_project(path).sources
    a, b, _, _ = source.codings[0]
    assert source.text[a:b] == coded and "\r" not in source.text
    assert source.convention == "code points"


def test_offsets_that_fit_no_convention_are_a_problem():
    with pytest.raises(ImportProblem, match="selections end at offset 99 but the text has 5"):
        detect_offsets("abcde", [(0, 99)])


@pytest.mark.parametrize(
    ("entry", "message"),
    [("../evil.txt", "refuses entry '../evil.txt'"), ("/etc/x", "refuses entry '/etc/x'")],
)
def test_hostile_archives_are_refused(tmp_path, entry, message):
    path = _qdpx(tmp_path, extra=[(entry, b"x")])
    with pytest.raises(ImportProblem, match=message):
        import_project(path)


def test_xml_entities_are_refused(tmp_path):
    path = tmp_path / "bomb.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "project.qde",
            '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa">]><Project>&a;</Project>',
        )
    with pytest.raises(ImportProblem, match="cannot be read safely"):
        import_project(path)


def test_import_command_writes_nothing_on_problems_unless_partial(tmp_path, capsys):
    path = _qdpx(tmp_path)
    out = tmp_path / "out"
    assert main(["import", str(path), "--out", str(out)]) == 1
    assert not out.exists()
    # The three of the archive, and three variables the pipeline would need.
    assert "6 problem(s); nothing written" in capsys.readouterr().err
    assert main(["import", str(path), "--out", str(out), "--allow-partial"]) == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "codes.csv",
        "codings.csv",
        "documents.csv",
        "problems.csv",
        "segments.csv",
    ]
    assert main(["import", str(tmp_path / "none.qdpx"), "--out", str(out)]) == 2


@pytest.mark.skipif(not SAMPLES.exists(), reason="../shared/refi-qda/samples absent")
def test_nvivo_sample_offsets_are_utf16_and_coded_text_is_whole_words():
    project = import_project(SAMPLES / "nvivo-mac-12.7_OltasSzkepticizmus_17June.qdpx")
    assert project.origin == "NVivo for Mac 12.7.0" and len(project.codes) == 152
    coded = {s.name: s for s in project.sources}["videos_10_selected"]
    assert coded.convention == "UTF-16 code units" and len(coded.codings) == 297
    # Whole comments, emoji before them counted as two UTF-16 units: the spans land exactly.
    first, last = coded.codings[0], coded.codings[-1]
    assert (coded.text[first[0] : first[1]][:41], first[2]) == (
        "Na mi van? Nem mertétek kötelezővé tenni?",
        "+Government",
    )
    assert coded.text[first[0] : first[1]].endswith("nem haltok meg covidban.")
    assert (coded.text[last[0] : last[1]], last[2], last[3]) == (
        "CDC announces 79% of all U.S. omicron cases have occurred in vaccinated individuals",
        "+Belief in vaccine ineffectiveness",
        "floriansipos",
    )
    assert project.problems == ()


@pytest.mark.skipif(not SAMPLES.exists(), reason="../shared/refi-qda/samples absent")
def test_atlas_bare_project_names_each_missing_source():
    project = import_project(SAMPLES / "atlasti-8.4-mac_Project.qde")
    assert project.sources == ()
    assert project.problems[0].message == "a bare project without its source files"
    assert len(project.problems) == 13


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.one_of(st.integers(-5, 80), st.text(max_size=3)),
    end=st.one_of(st.integers(-5, 80), st.text(max_size=3)),
    text=st.one_of(st.text(max_size=60).map(lambda t: t.encode("utf-8")), st.binary(max_size=60)),
    junk=st.binary(max_size=64),
)
def test_importer_never_fails_with_a_traceback(tmp_path, start, end, text, junk):
    """Whatever the offsets, text or bytes, the importer returns or raises ImportProblem."""
    from xml.sax.saxutils import quoteattr

    path = tmp_path / "fuzz.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "project.qde",
            # Placeholders replaced directly: a fuzzed value may hold braces.
            PROJECT.replace("{version}", "1.0")
            .replace('"{start}"', quoteattr(str(start)))
            .replace('"{end}"', quoteattr(str(end))),
        )
        archive.writestr("sources/s1.txt", text)
    try:
        project = import_project(path)
        for source in project.sources:
            for a, b, _, _ in source.codings:
                assert 0 <= a <= b <= len(source.text)
    except ImportProblem:
        pass
    bare = tmp_path / "junk.qde"
    bare.write_bytes(junk)
    with pytest.raises(ImportProblem):
        import_project(bare)


def test_a_codebook_file_is_imported_leniently(tmp_path, capsys):
    qdc = tmp_path / "codes.qdc"
    qdc.write_text(
        '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:0:4"><Codes>'
        '<Code guid="g1" name="Rollen" isCodable="false"><Description>rollen</Description>'
        '<Code guid="g2" name="Fixer" isCodable="true"/></Code></Codes><Sets/></CodeBook>',
        encoding="utf-8",
    )
    assert main(["import", str(qdc), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "codes.csv").read_text(encoding="utf-8") == (
        "guid,name,parent,description\ng1,Rollen,,rollen\ng2,Fixer,g1,\n"
    )
    qdc.write_text("<Project/>", encoding="utf-8")
    assert main(["import", str(qdc), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.endswith("codes.qdc: root element is Project, not CodeBook\n")


@pytest.mark.skipif(not SAMPLES.exists(), reason="../shared/refi-qda/samples absent")
def test_the_taguette_codebook_with_an_empty_sets_element_is_read():
    rows = codes_of(SAMPLES / "taguette-1.4.1_codebook.qdc")
    assert [r["name"] for r in rows] == ["xsd:element name", "CodeBook", "Variables"]
    assert rows[0]["guid"] == "098AC082-A9C7-50F4-9728-48730081A95E"


def test_crlf_counted_as_one_character_is_detected(tmp_path):
    text = "Eerste regel.\r\nIk regelde de stoeptegel zelf.\r\n"
    coded = "regelde de stoeptegel"
    # The producer counted the CRLF before the coded text as one character.
    start = text.index(coded) - 1
    path = _qdpx(tmp_path, text=text, start=start, end=start + len(coded))
    [source] = import_project(path).sources
    a, b, _, _ = source.codings[0]
    assert (source.convention, source.text[a:b]) == ("CRLF as one", coded)


def test_a_source_with_a_rich_text_path_is_read_from_its_plain_text(tmp_path):
    path = _qdpx(tmp_path, extra=[("sources/s1.docx", b"PK rich text, not read")], folder="sources")
    with zipfile.ZipFile(path) as archive:
        project = archive.read("project.qde").decode("utf-8")
    patched = tmp_path / "rich.qdpx"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(patched, "w") as new:
        for entry in old.infolist():
            data = old.read(entry)
            if entry.filename == "project.qde":
                data = project.replace(
                    'name="KAT-X"', 'name="KAT-X" richTextPath="internal://s1.docx"'
                ).encode("utf-8")
            new.writestr(entry, data)
    source = import_project(patched).sources[0]
    assert [source.text[a:b] for a, b, _, _ in source.codings] == ["regelde de stoeptegel"]


def test_archives_with_too_many_entries_are_refused(tmp_path, monkeypatch):
    from wijkverbinders.formats import refi

    monkeypatch.setattr(refi, "MAX_ENTRIES", 3)
    path = _qdpx(tmp_path, extra=[("sources/a.txt", b"a"), ("sources/b.txt", b"b")])
    with pytest.raises(ImportProblem, match="4 entries \\(more than 3\\)"):
        import_project(path)
    monkeypatch.setattr(refi, "MAX_ENTRIES", 100)
    monkeypatch.setattr(refi, "MAX_UNCOMPRESSED", 10)
    with pytest.raises(ImportProblem, match="bytes uncompressed \\(more than 10\\)"):
        import_project(path)


def test_nested_codes_and_parent_child_names_map_to_the_codebook(tmp_path, codebook):
    from wijkverbinders.formats import read_source

    text = "I: Wat deed u?\nR: Ik regelde de stoeptegel zelf.\n"
    coded = "regelde de stoeptegel"
    start = text.index(coded)
    project = PROJECT.format(version="1.0", start=start, end=start + len(coded))
    # The code is a child of 'Rollen' named by its Dutch label, as a QDA tool would show it.
    project = project.replace('name="role_fixer"', 'name="Rollen::Fixer"').replace(
        'name="KAT-X"', 'name="KAT-X.docx"'
    )
    variables = (
        "<Variables>"
        + "".join(
            f'<Variable guid="00000000-0000-0000-0000-0000000000v{k}" name="{name}" '
            'typeOfVariable="Text"/>'
            for k, name in enumerate(["gemeente", "brontype", "pseudoniem", "functie", "datum"])
        )
        + "</Variables>"
    )
    values = "".join(
        f'<VariableValue><VariableRef targetGUID="00000000-0000-0000-0000-0000000000v{k}"/>'
        f"<TextValue>{value}</TextValue></VariableValue>"
        for k, value in enumerate(["Katwijk", "Interview", "KAT-R9", "wijkregisseur", "2026-05-04"])
    )
    project = project.replace("<Sources>", variables + "<Sources>").replace(
        "</TextSource>\n<TextSource", values + "</TextSource>\n<TextSource", 1
    )
    path = tmp_path / "katwijk" / "p.qdpx"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project)
        archive.writestr("sources/s1.txt", text.encode("utf-8"))
    [document], problems = read_source(path, codebook=codebook)
    assert document.id == "KAT-X"
    assert (document.document.municipality, document.document.respondents[0].pseudonym) == (
        "Katwijk",
        "KAT-R9",
    )
    assert [
        (document.document.text[c.start : c.end], c.code, c.coder) for c in document.codings
    ] == [(coded, "role_fixer", "Anna")]
    assert document.codes_by_segment() == {"KAT-X:001": ("role_fixer",)}
    assert sorted(p.severity for p in problems) == ["error", "note", "warning"]
