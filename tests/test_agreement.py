import math

import pytest

from tests.conftest import TEST_CODER_B as CODER_B
from tests.conftest import TEST_CORPUS as CORPUS
from wijkverbinders.agreement import agreement_table, paired_codings
from wijkverbinders.corpus import validate_paths
from wijkverbinders.errors import InputError


def test_pairs_and_agreement(test_study, codebook):
    primary, second = test_study
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
    # Coder 1 used the code once, coder 2 never: no agreement beyond chance.
    assert relational["krippendorff_alpha"] == pytest.approx(0.0)
    assert table.loc["role_facilitating", "krippendorff_alpha"] == pytest.approx(1.0)
    # A code neither coder used has no variation: alpha undefined, said so in the note.
    assert math.isnan(table.loc["role_fixer", "krippendorff_alpha"])
    assert "undefined" in table.loc["role_fixer", "note"]
    assert table.loc["(geen code)", "coder_1_segments"] == 0


def test_second_coding_must_match_the_primary(tmp_path, codebook):
    copy = tmp_path / "maassluis" / "T-MSL-INT-01.txt"
    copy.parent.mkdir()
    text = (CODER_B / "maassluis" / "T-MSL-INT-01.txt").read_text(encoding="utf-8")

    def problems():
        return [str(p) for p in validate_paths([CORPUS], codebook, second_coding=[tmp_path])]

    copy.write_text(text.replace("verkeerskundige", "verkeersman"), encoding="utf-8")
    assert problems() == [
        f"{copy}:1: text differs from {CORPUS}/maassluis/T-MSL-INT-01.txt: a second coding may "
        "change only the code markers"
    ]
    copy.write_text(text.replace("id: T-MSL-INT-01", "id: NOPE"), encoding="utf-8")
    assert problems() == [
        f"{copy}:1: second coding of id 'NOPE', but no document in the corpus has that id: use "
        "the primary document's id"
    ]
    copy.write_text(text.replace("coder: B", "coder: A"), encoding="utf-8")
    assert problems() == [
        f"{copy}:1: coder 'A' is also the primary coder: set coder: to the second coder"
    ]


def test_pairing_refuses_a_copy_that_does_not_match(test_study):
    primary, second = test_study
    with pytest.raises(InputError, match="second coding does not match the primary document"):
        paired_codings(primary[:1], second)
