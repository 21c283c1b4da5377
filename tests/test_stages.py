"""Every pipeline step in process, on the tiny test corpus (counts in tests/data/README.md)."""

import pandas as pd
import pytest

from tests.conftest import CODEBOOK, TEST_CODER_B, TEST_CORPUS
from wijkverbinders import outputs, stages
from wijkverbinders.errors import InputError, ValidationFailed
from wijkverbinders.io import read_documents, read_jsonl, read_table, write_table


def build(out):
    """Run the steps in order, as the workflow does, into the folder ``out``."""
    primary = sorted(TEST_CORPUS.rglob("*.txt"))
    stages.read_batch(
        [str(p) for p in primary],
        roots=[str(TEST_CORPUS)] * len(primary),
        codebook=str(CODEBOOK),
        output=str(out / "p000.jsonl"),
    )
    second = sorted(TEST_CODER_B.rglob("*.txt"))
    stages.read_batch(
        [str(p) for p in second],
        roots=[str(TEST_CODER_B)] * len(second),
        codebook=str(CODEBOOK),
        output=str(out / "c000.jsonl"),
    )
    stages.annotate_batch(
        str(out / "p000.jsonl"), output=str(out / "nlp.jsonl"), codebook=str(CODEBOOK)
    )
    stages.suggest_batch(
        str(out / "nlp.jsonl"),
        codebook=str(CODEBOOK),
        method="rules",
        min_indicators=1,
        output=str(out / "suggestions_p000.csv"),
    )
    stages.segments(
        [str(out / "p000.jsonl")], output=str(out / "segments_r.csv"), shareable=str(out / "s.csv")
    )
    stages.second_coding(
        [str(out / "p000.jsonl")],
        [str(out / "c000.jsonl")],
        codebook=str(CODEBOOK),
        pairs_output=str(out / "pairs.csv"),
        outputs_by_name={
            name: str(out / f"{name}.csv")
            for name in ("agreement_segments", "agreement_documents", "disagreements")
        },
    )
    names = [*outputs.COMPARATIVE, "role_barrier_cooccurrence"]
    stages.comparative_tables(
        str(out / "segments_r.csv"),
        codebook=str(CODEBOOK),
        outputs_by_name={name: str(out / f"{name}.csv") for name in names},
    )
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(tmp_path_factory.mktemp("stages"))


