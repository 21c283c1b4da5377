import math

import pytest

from tests.conftest import ROOT
from wijkverbinders.agreement import agreement_table, match_problems, paired_codings
from wijkverbinders.corpus import find_transcripts, load_documents, load_study
from wijkverbinders.errors import ValidationFailed

CODER_B = ROOT / "tests" / "data" / "coder_b"
CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.fixture(scope="module")
def study(codebook):
    return load_study([CORPUS], [CODER_B], codebook)


def test_pairs_and_agreement(study, codebook):
    primary, second = study
    pairs = paired_codings(primary, second)
    assert list(pairs["codes_1"]) == [
        "role_facilitating;outcome_success",
        "barrier_communicative;barrier_relational",
    ]
    assert list(pairs["codes_2"]) == ["role_facilitating;outcome_success", "barrier_communicative"]
    assert set(pairs["coder_1"]) == {"A"} and set(pairs["coder_2"]) == {"B"}
    table = agreement_table(pairs, codebook).set_index("code")
    relational = table.loc["barrier_relational"]
    assert (relational["coder_1_segments"], relational["coder_2_segments"]) == (1, 0)
    assert relational["percent_agreement"] == pytest.approx(0.5)
    assert relational["krippendorff_alpha"] < 0.5
    assert table.loc["role_facilitating", "krippendorff_alpha"] == pytest.approx(1.0)
    # A code neither coder used has no variation: alpha undefined, said so in the note.
    assert math.isnan(table.loc["role_fixer", "krippendorff_alpha"])
    assert "undefined" in table.loc["role_fixer", "note"]
    assert table.loc["(geen code)", "coder_1_segments"] == 0


def test_second_coding_must_match_the_primary(tmp_path, codebook):
    primary = load_documents(find_transcripts([CORPUS]), codebook)
    copy = tmp_path / "maassluis" / "T-MSL-INT-01.txt"
    copy.parent.mkdir()
    text = (CODER_B / "maassluis" / "T-MSL-INT-01.txt").read_text(encoding="utf-8")
    copy.write_text(text.replace("verkeerskundige", "verkeersman"), encoding="utf-8")
    second = load_documents(find_transcripts([tmp_path]), codebook)
    (problem,) = match_problems(primary, second)
    assert str(problem).startswith(f"{copy}:13: segment text differs from ")
    assert "change only the code markers" in str(problem)

    copy.write_text(text.replace("id: T-MSL-INT-01", "id: NOPE"), encoding="utf-8")
    second = load_documents(find_transcripts([tmp_path]), codebook)
    assert "no document in the corpus has that id" in str(match_problems(primary, second)[0])

    copy.write_text(text.replace("coder: B", "coder: A"), encoding="utf-8")
    with pytest.raises(ValidationFailed, match="also the primary coder"):
        load_study([CORPUS], [tmp_path], codebook)
