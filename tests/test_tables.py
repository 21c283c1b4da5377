"""Tables on the tiny test corpus, whose counts are known by hand (tests/data/README.md)."""

import pandas as pd
import pytest

from wijkverbinders import tables
from wijkverbinders.transcript import count_raw


def row(table, **where):
    mask = pd.Series(True, index=table.index)
    for column, value in where.items():
        mask &= table[column] == value
    (index,) = table.index[mask]
    return table.loc[index]


def test_segments_frame(test_documents):
    frame = tables.segments_frame(test_documents)
    assert len(frame) == 10
    assert list(frame.columns[:11]) == [
        "doc_id",
        "segment_id",
        "municipality",
        "source_type",
        "respondent",
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
    assert not row(frame, segment_id="T-MSL-INT-02:001")["coded"]
    assert set(frame["synthetic"]) == {"yes"}


def test_code_by_municipality(test_documents, codebook):
    table = tables.code_table(test_documents, codebook, by="municipality")
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


def test_code_by_source_type_and_job_title(test_documents, codebook):
    by_source = tables.code_table(test_documents, codebook, by="source_type")
    obs = row(by_source, source_type="observation", code="role_fixer")
    assert (obs["segments"], obs["coded_segments"]) == (1, 2)
    interview = row(by_source, source_type="interview", code="role_fixer")
    assert (interview["segments"], interview["coded_segments"]) == (1, 4)
    by_title = tables.code_table(test_documents, codebook, by="job_title")
    assert set(by_title["job_title"]) == {"wijkregisseur", "wijkcoördinator"}
    with pytest.raises(ValueError, match="cannot compare"):
        tables.code_table(test_documents, codebook, by="date")


def test_role_barrier_cooccurrence(test_documents, codebook):
    table = tables.role_barrier_cooccurrence(test_documents, codebook)
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


def test_ledger_balances_and_catches_loss(test_documents):
    segments = tables.segments_frame(test_documents)
    raw = {d.path: count_raw(d.path) for d in test_documents}
    ledger = tables.ingest_ledger(test_documents, segments, raw)
    total = row(ledger, path="TOTAL")
    assert (total["segments_read"], total["segments_out"]) == (10, 10)
    assert (total["codings_read"], total["codings_out"]) == (9, 9)
    assert tables.ledger_problems(ledger) == []
    # Drop one segment row: the ledger must say which file lost what.
    lossy = segments[segments["segment_id"] != "T-MSL-INT-01:002"]
    problems = tables.ledger_problems(tables.ingest_ledger(test_documents, lossy, raw))
    assert len(problems) == 1
    assert "T-MSL-INT-01.txt: read 2 segments / 4 codings, carried forward 1 / 2" in problems[0]


def test_synthetic_status(test_documents):
    assert tables.synthetic_status(test_documents) == "yes"
    real = [test_documents[0].__class__(**{**test_documents[0].__dict__, "synthetic": False})]
    assert tables.synthetic_status(real) == "no"
    assert tables.synthetic_status([*real, *test_documents]) == "mixed"