def test_same_inputs_give_byte_identical_outputs(built, tmp_path):
    again = build(tmp_path)
    names = sorted(p.name for p in built.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    assert len(names) == 15
    for name in names:
        assert (built / name).read_bytes() == (again / name).read_bytes(), name


def test_read_batch_writes_every_document_sorted_by_id(built, capsys):
    documents = read_documents(built / "p000.jsonl")
    assert [d.id for d in documents] == [
        "T-KAT-INT-01",
        "T-KAT-OBS-01",
        "T-MSL-INT-01",
        "T-MSL-INT-02",
    ]
    assert [len(d.segments) for d in documents] == [3, 3, 2, 2]
    assert [len(d.codings) for d in documents] == [3, 2, 4, 0]


def test_read_batch_refuses_a_bad_file(write_transcript, tmp_path):
    bad = write_transcript("I: x\n\nR: y {{role_fixr}}\n")
    with pytest.raises(ValidationFailed, match="unknown code 'role_fixr'"):
        stages.read_batch(
            [str(bad)],
            roots=[str(bad.parent.parent)],
            codebook=str(CODEBOOK),
            output=str(tmp_path / "x.jsonl"),
        )
    assert not (tmp_path / "x.jsonl").exists()


def test_annotate_and_suggest_batch(built):
    records = list(read_jsonl(built / "nlp.jsonl"))
    assert [r["doc_id"] for r in records] == [
        "T-KAT-INT-01",
        "T-KAT-OBS-01",
        "T-MSL-INT-01",
        "T-MSL-INT-02",
    ]
    assert sum(len(r["segments"]) for r in records) == 10
    suggestions = pd.read_csv(built / "suggestions_p000.csv", keep_default_na=False)
    assert list(suggestions.columns) == [
        "doc_id",
        "segment_id",
        "code",
        "score",
        "method",
        "evidence",
        "synthetic",
    ]
    first = suggestions[suggestions["segment_id"] == "T-KAT-INT-01:001"]
    assert "role_agenda_setting" in set(first["code"])
    assert set(suggestions["synthetic"]) == {"yes"}


def test_gather_tables_sorts_parts(built, tmp_path):
    part = read_table(built / "suggestions_p000.csv")
    write_table(part.iloc[::-1], tmp_path / "b.csv")
    write_table(part.iloc[:0], tmp_path / "a.csv")
    stages.gather_tables(
        [str(tmp_path / "a.csv"), str(tmp_path / "b.csv")], output=str(tmp_path / "all.csv")
    )
    assert (tmp_path / "all.csv").read_bytes() == (built / "suggestions_p000.csv").read_bytes()


def test_segments_shareable_has_no_text(built):
    restricted = pd.read_csv(built / "segments_r.csv", keep_default_na=False)
    shareable = pd.read_csv(built / "s.csv", keep_default_na=False)
    assert len(restricted) == len(shareable) == 10
    assert "text" in restricted.columns and "text" not in shareable.columns


def test_ledger_balances_and_stops_on_loss(built, tmp_path):
    stages.ledger(
        [str(built / "p000.jsonl")],
        segments_table=str(built / "segments_r.csv"),
        output=str(tmp_path / "ledger.csv"),
        second_parsed=[str(built / "c000.jsonl")],
        pairs_table=str(built / "pairs.csv"),
        skipped=["corpus/katwijk/Thumbs.db\tskipped: system file, not a transcript"],
    )
    ledger = pd.read_csv(tmp_path / "ledger.csv", keep_default_na=False)
    total = ledger[ledger["path"] == "TOTAL"].iloc[0]
    assert (total["segments_read"], total["segments_out"]) == (12, 12)
    assert (total["codings_read"], total["codings_out"]) == (12, 12)
    assert total["status"] == "ok"
    lossy = pd.read_csv(built / "segments_r.csv", keep_default_na=False).iloc[1:]
    lossy.to_csv(tmp_path / "lossy.csv", index=False)
    with pytest.raises(InputError, match="the ingest ledger does not balance"):
        stages.ledger(
            [str(built / "p000.jsonl")],
            segments_table=str(tmp_path / "lossy.csv"),
            output=str(tmp_path / "ledger2.csv"),
        )
    assert (tmp_path / "ledger2.csv").exists()  # written first, so the user can look


def test_second_coding_stage(built):
    agreement = pd.read_csv(built / "agreement_segments.csv", keep_default_na=False)
    relational = agreement.set_index("code").loc["barrier_relational"]
    assert (relational["coder_1_units"], relational["coder_2_units"]) == (1, 0)
    assert set(agreement["synthetic"]) == {"yes"}
    documents = pd.read_csv(built / "agreement_documents.csv").set_index("code")
    assert documents.loc["barrier_relational", "units"] == 1
    differ = pd.read_csv(built / "disagreements.csv")
    assert differ[["segment_id", "code", "given_by"]].values.tolist() == [
        ["T-MSL-INT-01:002", "barrier_relational", "A"]
    ]


def test_comparative_tables_stage(built, tmp_path):
    names = [*outputs.COMPARATIVE, "role_barrier_cooccurrence"]
    stages.comparative_tables(
        str(built / "segments_r.csv"),
        codebook=str(CODEBOOK),
        outputs_by_name={name: str(tmp_path / f"{name}.csv") for name in names},
    )
    table = pd.read_csv(tmp_path / "code_by_municipality_and_source_type.csv")
    assert set(zip(table["municipality"], table["source_type"], strict=True)) == {
        ("Katwijk", "interview"),
        ("Katwijk", "observation"),
        ("Maassluis", "interview"),
    }
    uncoded = pd.read_csv(built / "segments_r.csv", keep_default_na=False)
    uncoded["coded"] = "False"
    uncoded.to_csv(tmp_path / "uncoded.csv", index=False)
    with pytest.raises(InputError, match="no coded document in the corpus"):
        stages.comparative_tables(
            str(tmp_path / "uncoded.csv"), codebook=str(CODEBOOK), outputs_by_name={}
        )


def test_stale_batch_files(tmp_path):
    folder = tmp_path / outputs.RESTRICTED / "parsed"
    folder.mkdir(parents=True)
    for name in ("p000", "p001", "c000"):
        (folder / f"{name}.jsonl").write_text("{}\n")
    stale = outputs.stale_batch_files(["p000", "c000"], root=str(tmp_path))
    assert [p.name for p in stale] == ["p001.jsonl"]


def test_what_validate_accepts_the_ledger_balances(write_transcript, tmp_path, codebook):
    """Two markers on one paragraph pass validation, so the ledger must balance too."""
    from wijkverbinders.corpus import validate_paths

    path = write_transcript(
        "I: x\n\nR: ja {{role_fixer}} {{barrier_positional, outcome_success}}\n\nR: nee\n"
    )
    assert validate_paths([path.parent.parent], codebook) == []
    stages.read_batch(
        [str(path)],
        roots=[str(path.parent.parent)],
        codebook=str(CODEBOOK),
        output=str(tmp_path / "p.jsonl"),
    )
    stages.segments([str(tmp_path / "p.jsonl")], output=str(tmp_path / "s.csv"))
    stages.ledger(
        [str(tmp_path / "p.jsonl")],
        segments_table=str(tmp_path / "s.csv"),
        output=str(tmp_path / "ledger.csv"),
    )
    ledger = pd.read_csv(tmp_path / "ledger.csv", keep_default_na=False)
    row = ledger[ledger["path"] == str(path)].iloc[0]
    assert (row["markers_read"], row["codings_read"], row["codings_out"]) == (2, 3, 3)
    assert row["status"] == "ok"
