"""The report's tables: findings and triangulation per municipality, saturation in words."""

import pandas as pd

from wijkverbinders import report
from wijkverbinders.tables import ALL


def test_findings_matrix_puts_municipalities_in_columns_overall_first():
    findings = pd.DataFrame(
        [
            ("fixer", "fixer_dominant", "ind", "B", "1", "2", "0.5", "supported"),
            ("fixer", "fixer_dominant", "ind", ALL, "3", "7", "0.4286", "partly supported"),
            ("fixer", "fixer_dominant", "ind", "A", "2", "5", "0.4", "partly supported"),
        ],
        columns=[
            "claim",
            "finding",
            "indicator",
            "municipality",
            "respondents",
            "respondents_total",
            "share",
            "verdict",
        ],
    )
    table = report.findings_matrix(findings)
    assert list(table.columns) == ["claim", "indicator", ALL, "A", "B"]
    assert table.loc[0, ALL] == "3 of 7 (43%)\npartly supported"
    assert "<br>" in report._html_table(table)


def test_triangulation_matrix_and_saturation_sentences():
    rows = pd.DataFrame(
        {
            "municipality": [ALL, "A"],
            "group": ["role", "role"],
            "code": ["role_fixer", "role_fixer"],
            "label": ["Fixer", "Fixer"],
            "interview_share": ["0.2", "0.1"],
            "observation_share": ["0.4", ""],
            "direction": ["more in observations", "one source only"],
        }
    )
    table = report.triangulation_matrix(rows)
    assert table.to_dict("records") == [
        {
            "code": "Fixer",
            ALL: "20% / 40%\nmore in observations",
            "A": "10% / none\none source only",
        }
    ]
    saturation = pd.DataFrame(
        {
            "codes": ["all codes", "all codes", "roles and barriers"],
            "scope": [ALL, ALL, ALL],
            "interviews": [14, 14, 14],
            "saturation_point": ["", "", "4"],
        }
    )
    assert report.saturation_sentences(saturation) == [
        "all codes, (alle): not reached within 14 interviews",
        "roles and barriers, (alle): reached after 4 of 14 interviews",
    ]
