"""The synthetic demo corpus has the study's design (issue: demo corpus that mirrors the study)."""

from collections import Counter

import pytest

from tests.conftest import ROOT
from wijkverbinders.corpus import load_study
from wijkverbinders.corpus_stats import (
    datasheet_tables,
    document_words,
    label_word_share,
    repeated_ngram_share,
)

DEMO = ROOT / "data" / "demo"
MUNICIPALITIES = {"Katwijk", "Leidschendam-Voorburg", "Maassluis"}
ROLES = [
    "role_informing",
    "role_agenda_setting",
    "role_exploring",
    "role_facilitating",
    "role_fixer",
]
BARRIERS = ["barrier_positional", "barrier_relational", "barrier_communicative"]


@pytest.fixture(scope="module")
def demo(codebook):
    return load_study([DEMO], [DEMO / "_coder_b"], codebook)


@pytest.fixture(scope="module")
def documents(demo):
    return demo[0]


def segment_codes(documents, **where):
    counts = Counter()
    coded = 0
    for d in documents:
        if all(getattr(d.document, k) == v for k, v in where.items()):
            for codes in d.codes_by_segment().values():
                counts.update(codes)
                coded += bool(codes)
    return counts, coded


def test_documents_per_municipality_and_source_type(documents):
    per = Counter((d.document.municipality, d.document.source_type) for d in documents)
    for place in MUNICIPALITIES:
        assert per[(place, "interview")] == 5
        assert per[(place, "observation")] >= 2
    assert set(d.document.municipality for d in documents) == MUNICIPALITIES
    respondents = {
        r.pseudonym
        for d in documents
        if d.document.source_type == "interview"
        for r in d.document.respondents
    }
    assert len(respondents) == 15


def test_everything_is_labelled_synthetic(documents, demo):
    assert all(d.document.synthetic for d in [*documents, *demo[1]])
    assert "synthetic" in (DEMO / "README.md").read_text(encoding="utf-8").lower()


def test_job_titles_are_the_studys(documents):
    assert {d.document.job_title for d in documents} == {
        "wijkregisseur",
        "gebiedsregisseur",
        "wijkcoördinator",
    }


def test_words_per_document(documents):
    for d in documents:
        words = len(document_words(d))
        if d.document.source_type == "interview":
            assert 1000 <= words <= 1600, (d.id, words)
        else:
            assert 500 <= words <= 900, (d.id, words)


def test_every_role_and_barrier_in_every_municipality(documents):
    for place in MUNICIPALITIES:
        counts, _ = segment_codes(documents, municipality=place)
        missing = [c for c in ROLES + BARRIERS if counts[c] == 0]
        assert not missing, (place, missing)


def test_coding_density_and_label_words(documents):
    segments = [codes for d in documents for codes in d.codes_by_segment().values()]
    uncoded = sum(not codes for codes in segments) / len(segments)
    assert 0.15 <= uncoded <= 0.35  # about a quarter uncoded
    assert sum(len(codes) > 1 for codes in segments) >= 40  # many multi-coded segments
    with_label, coded = label_word_share(documents)
    assert with_label / coded <= 1 / 3


def test_no_templating(documents):
    assert repeated_ngram_share(documents, n=8)["(alle)"] <= 0.05


def test_design_properties_of_the_synthetic_data(documents):
    overall, _ = segment_codes(documents)
    assert max(ROLES, key=overall.__getitem__) == "role_fixer"  # fixer dominates
    katwijk, _ = segment_codes(documents, municipality="Katwijk")
    assert max(BARRIERS, key=katwijk.__getitem__) == "barrier_positional"
    ratios = {}
    for place in MUNICIPALITIES:
        counts, _ = segment_codes(documents, municipality=place)
        ratios[place] = counts["outcome_success"] / max(counts["outcome_failure"], 1)
    assert max(ratios, key=ratios.get) == "Leidschendam-Voorburg"
    interviews, coded_int = segment_codes(
        documents, municipality="Maassluis", source_type="interview"
    )
    observations, coded_obs = segment_codes(
        documents, municipality="Maassluis", source_type="observation"
    )
    assert observations["role_fixer"] / coded_obs > 3 * interviews["role_fixer"] / coded_int


def test_double_coded_subset(demo):
    documents, second = demo
    assert len(second) >= 3
    assert {d.document.coder for d in second} == {"B"}
    by_id = {d.id: d.document for d in documents}
    assert {by_id[d.id].municipality for d in second} == MUNICIPALITIES
    assert all(by_id[d.id].source_type == "interview" for d in second)


def test_datasheet_counts_equal_the_pipeline(demo):
    datasheet = (DEMO / "README.md").read_text(encoding="utf-8")
    assert datasheet_tables(*demo) in datasheet
