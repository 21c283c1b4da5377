"""The study's claims against fixture data with known verdicts; saturation with known counts."""

import pandas as pd
import pytest

from tests.conftest import CODEBOOK
from wijkverbinders import findings, saturation
from wijkverbinders.codebook import load_codebook
from wijkverbinders.tables import ALL, code_table


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(CODEBOOK)


def _segments(rows):
    """Segments from ``(doc_id, municipality, source_type, respondent, codes)`` tuples."""
    frame = pd.DataFrame(
        [
            {
                "doc_id": doc,
                "segment_id": f"{doc}:{i:03d}",
                "municipality": place,
                "source_type": source,
                "respondent": person,
                "job_title": "wijkregisseur",
                "codes": codes,
                "coded": "True",
                "synthetic": "yes",
            }
            for i, (doc, place, source, person, codes) in enumerate(rows, start=1)
        ]
    )
    return frame


# Four respondents in A, two in B. The four roles: informing by all six (supported),
# facilitating by two of six (33%: partly), exploring by one (17%: not supported), agenda
# setting by nobody. Fixer dominates for A1 and A2 only (A3 has as many informing as fixer
# segments: a tie is not "further than fixer"). Observation of A1 shows fixing.
ROWS = [
    ("A-INT-1", "A", "interview", "A1", "role_fixer;barrier_positional"),
    ("A-INT-1", "A", "interview", "A1", "role_fixer"),
    ("A-INT-1", "A", "interview", "A1", "role_informing"),
    ("A-INT-2", "A", "interview", "A2", "role_fixer;barrier_positional"),
    ("A-INT-2", "A", "interview", "A2", "role_informing;rec_positioning"),
    ("A-INT-2", "A", "interview", "A2", "role_fixer"),
    ("A-INT-3", "A", "interview", "A3", "role_fixer"),
    ("A-INT-3", "A", "interview", "A3", "role_informing;role_facilitating"),
    ("A-INT-4", "A", "interview", "A4", "role_informing;barrier_positional"),
    ("A-INT-4", "A", "interview", "A4", ""),
    ("A-OBS-1", "A", "observation", "A1", "role_fixer"),
    ("B-INT-1", "B", "interview", "B1", "role_informing;role_facilitating"),
    ("B-INT-2", "B", "interview", "B2", "role_informing;role_exploring;barrier_relational"),
]


@pytest.fixture(scope="module")
def table(codebook):
    return findings.findings(_segments(ROWS), codebook)


def _row(table, finding, municipality=ALL):
    found = table[(table["finding"] == finding) & (table["municipality"] == municipality)]
    assert len(found) == 1
    return found.iloc[0]


@pytest.mark.parametrize(
    ("finding", "municipality", "count", "total", "verdict"),
    [
        ("role_informing", ALL, 6, 6, findings.SUPPORTED),
        ("role_facilitating", ALL, 2, 6, findings.PARTLY),
        ("role_exploring", ALL, 1, 6, findings.NOT_SUPPORTED),
        ("role_agenda_setting", ALL, 0, 6, findings.NOT_SUPPORTED),
        ("fixer_dominant", ALL, 2, 6, findings.PARTLY),
        ("fixer_dominant", "A", 2, 4, findings.SUPPORTED),
        ("fixer_dominant", "B", 0, 2, findings.NOT_SUPPORTED),
        ("barrier_positional", ALL, 3, 6, findings.SUPPORTED),
        ("barrier_positional", "B", 0, 2, findings.NOT_SUPPORTED),
        ("barrier_relational", "B", 1, 2, findings.SUPPORTED),
        ("barrier_communicative", ALL, 0, 6, findings.NOT_SUPPORTED),
        ("rec_positioning", "A", 1, 4, findings.PARTLY),
    ],
)
def test_each_finding_counts_people_and_gets_its_verdict(
    table, finding, municipality, count, total, verdict
):
    row = _row(table, finding, municipality)
    assert (row["respondents"], row["respondents_total"], row["verdict"]) == (
        count,
        total,
        verdict,
    )
    assert row["value"] == f"{count} of {total} respondents ({count / total:.0%})"


def test_findings_cover_every_claim_and_state_their_rule(table):
    assert list(dict.fromkeys(table["claim"])) == [
        "four_roles",
        "fixer",
        "barriers",
        "recommendations",
    ]
    # Four roles, the fixer, three named barriers (not "other"), four recommendations;
    # overall plus two municipalities each.
    assert len(table) == (4 + 1 + 3 + 4) * 3
    assert _row(table, "role_exploring")["rule"] == (
        "supported when at least 50% of respondents enact Verkennen at least once; "
        "partly supported when at least 25%; otherwise not supported"
    )
    assert set(table["synthetic"]) == {"yes"}


