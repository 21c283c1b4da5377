"""The shipped example bank: size, registers, hard cases, independence from the demo corpus."""

import re

import pytest

from tests.conftest import ROOT
from wijkverbinders.corpus import load_study
from wijkverbinders.corpus_stats import document_words, words
from wijkverbinders.examples import datasheet_tables, load_bank

BANK = ROOT / "data" / "examples"
# The codes the bank must teach: every role, barrier and outcome code of the codebook.
TAGGED_GROUPS = ("role", "barrier", "outcome")


@pytest.fixture(scope="module")
def bank(codebook):
    return load_bank([BANK], codebook)


def test_size_registers_writers_and_hard_cases(bank, codebook):
    assert len(bank) >= 1500
    assert len({e.register for e in bank}) >= 5 and len({e.writer for e in bank}) >= 6
    assert sum(1 for e in bank if e.hard) >= len(bank) / 3
    for code in (c.id for c in codebook.codes if c.group in TAGGED_GROUPS):
        assert sum(code in e.codes for e in bank) >= 100, code
    assert all(5 <= len(words(e.text)) <= 100 for e in bank)


def test_no_study_municipality_and_independent_of_the_demo_corpus(bank, codebook):
    assert not [e.id for e in bank if re.search(r"Katwijk|Leidschendam|Voorburg|Maassluis", e.text)]
    documents, _ = load_study([ROOT / "data" / "demo"], [], codebook)
    grams = set()
    for d in documents:
        tokens = document_words(d)
        grams |= {tuple(tokens[i : i + 8]) for i in range(len(tokens) - 7)}
    shared = [
        e.id
        for e in bank
        if any(tuple(w[i : i + 8]) in grams for w in [words(e.text)] for i in range(len(w) - 7))
    ]
    assert len(shared) <= 5, shared


def test_datasheet_counts_equal_the_bank(bank, codebook):
    datasheet = (BANK / "README.md").read_text(encoding="utf-8")
    assert datasheet_tables(bank, codebook) in datasheet
    assert "Written for this project" in datasheet
