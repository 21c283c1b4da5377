import io
import math
from fractions import Fraction

import pandas as pd
import pytest

from tests.conftest import CODEBOOK
from tests.conftest import TEST_CODER_B as CODER_B
from tests.conftest import TEST_CORPUS as CORPUS
from wijkverbinders.agreement import (
    PAIR_COLUMNS,
    adjudicate,
    agreement_table,
    disagreements,
    paired_codings,
)
from wijkverbinders.cli import main
from wijkverbinders.corpus import load_study, validate_paths
from wijkverbinders.errors import InputError
from wijkverbinders.formats import native


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
    assert (relational["coder_1_units"], relational["coder_2_units"]) == (1, 0)
    assert relational["percent_agreement"] == pytest.approx(0.5)
    # Coder 1 used the code once, coder 2 never: no agreement beyond chance.
    assert relational["krippendorff_alpha"] == pytest.approx(0.0)
    assert table.loc["role_facilitating", "krippendorff_alpha"] == pytest.approx(1.0)
    # A code neither coder used has no variation: alpha undefined, said so in the note.
    assert math.isnan(table.loc["role_fixer", "krippendorff_alpha"])
    assert table.loc["role_fixer", "note"] == (
        "neither coder used this code: agreement is complete but carries no information; "
        "kappa and alpha undefined"
    )
    assert table.loc["(geen code)", "coder_1_units"] == 0


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
        f"{copy}:1: coder 'A' is also the primary coder: set coder: to the second coder (or "
        "keep both coders' copies here, each with its own coder:)"
    ]


def test_pairing_refuses_a_copy_that_does_not_match(test_study):
    primary, second = test_study
    with pytest.raises(InputError, match="second coding does not match the primary document"):
        paired_codings(primary[:1], second)


def _pairs(rows):
    """A pairs table from (doc_id, codes_1, codes_2) rows."""
    return pd.DataFrame(
        [
            {
                "doc_id": doc,
                "segment_id": f"{doc}:{i:03d}",
                "municipality": "Katwijk",
                "source_type": "interview",
                "line": i,
                "coder_1": "A",
                "codes_1": a,
                "coder_2": "B",
                "codes_2": b,
                "synthetic": "yes",
            }
            for i, (doc, a, b) in enumerate(rows, start=1)
        ],
        columns=PAIR_COLUMNS,
    )


# Ten segments in two documents; role_fixer: A on 1-3, B on 1, 2 and 10.
FIXER_ROWS = [
    ("D1", "role_fixer", "role_fixer"),
    ("D1", "role_fixer", "role_fixer"),
    ("D1", "role_fixer", ""),
    ("D1", "", ""),
    ("D1", "", ""),
    ("D2", "", ""),
    ("D2", "", ""),
    ("D2", "", ""),
    ("D2", "", ""),
    ("D2", "", "role_fixer"),
]


def test_segment_statistics_are_exact(codebook):
    table = agreement_table(_pairs(FIXER_ROWS), codebook, samples=0).set_index("code")
    fixer = table.loc["role_fixer"]
    assert (fixer["units"], fixer["coder_1_units"], fixer["coder_2_units"], fixer["both"]) == (
        10,
        3,
        3,
        2,
    )
    assert fixer["percent_agreement"] == pytest.approx(0.8)
    # kappa: p_o = 0.8, p_e = 0.3*0.3 + 0.7*0.7 = 0.58 -> 0.22 / 0.42
    assert fixer["cohen_kappa"] == pytest.approx(0.22 / 0.42)
    # alpha: 20 values (6 ones, 14 zeros), 2 disagreeing units -> 1 - 19 * 2 / (6 * 14)
    assert fixer["krippendorff_alpha"] == pytest.approx(float(1 - Fraction(19 * 2, 6 * 14)))
    assert math.isnan(fixer["alpha_ci_low"]) and fixer["bootstrap_samples"] == 0
    assert (fixer["level"], fixer["coder_1"], fixer["coder_2"]) == ("segment", "A", "B")


def test_document_level_counts_a_code_present_anywhere(codebook):
    table = agreement_table(_pairs(FIXER_ROWS), codebook, level="document", samples=0)
    fixer = table.set_index("code").loc["role_fixer"]
    # A has the code in D1 only, B in D1 and D2 (segment 10).
    assert (fixer["units"], fixer["coder_1_units"], fixer["coder_2_units"]) == (2, 1, 2)
    assert fixer["percent_agreement"] == pytest.approx(0.5)
    # 4 values (three 1s, one 0), 1 disagreeing unit -> 1 - 3 * 1 / (1 * 3)
    assert fixer["krippendorff_alpha"] == pytest.approx(0.0)
    with pytest.raises(ValueError, match="level must be"):
        agreement_table(_pairs(FIXER_ROWS), codebook, level="paragraph")


def test_bootstrap_interval_is_seeded_and_exact_for_perfect_agreement(codebook):
    rows = [("D1", "role_fixer", "role_fixer")] * 4 + [("D1", "", "")] * 6
    table = agreement_table(_pairs(rows), codebook, samples=200).set_index("code")
    fixer = table.loc["role_fixer"]
    assert fixer["krippendorff_alpha"] == 1.0
    assert (fixer["alpha_ci_low"], fixer["alpha_ci_high"]) == (1.0, 1.0)
    # Resamples with only one value are left out and counted.
    assert 190 < fixer["bootstrap_samples"] < 200
    again = agreement_table(_pairs(FIXER_ROWS), codebook, samples=200)
    assert again.equals(agreement_table(_pairs(FIXER_ROWS), codebook, samples=200))
    interval = again.set_index("code").loc["role_fixer", ["alpha_ci_low", "alpha_ci_high"]]
    assert -1.0 <= interval.iloc[0] < 23 / 42 < interval.iloc[1] <= 1.0


