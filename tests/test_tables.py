"""Tables on the tiny test corpus, whose counts are known by hand (tests/data/README.md)."""

import pandas as pd
import pytest

from wijkverbinders import tables
from wijkverbinders.corpus import load_study
from wijkverbinders.errors import NOTE, Problem
from wijkverbinders.model import combined_status, synthetic_status


def row(table, **where):
    mask = pd.Series(True, index=table.index)
    for column, value in where.items():
        mask &= table[column] == value
    (index,) = table.index[mask]
    return table.loc[index]


@pytest.fixture(scope="module")
def segments(test_documents):
    return tables.segments_frame(test_documents)


def test_segments_frame(segments):
    frame = segments
    assert len(frame) == 10
    assert list(frame.columns[:12]) == [
        "doc_id",
        "segment_id",
        "municipality",
        "source_type",
        "respondent",
        "speaker",
        "job_title",
        "start",
        "end",
        "text",
        "codes",
        "coded",
    ]
    second = row(frame, segment_id="T-KAT-INT-01:002")
    assert second["codes"] == "role_fixer;barrier_positional"
    assert second["text"].startswith("Vooral stoeptegels")
    assert second["line"] == 17
    assert second["speaker"] == "R" and second["respondent"] == "T-R1"
    assert not row(frame, segment_id="T-MSL-INT-02:001")["coded"]
    assert set(frame["synthetic"]) == {"yes"}


def test_code_by_municipality(segments, codebook):
    table = tables.code_table(segments, codebook, by="municipality")
    assert len(table) == 2 * len(codebook.ids)  # every code for every municipality
    fixer = row(table, municipality="Katwijk", code="role_fixer")
    assert (fixer["segments"], fixer["coded_segments"]) == (2, 4)
    assert fixer["share_of_coded_segments"] == pytest.approx(0.5)
    assert (fixer["respondents"], fixer["respondents_total"]) == (1, 1)
    assert (fixer["documents"], fixer["documents_total"]) == (2, 2)
    # The uncoded document T-MSL-INT-02 does not count in human-code tables.
    msl_fixer = row(table, municipality="Maassluis", code="role_fixer")
    assert (msl_fixer["segments"], msl_fixer["coded_segments"]) == (0, 2)
    assert msl_fixer["respondents_total"] == 1
    comm = row(table, municipality="Maassluis", code="barrier_communicative")
    assert comm["segments"] == 1 and comm["label"] == "Communicatieve belemmering"
    assert set(table["synthetic"]) == {"yes"}


def test_code_by_source_type_and_job_title(segments, codebook):
    by_source = tables.code_table(segments, codebook, by="source_type")
    obs = row(by_source, source_type="observation", code="role_fixer")
    assert (obs["segments"], obs["coded_segments"]) == (1, 2)
    interview = row(by_source, source_type="interview", code="role_fixer")
    assert (interview["segments"], interview["coded_segments"]) == (1, 4)
    by_title = tables.code_table(segments, codebook, by="job_title")
    assert set(by_title["job_title"]) == {"wijkregisseur", "wijkcoördinator"}
    with pytest.raises(ValueError, match="cannot compare"):
        tables.code_table(segments, codebook, by="date")


def test_code_by_municipality_and_source_type(segments, codebook):
    table = tables.code_table(segments, codebook, by=["municipality", "source_type"])
    # Katwijk has interviews and observations, Maassluis only (coded) interviews.
    assert len(table) == 3 * len(codebook.ids)
    obs = row(table, municipality="Katwijk", source_type="observation", code="role_fixer")
    assert (obs["segments"], obs["coded_segments"], obs["respondents"]) == (1, 2, 1)
    interview = row(table, municipality="Katwijk", source_type="interview", code="role_fixer")
    assert (interview["segments"], interview["coded_segments"]) == (1, 2)


