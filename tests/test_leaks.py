"""End to end: planted names, addresses and contact details never reach a shareable output.

The whole workflow runs on the tiny test corpus plus a transcript full of personal data; then
every text file under ``results/`` (except ``results/restricted/``) and under ``logs/`` is
searched: tables, figure SVGs, the report, executed notebooks and their HTML.
"""

import shutil
from pathlib import Path

import pytest

from tests.conftest import CODEBOOK, ROOT
from tests.test_pseudonymise import PLANTED, TRANSCRIPT
from tests.test_workflow import snakemake

TEXT_SUFFIXES = {".csv", ".json", ".jsonl", ".svg", ".html", ".ipynb", ".log", ".txt", ".tsv"}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("leaks")
    shutil.copytree(ROOT / "tests" / "data" / "corpus", work / "corpus")
    (work / "corpus" / "katwijk" / "KAT-INT-01.txt").write_text(TRANSCRIPT, encoding="utf-8")
    shutil.copytree(ROOT / "tests" / "data" / "examples", work / "examples")
    (work / "data").mkdir()
    shutil.copy(CODEBOOK, work / "data" / "codebook.yaml")
    (work / "config.yaml").write_text(
        "corpus: [corpus]\nsecond_coding: []\ncodebook: data/codebook.yaml\n"
        "pseudonymisation: {deny: [Kwakelhoek]}\n"
        "tagger: {method: learned, min_indicators: 1, example_bank: examples,\n"
        "  evaluation: {schemes: [leave_one_municipality_out], methods: [majority, rules]}}\n"
    )
    result = snakemake(work)
    assert result.returncode == 0, result.stderr[-3000:]
    return work


def shareable_files(work: Path) -> list[Path]:
    found = [
        path
        for folder in (work / "results", work / "logs")
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix in TEXT_SUFFIXES
        and "restricted" not in path.relative_to(work).parts
    ]
    return sorted(found)


def test_no_planted_personal_data_in_any_shareable_output(workdir):
    files = shareable_files(workdir)
    names = {p.relative_to(workdir).as_posix() for p in files}
    # The outputs a reviewer reads are all searched.
    assert {
        "results/report/index.html",
        "results/tables/quotes.csv",
        "results/tables/suggestions.csv",
        "results/tables/findings.csv",
        "results/notebooks/02_roles_and_fixer.html",
        "results/notebooks/02_roles_and_fixer.ipynb",
        "results/figures/roles_by_municipality.svg",
    } <= names
    # The trained tagger holds transcript words: it is restricted.
    assert not [p for p in (workdir / "results").rglob("*.skops") if "restricted" not in p.parts]
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        for planted in PLANTED:
            assert planted.lower() not in text, f"{planted} in {path.relative_to(workdir)}"


def test_the_planted_transcript_is_quoted_pseudonymised_in_the_report(workdir):
    report = (workdir / "results" / "report" / "index.html").read_text(encoding="utf-8")
    assert "[PERSOON-1]" in report
    assert "gemeente Katwijk" in report
    # The restricted copy still holds the text, for the researcher.
    restricted = (workdir / "results" / "restricted" / "segments.csv").read_text("utf-8")
    assert "Ria Hendriks" in restricted
