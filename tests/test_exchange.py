"""QDA exchange end to end: a study out as .qdpx and back, projects in corpus folders, code_map."""

import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from wijkverbinders.cli import main
from wijkverbinders.corpus import PRIMARY, load_study, survey
from wijkverbinders.formats import ReadOptions, read_source
from wijkverbinders.formats.imported import SourceText, build
from wijkverbinders.formats.refi_export import project_qdpx

DEMO = ROOT / "data" / "demo"
SECOND = [DEMO / "_double_coding" / "A", DEMO / "_double_coding" / "B"]
SCHEMAS = ROOT.parent / "shared" / "refi-qda"


@pytest.fixture(scope="module")
def demo(codebook):
    return load_study([DEMO], SECOND, codebook)


def _shape(coded):
    doc = coded.document
    return (
        doc.id,
        doc.municipality,
        doc.source_type,
        doc.respondents,
        doc.date,
        doc.synthetic,
        doc.text,
        doc.coder,
        doc.memo,
        [(s.index, s.start, s.end, s.speaker, s.turn) for s in coded.segments],
        [(s.start, s.end, s.speaker) for s in coded.context],
        sorted((c.start, c.end, c.code, c.coder) for c in coded.codings),
    )


def test_a_study_goes_out_as_qdpx_and_comes_back_the_same(demo, codebook, tmp_path):
    primary, second = demo
    path = tmp_path / "demo.qdpx"
    path.write_bytes(project_qdpx(primary, codebook, second=second))
    back, problems = read_source(path, codebook=codebook)
    assert [_shape(d) for d in sorted(back, key=lambda d: d.id)] == [
        _shape(d) for d in sorted(primary, key=lambda d: d.id)
    ]
    # The second coders' codings travel in the project; on the way back only the document's
    # coder counts, and each other coder's codings are counted in a note.
    left = sorted(
        (
            p.path.rsplit("'", 2)[-2],
            *re.match(r"(\d+) coding\(s\) by (\w+) left", p.message).groups(),
        )
        for p in problems
        if "left out" in p.message
    )
    assert left == sorted((c.id, str(len(c.codings)), c.document.coder) for c in second)
    assert len(left) == 12  # two coders on each of the six double-coded documents
    assert problems[0].message == (
        "43 coding(s) by A left out: not the document's coder 'adjudicated' (a second "
        "coder's work belongs in a second_coding folder)"
    )


def test_the_export_is_byte_identical_and_restricted_by_default(demo, codebook, tmp_path):
    primary, second = demo
    assert project_qdpx(primary, codebook) == project_qdpx(primary, codebook)
    suggestions = tmp_path / "s.csv"
    suggestions.write_text(
        "doc_id,segment_id,code,score,method,evidence\n"
        "KAT-INT-01,KAT-INT-01:002,role_fixer,0.81,learned,regelen\n",
        encoding="utf-8",
    )
    out = tmp_path / "results" / "restricted" / "project.qdpx"
    command = ["export-qdpx", str(DEMO), "--suggestions", str(suggestions), "--out", str(out)]
    assert main(command) == 0
    xml = zipfile.ZipFile(io.BytesIO(out.read_bytes())).read("project.qde").decode("utf-8")
    assert 'name="wijkverbinders-tagger"' in xml
    assert "role_fixer: tagger score 0.810; evidence: regelen" in xml
    # Brought back, the tagger's suggestion is no code until a researcher codes it.
    back, problems = read_source(out, codebook=codebook)
    first = next(d for d in back if d.id == "KAT-INT-01")
    original = next(d for d in primary if d.id == "KAT-INT-01")
    assert sorted(first.codings, key=repr) == sorted(original.codings, key=repr)
    assert any(
        p.message == "1 coding(s) by wijkverbinders-tagger left out: the tagger's suggestions "
        "are not codes: accept one by coding the segment yourself"
        for p in problems
    )


@pytest.mark.skipif(not (SCHEMAS / "Project.xsd").exists(), reason="../shared/refi-qda absent")
def test_the_export_is_valid_against_the_project_schema(demo, codebook):
    from lxml import etree

    primary, second = demo
    data = project_qdpx(primary, codebook, second=second)
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "Project.xsd")))
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("project.qde"))
    assert schema.validate(xml), schema.error_log


