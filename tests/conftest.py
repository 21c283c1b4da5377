"""Shared fixtures: the project codebook and the tiny synthetic test corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijkverbinders.codebook import Codebook, load_codebook
from wijkverbinders.corpus import load_study
from wijkverbinders.model import CodedDocument

ROOT = Path(__file__).resolve().parent.parent
TEST_CORPUS = ROOT / "tests" / "data" / "corpus"
TEST_CODER_B = ROOT / "tests" / "data" / "coder_b"
TEST_BANK = ROOT / "tests" / "data" / "examples"
CODEBOOK = ROOT / "data" / "codebook.yaml"
HEADER = """---
id: {id}
municipality: Katwijk
source_type: {source_type}
respondent: T-R9
job_title: wijkregisseur
date: 2026-01-10
---
"""


@pytest.fixture(scope="session")
def codebook() -> Codebook:
    return load_codebook(CODEBOOK)


@pytest.fixture(scope="session")
def test_study(codebook: Codebook) -> tuple[list[CodedDocument], list[CodedDocument]]:
    return load_study([TEST_CORPUS], [TEST_CODER_B], codebook)


@pytest.fixture(scope="session")
def test_documents(test_study) -> list[CodedDocument]:
    return test_study[0]


@pytest.fixture
def write_transcript(tmp_path: Path):
    """Write a transcript with a standard header (or a raw text) into a temporary corpus."""

    def write(body: str, *, name: str = "doc", source_type: str = "interview", raw=None) -> Path:
        path = tmp_path / "corpus" / "katwijk" / f"{name}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        if raw is not None:
            path.write_bytes(raw if isinstance(raw, bytes) else raw.encode("utf-8"))
        else:
            text = HEADER.format(id=name, source_type=source_type) + body
            path.write_text(text, encoding="utf-8")
        return path

    return write