def test_a_claim_is_supported_only_when_all_its_findings_are(table):
    verdicts = findings.claim_verdicts(table).set_index("claim")["verdict"].to_dict()
    assert verdicts == {
        "four_roles": findings.PARTLY,  # informing supported, agenda setting not
        "fixer": findings.PARTLY,
        "barriers": findings.PARTLY,  # positional supported, communicative not
        "recommendations": findings.NOT_SUPPORTED,  # positioning 1 of 6 (17%) overall
    }


def test_thresholds_are_the_users_to_set(codebook):
    strict = findings.findings(
        _segments(ROWS), codebook, findings.Thresholds(supported=0.9, partly=0.6)
    )
    assert _row(strict, "barrier_positional")["verdict"] == findings.NOT_SUPPORTED
    assert _row(strict, "role_informing")["verdict"] == findings.SUPPORTED
    with pytest.raises(ValueError, match="partly"):
        findings.Thresholds(supported=0.3, partly=0.4)


def test_a_respondent_seen_in_interview_and_observation_counts_once(table):
    assert _row(table, "role_informing", "A")["respondents_total"] == 4


def test_triangulation_shows_more_fixing_in_observations(codebook):
    segments = _segments(ROWS)
    by_both = code_table(segments, codebook, by=["municipality", "source_type"])
    by_source = code_table(segments, codebook, by="source_type")
    result = findings.triangulation(by_both, by_source)
    fixer = findings.fixer_contrast(result).set_index("municipality")
    # Interviews in A: 9 segments with a code, 5 of them fixer; the observation: 1 of 1.
    assert fixer.loc["A", "interview_share"] == round(5 / 9, 4)
    assert fixer.loc["A", "observation_share"] == 1.0
    assert fixer.loc["A", "direction"] == "more in observations"
    # B has no observations: one source only, no difference.
    assert fixer.loc["B", "direction"] == "one source only"
    assert pd.isna(fixer.loc["B", "difference"])
    assert fixer.loc[ALL, "interview_share"] == round(5 / 11, 4)
    assert list(result["municipality"].drop_duplicates()) == [ALL, "A", "B"]


# Interviews with known code sets: in the order a, b, c the new codes are 2, 1, 0.
CODE_SETS = {
    "a": frozenset({"x", "y"}),
    "b": frozenset({"y", "z"}),
    "c": frozenset({"x"}),
}


def test_new_codes_per_step_in_a_given_order():
    assert saturation.new_codes_per_step([CODE_SETS[k] for k in "abc"]) == [2, 1, 0]
    assert saturation.new_codes_per_step([CODE_SETS[k] for k in "cba"]) == [1, 2, 0]
    assert saturation.new_codes_per_step([CODE_SETS[k] for k in "cab"]) == [1, 1, 1]


def test_saturation_curve_over_random_orders():
    table, point = saturation.saturation_curve(CODE_SETS, orders=600, seed=1)
    # Whatever the order, three codes in all, and the first interview brings 1 or 2.
    assert list(table["mean_codes_seen"])[-1] == 3.0
    assert table.loc[0, "min_new_codes"] == 1 and table.loc[0, "max_new_codes"] == 2
    # Orders ending in c add nothing at step 3; a-c-b adds z; b-c-a adds nothing (x, y seen);
    # c-a-b adds z; c-b-a adds nothing. So 2 of 6 orders add a code at step 3.
    assert table.loc[2, "mean_new_codes"] == pytest.approx(2 / 6, abs=0.05)
    # Saturation is only reached at the last interview: not reached.
    assert point is None


def test_saturation_is_reached_when_later_interviews_repeat_codes():
    sets = {f"d{i}": frozenset({"x", "y"}) for i in range(6)}
    table, point = saturation.saturation_curve(sets, orders=50, seed=3)
    assert point == 1
    assert list(table["mean_new_codes"]) == [2.0, 0, 0, 0, 0, 0]
    assert list(table["share_of_orders_saturated"]) == [1.0] * 6


def test_saturation_table_per_scope_and_code_selection():
    rows = [
        ("A-INT-1", "A", "interview", "A1", "role_fixer;rec_positioning"),
        ("A-INT-2", "A", "interview", "A2", "role_fixer"),
        ("A-OBS-1", "A", "observation", "A1", "role_informing"),
        ("B-INT-1", "B", "interview", "B1", "role_fixer"),
    ]
    table = saturation.saturation_table(
        _segments(rows), main_codes=["role_fixer", "role_informing"], orders=100
    )
    points = table.drop_duplicates(["codes", "scope"]).set_index(["codes", "scope"])
    # Observations do not count; over the main codes every interview has only role_fixer.
    assert points.loc[(saturation.MAIN, ALL), "saturation_point"] == 1
    assert points.loc[(saturation.MAIN, ALL), "interviews"] == 3
    # All codes: rec_positioning appears in one interview of three: not reached.
    assert pd.isna(points.loc[(saturation.EVERY, ALL), "saturation_point"])
    assert points.loc[(saturation.EVERY, "B"), "saturation_point"] == 1
    assert list(table.columns) == saturation.SATURATION_COLUMNS