def test_a_project_in_a_corpus_folder_is_read_with_the_native_files(demo, codebook, tmp_path):
    primary, _ = demo
    folder = tmp_path / "corpus" / "katwijk"
    folder.mkdir(parents=True)
    katwijk = [d for d in primary if d.document.municipality == "Katwijk"]
    (folder / "katwijk.qdpx").write_bytes(project_qdpx(katwijk[:2], codebook))
    native = DEMO / "katwijk" / f"{katwijk[2].id}.txt"
    (folder / native.name).write_bytes(native.read_bytes())
    study = survey([tmp_path / "corpus"], [], codebook, keep_documents=True)
    assert study.errors == []
    assert sorted(d.id for d in study.of_role(PRIMARY)) == [d.id for d in katwijk[:3]]
    assert sorted(s.where.rsplit(": ", 1)[-1] for s in study.summaries if s.where) == [
        f"source '{d.id}'" for d in katwijk[:2]
    ]


def test_unknown_codes_are_listed_unless_the_code_map_maps_them(codebook):
    text = "I: Wat deed u?\nR: Ik heb de lamp laten maken."
    start = text.index("Ik heb")
    source = SourceText(
        "p.qdpx: source 'x'",
        "x",
        text,
        {"gemeente": "Katwijk", "type bron": "interview", "pseudoniem": "KAT-R9"}
        | {"functie": "wijkregisseur", "datum": "2026-02-03"},
        ((start, len(text), "Klusjesman", "Anna"), (start, len(text), "Kleur geel", "Anna")),
    )
    document, problems = build(source, codebook=codebook)
    assert document is None
    assert [p.message for p in problems] == [
        "code(s) not in the codebook: 'Kleur geel' (1x), 'Klusjesman' (1x); rename them in "
        "your tool to a code id or Dutch label of the codebook, or map them in the config under "
        "code_map (name: code id, or name: '' to leave a code out)"
    ]
    mapped = ReadOptions(code_map=(("klusjesman", "role_fixer"), ("KLEUR GEEL", "")))
    document, problems = build(source, codebook=codebook, code_map=dict(mapped.code_map))
    assert [(c.code, c.coder) for c in document.codings] == [("role_fixer", "Anna")]
    assert document.codes_by_segment() == {"x:001": ("role_fixer",)}
    assert [str(p) for p in problems] == [
        "p.qdpx: source 'x': note: left out by code_map: 'Kleur geel' (1x)"
    ]


def test_a_batch_with_a_project_carries_every_document(demo, codebook, tmp_path):
    from wijkverbinders.io import read_documents
    from wijkverbinders.stages import read_batch

    primary, _ = demo
    corpus = tmp_path / "corpus"
    (corpus / "maassluis").mkdir(parents=True)
    maassluis = [d for d in primary if d.document.municipality == "Maassluis"]
    project = corpus / "maassluis" / "ronde2.qdpx"
    project.write_bytes(project_qdpx(maassluis[:3], codebook))
    out = tmp_path / "p000.jsonl"
    read_batch(
        [str(project)],
        roots=[str(corpus)],
        codebook=str(ROOT / "data" / "codebook.yaml"),
        output=str(out),
    )
    assert [_shape(d) for d in read_documents(out)] == [_shape(d) for d in maassluis[:3]]


BYTES = st.binary(max_size=300)


@settings(max_examples=40, deadline=None)
@given(data=BYTES, suffix=st.sampled_from([".docx", ".xlsx", ".csv", ".qdpx", ".qde"]))
def test_importers_never_fail_with_a_traceback(data, suffix, tmp_path_factory, codebook):
    """Whatever the bytes, every importer returns documents and problems (no exception)."""
    path = tmp_path_factory.mktemp("fuzz") / f"x{suffix}"
    path.write_bytes(data)
    documents, problems = read_source(path, codebook=codebook)
    assert documents == [] and problems


@settings(max_examples=25, deadline=None)
@given(cut=st.integers(min_value=1, max_value=2000))
def test_truncated_projects_are_problems_not_tracebacks(cut, demo, codebook, tmp_path_factory):
    primary, _ = demo
    data = project_qdpx(primary[:1], codebook)
    path = tmp_path_factory.mktemp("cut") / "x.qdpx"
    path.write_bytes(data[: cut % len(data)])
    documents, problems = read_source(path, codebook=codebook)
    assert documents == [] and problems