def test_a_code_everyone_used_everywhere_is_undefined_and_said_so(codebook):
    rows = [("D1", "role_fixer", "role_fixer")] * 3
    fixer = agreement_table(_pairs(rows), codebook, samples=50).set_index("code").loc["role_fixer"]
    assert math.isnan(fixer["krippendorff_alpha"]) and math.isnan(fixer["cohen_kappa"])
    assert fixer["note"] == "both coders gave this code to every unit: kappa and alpha undefined"


def test_disagreements_list_each_code_and_who_gave_it():
    table = disagreements(_pairs(FIXER_ROWS))
    assert table[["segment_id", "code", "given_by"]].values.tolist() == [
        ["D1:003", "role_fixer", "A"],
        ["D2:010", "role_fixer", "B"],
    ]


def test_two_independent_copies_are_compared_with_each_other(tmp_path, test_study, codebook):
    """After adjudication the primary holds the final coding; both coders' copies are kept."""
    primary, second = test_study
    text = (CODER_B / "maassluis" / "T-MSL-INT-01.txt").read_text(encoding="utf-8")
    a_copy = tmp_path / "A" / "maassluis" / "T-MSL-INT-01.txt"
    a_copy.parent.mkdir(parents=True)
    a_copy.write_text(
        text.replace("coder: B", "coder: A").replace(" {{barrier_communicative}}", ""),
        encoding="utf-8",
    )
    b_copy = tmp_path / "B" / "maassluis" / "T-MSL-INT-01.txt"
    b_copy.parent.mkdir(parents=True)
    b_copy.write_text(text, encoding="utf-8")
    folders = [tmp_path / "A", tmp_path / "B"]
    assert validate_paths([CORPUS], codebook, second_coding=folders) == []
    _, copies = load_study([CORPUS], folders, codebook)
    pairs = paired_codings(primary, copies)
    assert set(pairs["coder_1"]) == {"A"} and set(pairs["coder_2"]) == {"B"}
    assert list(pairs["codes_1"]) == ["role_facilitating;outcome_success", ""]
    assert list(pairs["codes_2"]) == ["role_facilitating;outcome_success", "barrier_communicative"]
    third = tmp_path / "C" / "maassluis" / "T-MSL-INT-01.txt"
    third.parent.mkdir(parents=True)
    third.write_text(text.replace("coder: B", "coder: C"), encoding="utf-8")
    folders.append(tmp_path / "C")
    assert [p.message for p in validate_paths([CORPUS], codebook, second_coding=folders)] == [
        "3 coders have a copy of 'T-MSL-INT-01' (A, B, C): agreement compares two coders; "
        "keep two copies"
    ]


def _two_copies(tmp_path):
    text = (CODER_B / "maassluis" / "T-MSL-INT-01.txt").read_text(encoding="utf-8")
    folders = []
    for coder, body in (
        ("A", text.replace("coder: B", "coder: A").replace(" {{barrier_communicative}}", "")),
        ("B", text),
    ):
        path = tmp_path / coder / "maassluis" / "T-MSL-INT-01.txt"
        path.parent.mkdir(parents=True)
        path.write_text(body, encoding="utf-8")
        folders.append(tmp_path / coder)
    return folders


LOG_HEADER = "doc_id,segment_id,code,resolution,reason\n"


def test_adjudication_applies_each_decision(tmp_path, capsys, codebook):
    folders = _two_copies(tmp_path)
    log = tmp_path / "adjudication.csv"
    log.write_text(
        LOG_HEADER + "T-MSL-INT-01,T-MSL-INT-01:002,barrier_communicative,keep,R9: not knowing\n",
        encoding="utf-8",
    )
    args = ["adjudicate", CORPUS, "--second-coding", folders[0], "--second-coding", folders[1]]
    code = main(
        ["--codebook", str(CODEBOOK), *map(str, [*args, "--log", log, "--out", tmp_path / "final"])]
    )
    assert code == 0, capsys.readouterr().err
    final, _ = native.read(tmp_path / "final" / "maassluis" / "T-MSL-INT-01.txt", codebook=codebook)
    assert final.document.coder == "adjudicated"
    assert list(final.codes_by_segment().values()) == [
        ("role_facilitating", "outcome_success"),
        ("barrier_communicative",),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "",
            "adjudication.csv: no decision for T-MSL-INT-01:002 (line 17) "
            "barrier_communicative, given by B",
        ),
        (
            "T-MSL-INT-01,T-MSL-INT-01:002,barrier_communicative,maybe,x\n",
            "adjudication.csv:2: resolution must be keep or drop, not 'maybe'",
        ),
        (
            "T-MSL-INT-01,T-MSL-INT-01:002,barrier_communicative,drop,\n",
            "adjudication.csv:2: give the reason for the decision",
        ),
        (
            "T-MSL-INT-01,T-MSL-INT-01:002,barrier_communicative,drop,R5\n"
            "T-MSL-INT-01,T-MSL-INT-01:001,role_fixer,drop,R2\n",
            "adjudication.csv:3: T-MSL-INT-01:001 role_fixer is not a disagreement between "
            "the coders",
        ),
    ],
)
def test_adjudication_log_must_fit_the_codings(tmp_path, test_study, codebook, rows, message):
    folders = _two_copies(tmp_path)
    primary, _ = test_study
    _, copies = load_study([CORPUS], folders, codebook)
    log = pd.read_csv(io.StringIO(LOG_HEADER + rows), dtype=str, keep_default_na=False)
    with pytest.raises(InputError) as error:
        adjudicate(primary, copies, log, where="adjudication.csv")
    assert str(error.value).splitlines()[1:] == [message]