def test_role_barrier_cooccurrence(segments, codebook):
    table = tables.role_barrier_cooccurrence(segments, codebook)
    seg = row(
        table,
        level="segment",
        municipality="(alle)",
        role="role_fixer",
        barrier="barrier_positional",
    )
    assert seg["count"] == 1 and seg["with_role"] == 2
    # Within a segment agenda-setting never meets a barrier, within respondent T-R1 it does.
    assert (
        row(
            table,
            level="segment",
            municipality="(alle)",
            role="role_agenda_setting",
            barrier="barrier_communicative",
        )["count"]
        == 0
    )
    assert (
        row(
            table,
            level="respondent",
            municipality="Katwijk",
            role="role_agenda_setting",
            barrier="barrier_communicative",
        )["count"]
        == 1
    )
    assert (
        row(
            table,
            level="segment",
            municipality="Maassluis",
            role="role_facilitating",
            barrier="barrier_relational",
        )["count"]
        == 0
    )
    assert (
        row(
            table,
            level="respondent",
            municipality="Maassluis",
            role="role_facilitating",
            barrier="barrier_relational",
        )["count"]
        == 1
    )


def test_ledger_balances_and_catches_loss(test_documents, segments):
    ledger = tables.ingest_ledger(test_documents, segments)
    total = row(ledger, path="TOTAL")
    assert (total["segments_read"], total["segments_out"]) == (10, 10)
    assert (total["codings_read"], total["codings_out"]) == (9, 9)
    assert tables.ledger_problems(ledger) == []
    # Drop one segment row: the ledger must say which file lost what.
    lossy = segments[segments["segment_id"] != "T-MSL-INT-01:002"]
    problems = tables.ledger_problems(tables.ingest_ledger(test_documents, lossy))
    assert len(problems) == 1
    assert problems[0].endswith(
        "T-MSL-INT-01.txt: read 2 segments / 4 codings, carried forward 1 / 2"
    )


def test_ledger_lists_skipped_files(test_documents, segments):
    note = Problem("corpus/katwijk/Thumbs.db", 0, "skipped: system file, not a transcript", NOTE)
    ledger = tables.ingest_ledger(test_documents, segments, notes=[note])
    skipped = row(ledger, path="corpus/katwijk/Thumbs.db")
    assert (skipped["status"], skipped["note"]) == (
        "skipped",
        "skipped: system file, not a transcript",
    )
    assert row(ledger, path="TOTAL")["note"] == "1 file(s) skipped"
    assert row(ledger, path="TOTAL")["status"] == "ok"


def test_synthetic_status():
    assert synthetic_status([True, True]) == "yes"
    assert synthetic_status([False]) == "no"
    assert synthetic_status([]) == "no"
    assert synthetic_status([True, False]) == "mixed"


def test_synthetic_is_per_row(segments, codebook):
    mixed = segments.copy()
    mixed.loc[mixed["municipality"] == "Maassluis", "synthetic"] = "no"
    table = tables.code_table(mixed, codebook, by="municipality")
    assert set(table[table["municipality"] == "Maassluis"]["synthetic"]) == {"no"}
    assert set(table[table["municipality"] == "Katwijk"]["synthetic"]) == {"yes"}
    cooc = tables.role_barrier_cooccurrence(mixed, codebook)
    assert set(cooc[cooc["municipality"] == "(alle)"]["synthetic"]) == {"mixed"}


def test_combined_status():
    assert combined_status(["yes", "yes"]) == "yes"
    assert combined_status(["no"]) == "no"
    assert combined_status(["yes", "mixed"]) == "mixed"
    assert combined_status(["mixed"]) == "mixed"


def test_memo_frame_has_one_row_per_document_with_a_memo(write_transcript, codebook):
    header = (
        "---\nid: {id}\nmunicipality: Katwijk\nsource_type: observation\ndate: 2026-01-01\n"
        "coder: A\n{memo}---\nEen alinea.\n"
    )
    write_transcript("", name="M1", raw=header.format(id="M1", memo="memo: >-\n  Twijfel.\n"))
    path = write_transcript("", name="M2", raw=header.format(id="M2", memo=""))
    documents, _ = load_study([path.parent.parent], [], codebook)
    assert tables.memo_frame(documents).values.tolist() == [
        ["M1", "Katwijk", "observation", "A", "Twijfel.", "no"]
    ]
