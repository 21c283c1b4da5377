"""End to end: the Snakemake workflow on the tiny test corpus, in a temporary folder."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import CODEBOOK, ROOT
from wijkverbinders import outputs

TABLES = [f"{name}.csv" for name in outputs.TABLES]
FIGURES = list(outputs.FIGURES)


def snakemake(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "--snakefile",
            str(ROOT / "Snakefile"),
            "--directory",
            str(workdir),
            "--cores",
            "2",
            *args,
        ],
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("workflow")
    shutil.copytree(ROOT / "tests" / "data" / "corpus", work / "corpus")
    shutil.copytree(ROOT / "tests" / "data" / "coder_b", work / "coder_b")
    # Coder A's own copy of the double-coded document: the two copies are compared.
    (work / "coder_a" / "maassluis").mkdir(parents=True)
    shutil.copy(work / "corpus" / "maassluis" / "T-MSL-INT-01.txt", work / "coder_a" / "maassluis")
    shutil.copytree(ROOT / "tests" / "data" / "examples", work / "examples")
    (work / "corpus" / "katwijk" / "Thumbs.db").write_bytes(b"x")
    (work / "data").mkdir()
    shutil.copy(CODEBOOK, work / "data" / "codebook.yaml")
    (work / "config.yaml").write_text(
        "corpus: [corpus]\nsecond_coding: [coder_a, coder_b]\ncodebook: data/codebook.yaml\n"
        "tagger: {method: learned, min_indicators: 1, example_bank: examples,\n"
        "  evaluation: {schemes: [leave_one_municipality_out], methods: [majority, rules]}}\n"
    )
    result = snakemake(work)
    assert result.returncode == 0, result.stderr[-3000:]
    return work


def test_outputs_exist_and_ledger_balances(workdir):
    for name in TABLES:
        assert (workdir / "results" / "tables" / name).stat().st_size > 0
    for name in FIGURES:
        for ext in ("png", "svg"):
            assert (workdir / "results" / "figures" / f"{name}.{ext}").stat().st_size > 0
    ledger = pd.read_csv(workdir / "results" / "tables" / "ingest_ledger.csv")
    total = ledger[ledger["path"] == "TOTAL"].iloc[0]
    # corpus + coder A's and coder B's copies of T-MSL-INT-01
    assert total["segments_read"] == total["segments_out"] == 10 + 2 + 2
    assert total["codings_read"] == total["codings_out"] == 9 + 4 + 3
    assert set(ledger["status"]) == {"ok", "skipped"}
    skipped = ledger[ledger["status"] == "skipped"]
    assert list(skipped["path"]) == ["corpus/katwijk/Thumbs.db"]
    assert list(skipped["note"]) == ["skipped: system file, not a transcript"]


def test_text_stays_restricted(workdir):
    segments = pd.read_csv(workdir / "results" / "restricted" / "segments.csv")
    assert len(segments) == 10
    assert segments.loc[0, "text"]
    shareable = pd.read_csv(workdir / "results" / "tables" / "segments.csv")
    assert list(shareable.columns) == [c for c in segments.columns if c != "text"]
    assert shareable["segment_id"].tolist() == segments["segment_id"].tolist()
    for name in TABLES:
        table = (workdir / "results" / "tables" / name).read_text(encoding="utf-8")
        if name != "quotes.csv":
            assert "stoeptegels en afval regelen" not in table  # no raw segment text
    # Quotes are the one shareable text: pseudonymised (the street is gone, the rest stays).
    quotes = (workdir / "results" / "tables" / "quotes.csv").read_text(encoding="utf-8")
    assert "Kotterstraat" not in quotes and "[LOCATIE-1]" in quotes
    assert "stoeptegels en afval regelen" in quotes


def test_tables_match_the_library(workdir):
    table = pd.read_csv(workdir / "results" / "tables" / "code_by_municipality.csv")
    fixer = table[(table["municipality"] == "Katwijk") & (table["code"] == "role_fixer")].iloc[0]
    assert (fixer["segments"], fixer["coded_segments"], fixer["respondents"]) == (2, 4, 1)
    assert set(table["synthetic"]) == {"yes"}
    tables = workdir / "results" / "tables"
    agreement = pd.read_csv(tables / "agreement_segments.csv").set_index("code")
    assert agreement.loc["barrier_relational", "coder_1_units"] == 1
    assert agreement.loc["barrier_relational", "coder_2_units"] == 0
    assert len(pd.read_csv(tables / "disagreements.csv")) == 1
    ledger = pd.read_csv(tables / "ingest_ledger.csv")
    copies = ledger[ledger["coding"] == "second"]
    assert copies[["doc_id", "coder", "status"]].values.tolist() == [
        ["T-MSL-INT-01", "A", "ok"],
        ["T-MSL-INT-01", "B", "ok"],
    ]
    memos = pd.read_csv(workdir / "results" / "restricted" / "coding_memos.csv")
    assert memos[["doc_id", "memo"]].values.tolist() == [
        ["T-MSL-INT-02", "Nog niet gecodeerd; wacht op de tweede codeur."]
    ]


def test_reviewer_outputs_are_built_from_the_run(workdir):
    results = workdir / "results"
    findings = pd.read_csv(results / "tables" / "findings.csv").set_index(
        ["finding", "municipality"]
    )
    # The tiny corpus: one Katwijk respondent (fixer and informing), two in Maassluis.
    informing = findings.loc[("role_informing", "(alle)")]
    assert informing["respondents_total"] == len(
        pd.read_csv(results / "tables" / "segments.csv").query("coded")["respondent"].unique()
    )
    assert set(findings["verdict"]) <= {"supported", "partly supported", "not supported"}
    assert (results / "tables" / "triangulation.csv").stat().st_size > 0
    assert (results / "tables" / "saturation.csv").stat().st_size > 0
    report = (results / "report" / "index.html").read_text(encoding="utf-8")
    assert "Computed on the SYNTHETIC demo corpus" in report
    assert report.count('src="data:image/svg+xml;base64,') == len(FIGURES) + 1
    for name in outputs.NOTEBOOKS:
        html = (results / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
        assert "SYNTHETIC" in html and "Traceback" not in html, name
        # Snakemake's first cell (the job, with the config) stays restricted.
        assert "snakemake preamble" not in html, name
        assert (workdir / "results" / "restricted" / "notebooks" / f"{name}.ipynb").is_file()


def test_a_failing_notebook_stops_the_run_with_its_cell(workdir, tmp_path):
    broken = workdir / "results" / "tables" / "findings.csv"
    saved = broken.read_bytes()
    try:
        broken.write_text("not,the,findings\n1,2,3\n", encoding="utf-8")
        result = snakemake(workdir, "results/notebooks/02_roles_and_fixer.html")
        assert result.returncode != 0
        assert "KeyError" in result.stderr and "claim" in result.stderr
    finally:
        broken.write_bytes(saved)
        snakemake(workdir)


def test_noop_rerun_does_nothing(workdir):
    result = snakemake(workdir, "--dry-run")
    assert result.returncode == 0
    assert "Nothing to be done" in result.stdout + result.stderr


def _add_copy(workdir, new_id, *, coded):
    text = (
        (workdir / "corpus" / "katwijk" / "T-KAT-INT-01.txt")
        .read_text(encoding="utf-8")
        .replace("T-KAT-INT-01", new_id)
    )
    if not coded:
        text = re.sub(r"[ \t]*\{\{[^{}\n]*\}\}", "", text)
    new = workdir / "corpus" / "katwijk" / f"{new_id}.txt"
    new.write_text(text, encoding="utf-8")
    return new


def _planned_jobs(workdir):
    result = snakemake(workdir, "--dry-run")
    assert result.returncode == 0, result.stderr[-3000:]
    return dict(re.findall(r"^(\w+)\s+(\d+)$", result.stdout, flags=re.MULTILINE))


def test_new_transcript_reruns_only_what_depends_on_it(workdir):
    new = _add_copy(workdir, "T-KAT-INT-09", coded=True)
    try:
        jobs = _planned_jobs(workdir)
        # Only the batch holding the new file is read again, not the second coder's batch;
        # a coded document is training data, so the tagger is trained and evaluated again.
        assert jobs["process_batch"] == "1" and "read_second_coding" not in jobs
        assert jobs["train_tagger"] == "1" and jobs["evaluate_tagger"] == "1"
    finally:
        new.unlink()


def test_new_uncoded_transcript_leaves_the_tagger_alone(workdir):
    new = _add_copy(workdir, "T-KAT-INT-10", coded=False)
    try:
        jobs = _planned_jobs(workdir)
        assert jobs["process_batch"] == "1" and jobs["suggest"] == "1"
        assert "train_tagger" not in jobs and "evaluate_tagger" not in jobs
    finally:
        new.unlink()


def test_removing_a_transcript_removes_its_derived_text(workdir):
    # T-MSL-INT-02 holds no codes yet: it is in the batch of uncoded documents.
    parsed = workdir / "results" / "restricted" / "parsed" / "u000.jsonl"
    gone = workdir / "corpus" / "maassluis" / "T-MSL-INT-02.txt"
    kept = gone.read_text(encoding="utf-8")
    assert "T-MSL-INT-02" in parsed.read_text(encoding="utf-8")
    gone.unlink()
    try:
        # Only what holds transcript text is rebuilt here, to keep the test fast.
        result = snakemake(
            workdir,
            outputs.RESTRICTED_SEGMENTS,
            outputs.SUGGESTIONS_WITH_TEXT,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        for path in (workdir / "results" / "restricted").rglob("*.*"):
            if path.suffix in (".csv", ".jsonl"):
                assert "T-MSL-INT-02" not in path.read_text(encoding="utf-8"), path
    finally:
        gone.write_text(kept, encoding="utf-8")  # later tests read outputs or dry-run only


def test_an_unknown_batch_is_a_clear_error(workdir):
    result = snakemake(workdir, "--dry-run", "results/restricted/parsed/p999.jsonl")
    assert result.returncode != 0
    assert (
        "unknown batch 'p999': this study has batches c000, p000, u000"
        in result.stdout + result.stderr
    )


def test_a_missing_example_bank_is_a_clear_error(workdir):
    result = snakemake(workdir, "--dry-run", "--config", 'tagger={"example_bank": "nope"}')
    assert result.returncode != 0
    assert "error: tagger: example_bank: nope: no such file or folder" in result.stderr


def test_invalid_input_stops_before_any_job(workdir, tmp_path):
    bad = tmp_path / "bad" / "katwijk" / "x.txt"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "---\nmunicipality: Katwijk\nsource_type: interveiw\njob_title: w\ndate: 2026-01-01\n"
        "---\nI: x\n\nR: y {{role_fixr}}\n",
        encoding="utf-8",
    )
    result = snakemake(
        workdir, "--dry-run", "--config", f"corpus=[{tmp_path / 'bad'}]", "second_coding=[]"
    )
    assert result.returncode != 0
    assert f"{bad}:3: unknown source_type 'interveiw' (expected interview or" in result.stderr
    assert f"{bad}:9: unknown code 'role_fixr' (did you mean 'role_fixer'?)" in result.stderr
    assert "2 problem(s) in the input. Fix these and run again" in result.stderr
    assert "Traceback" not in result.stderr


def test_config_is_validated(workdir):
    result = snakemake(workdir, "--dry-run", "--config", "tagger={'min_indicators': 0}")
    assert result.returncode != 0
    assert "min_indicators" in result.stdout + result.stderr


def test_every_table_says_it_is_synthetic(workdir):
    for path in [
        *(workdir / "results" / "tables").glob("*.csv"),
        *(workdir / "results" / "restricted").glob("*.csv"),
    ]:
        table = pd.read_csv(path, keep_default_na=False)
        # Every row is labelled; a table may be empty (the memo table after the test above
        # withdrew the only document with a memo), but it still has the column.
        assert set(table["synthetic"]) <= {"yes"} and "synthetic" in table, path.name
        assert len(table) or path.name == "coding_memos.csv", path.name
