"""Figures, drawn from small literal tables (independent of the table builders)."""

from __future__ import annotations

import importlib
import subprocess
import sys

import matplotlib
import numpy as np
import pandas as pd
import pytest

from wijkverbinders import figures

ROLES = [
    "role_informing",
    "role_agenda_setting",
    "role_exploring",
    "role_facilitating",
    "role_fixer",
]
BARRIERS = ["barrier_positional", "barrier_relational", "barrier_communicative", "barrier_other"]
GROUP = {**{code: "role" for code in ROLES}, **{code: "barrier" for code in BARRIERS}}
EIGHT = ["Almere", "Assen", "Breda", "Delft", "Katwijk", "Leiden", "Venlo", "Zwolle"]


def code_rows(keys: dict, coded: int, hits: dict[str, int], synthetic: str = "yes") -> list:
    """Rows of a code table for every role and barrier code (codes not in ``hits`` are 0)."""
    return [
        {
            **keys,
            "group": GROUP[code],
            "code": code,
            "label": code,
            "segments": hits.get(code, 0),
            "coded_segments": coded,
            "share_of_coded_segments": hits.get(code, 0) / coded,
            "respondents": 1,
            "respondents_total": 2,
            "documents": 1,
            "documents_total": 2,
            "synthetic": synthetic,
        }
        for code in ROLES + BARRIERS
    ]


def municipality_table(synthetic: str = "yes") -> pd.DataFrame:
    rows = code_rows(
        {"municipality": "Katwijk"},
        4,
        {"role_fixer": 2, "role_informing": 1, "barrier_positional": 3},
        synthetic,
    )
    rows += code_rows(
        {"municipality": "Leiden"}, 10, {"role_fixer": 1, "barrier_other": 4}, synthetic
    )
    return pd.DataFrame(rows)


def source_table() -> pd.DataFrame:
    rows = code_rows({"source_type": "interview"}, 8, {"role_agenda_setting": 4, "role_fixer": 1})
    rows += code_rows({"source_type": "observation"}, 5, {"role_fixer": 4, "barrier_relational": 1})
    return pd.DataFrame(rows)


def municipality_source_table() -> pd.DataFrame:
    rows = code_rows({"municipality": "Katwijk", "source_type": "interview"}, 10, {"role_fixer": 1})
    rows += code_rows(
        {"municipality": "Katwijk", "source_type": "observation"}, 4, {"role_fixer": 3}
    )
    rows += code_rows(
        {"municipality": "Leiden", "source_type": "observation"}, 5, {"role_exploring": 2}
    )
    rows += code_rows({"municipality": "Leiden", "source_type": "interview"}, 2, {"role_fixer": 1})
    # Venlo has interviews only; its row for role_fixer is missing (counts as 0).
    venlo = code_rows(
        {"municipality": "Venlo", "source_type": "interview"}, 4, {"role_exploring": 1}
    )
    rows += [row for row in venlo if row["code"] != "role_fixer"]
    return pd.DataFrame(rows)


def cooccurrence_table(municipalities=("Katwijk", "Leiden"), synthetic="yes") -> pd.DataFrame:
    rows = []
    for level in ("segment", "respondent"):
        for place in ("(alle)", *municipalities):
            for i, role in enumerate(ROLES):
                for j, barrier in enumerate(BARRIERS):
                    count = i * 10 + j if place == "(alle)" else (i + j) % 3
                    if level == "respondent":
                        count = 99
                    rows.append(
                        {
                            "level": level,
                            "municipality": place,
                            "role": role,
                            "role_label": role,
                            "barrier": barrier,
                            "barrier_label": barrier,
                            "count": count,
                            "with_role": 1,
                            "with_barrier": 1,
                            "synthetic": synthetic,
                        }
                    )
    return pd.DataFrame(rows)


def saturation_table(synthetic: str = "yes") -> pd.DataFrame:
    """Two selections of codes, overall and for one municipality, three interviews."""
    rows = []
    for codes, point in (("all codes", None), ("roles and barriers", 2)):
        for scope in ("(alle)", "Katwijk"):
            for position, new in enumerate((3, 1, 0), start=1):
                rows.append(
                    {
                        "codes": codes,
                        "scope": scope,
                        "position": position,
                        "interviews": 3,
                        "orders": 10,
                        "mean_new_codes": new,
                        "min_new_codes": max(new - 1, 0),
                        "max_new_codes": new + 1,
                        "mean_codes_seen": 3 + position,
                        "share_of_orders_saturated": min(1.0, position / 2),
                        "saturation_point": point if point else "",
                        "rule": "rule",
                        "synthetic": synthetic,
                    }
                )
    return pd.DataFrame(rows)


def test_saturation_marks_the_point_and_shows_each_municipality(codebook):
    fig = figures.FIGURES["saturation"](saturation_table(), codebook)
    left, right = fig.axes[:2]
    # Only the selection that saturates gets a marker, at interview 2.
    assert [t.get_text() for t in left.texts] == ["verzadigd bij 2 (rollen en belemmeringen)"]
    assert legend_labels(right.get_legend()) == ["(alle) (n = 3)", "Katwijk (n = 3)"]
    assert list(right.lines[0].get_ydata()) == [50.0, 100.0, 100.0]
    assert right.get_title() == "Verzadiging per gemeente (rollen en belemmeringen)"


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.texts] + [
        label.get_text() for ax in fig.axes for label in ax.get_xticklabels()
    ]


def heights(container) -> list[float]:
    return [patch.get_height() for patch in container]


def legend_labels(legend) -> list[str]:
    return [text.get_text() for text in legend.get_texts()]


def test_roles_by_municipality_bars_are_shares(codebook):
    fig = figures.roles_by_municipality(municipality_table(), codebook)
    ax = fig.axes[0]
    katwijk, leiden = ax.containers
    assert heights(katwijk) == [25.0, 0.0, 0.0, 0.0, 50.0]  # fixer in 2 of 4 coded segments
    assert heights(leiden) == [0.0, 0.0, 0.0, 0.0, 10.0]
    assert legend_labels(fig.legends[0]) == ["Katwijk (n = 4)", "Leiden (n = 10)"]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        c.label for c in codebook.in_group("role")
    ]
    assert "Agenderen" in texts(fig) and "Fixer" in texts(fig)
    assert ax.get_ylabel() == "% van gecodeerde segmenten"
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()


def test_barriers_by_municipality_bars_are_shares(codebook):
    fig = figures.barriers_by_municipality(municipality_table(), codebook)
    katwijk, leiden = fig.axes[0].containers
    assert heights(katwijk) == [75.0, 0.0, 0.0, 0.0]
    assert heights(leiden) == [0.0, 0.0, 0.0, 40.0]
    assert "Positionele belemmering" in texts(fig)


def test_series_styles_are_all_distinct():
    styles = figures.SERIES_STYLES
    assert len(styles) == len(figures.GREYS) * len(figures.HATCHES)
    assert len(set(styles)) == len(styles)


def test_eight_municipalities_have_distinct_legend_fills_outside_the_axes(codebook):
    rows = []
    for number, name in enumerate(EIGHT):
        rows += code_rows({"municipality": name}, 10, {"role_fixer": number + 1})
    fig = figures.roles_by_municipality(pd.DataFrame(rows), codebook)
    handles = fig.legends[0].legend_handles
    assert len(handles) == 8
    fills = {(tuple(h.get_facecolor()), h.get_hatch()) for h in handles}
    assert len(fills) == 8
    assert [heights(c)[-1] for c in fig.axes[0].containers] == [10.0 * n for n in range(1, 9)]
    fig.draw_without_rendering()
    legend_box = fig.legends[0].get_window_extent()
    assert not legend_box.overlaps(fig.axes[0].get_window_extent())


def test_heatmap_pooled_grid_and_one_panel_per_municipality(codebook):
    fig = figures.roles_by_barriers_heatmap(cooccurrence_table(), codebook)
    expected = np.array([[i * 10 + j for j in range(4)] for i in range(5)])
    assert np.array_equal(fig.axes[0].images[0].get_array(), expected)
    panels = [ax for ax in fig.axes if ax.images]
    assert [ax.get_title() for ax in panels] == ["Alle gemeenten", "Katwijk", "Leiden"]
    katwijk = np.array([[(i + j) % 3 for j in range(4)] for i in range(5)])
    assert np.array_equal(panels[1].images[0].get_array(), katwijk)
    assert {ax.images[0].get_clim() for ax in panels} == {(0, 43)}  # one colour scale
    assert [t.get_text() for t in panels[0].texts][:4] == ["0", "1", "2", "3"]
    assert [t.get_text() for t in panels[0].get_yticklabels()] == [
        c.label for c in codebook.in_group("role")
    ]


def test_heatmap_grows_with_eight_municipalities(codebook):
    small = figures.roles_by_barriers_heatmap(cooccurrence_table(("Katwijk",)), codebook)
    large = figures.roles_by_barriers_heatmap(cooccurrence_table(EIGHT), codebook)
    assert len([ax for ax in large.axes if ax.images]) == 9
    assert large.get_figheight() > small.get_figheight()
    assert large.get_figwidth() >= small.get_figwidth()


def test_interview_vs_observation(codebook):
    fig = figures.interview_vs_observation(source_table(), codebook)
    roles, barriers = fig.axes[:2]
    interview, observation = roles.containers
    assert heights(interview) == [0.0, 50.0, 0.0, 0.0, 12.5]
    assert heights(observation) == [0.0, 0.0, 0.0, 0.0, 80.0]
    assert heights(barriers.containers[1]) == [0.0, 20.0, 0.0, 0.0]
    assert legend_labels(fig.legends[0]) == ["interview (n = 8)", "observatie (n = 5)"]


def test_municipality_by_source_type(codebook):
    fig = figures.municipality_by_source_type(municipality_source_table(), codebook)
    assert [ax.get_title() for ax in fig.axes] == ["Katwijk", "Leiden", "Venlo"]
    katwijk, leiden, venlo = fig.axes
    interview, observation = katwijk.containers
    assert heights(interview) == [0.0, 0.0, 0.0, 0.0, 10.0]
    assert heights(observation) == [0.0, 0.0, 0.0, 0.0, 75.0]  # more fixing observed
    assert legend_labels(katwijk.get_legend()) == ["interview (n = 10)", "observatie (n = 4)"]
    # Interview first even when the table lists observations first.
    assert legend_labels(leiden.get_legend()) == ["interview (n = 2)", "observatie (n = 5)"]
    assert heights(leiden.containers[1]) == [0.0, 0.0, 40.0, 0.0, 0.0]
    # Interviews only: one series, and the missing fixer row counts as 0.
    assert len(venlo.containers) == 1
    assert legend_labels(venlo.get_legend()) == ["interview (n = 4)"]
    assert heights(venlo.containers[0]) == [0.0, 0.0, 25.0, 0.0, 0.0]
    fills = {(tuple(p.get_facecolor()), p.get_hatch()) for p in (interview[0], observation[0])}
    assert len(fills) == 2


def test_municipality_by_source_type_eight_panels(codebook):
    rows = []
    for name in EIGHT:
        for source in ("interview", "observation"):
            rows += code_rows({"municipality": name, "source_type": source}, 5, {"role_fixer": 1})
    fig = figures.municipality_by_source_type(pd.DataFrame(rows), codebook)
    assert [ax.get_title() for ax in fig.axes] == EIGHT


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["yes", "yes"], figures.SYNTHETIC_FOOTER),
        (["yes", "no"], figures.MIXED_FOOTER),
        (["no", "mixed"], figures.MIXED_FOOTER),
        (["mixed", "mixed"], figures.MIXED_FOOTER),
        (["no", "no"], None),
        ([], None),
    ],
)
def test_footer_text(values, expected):
    assert figures.footer_text(pd.DataFrame({"synthetic": values})) == expected


def test_footer_constants_keep_their_text():
    assert figures.SYNTHETIC_FOOTER == (
        "Synthetische demodata — geen onderzoeksresultaten (synthetic demo data)"
    )
    assert figures.MIXED_FOOTER == "Bevat synthetische demodata (contains synthetic demo data)"


@pytest.mark.parametrize(
    ("synthetic", "shown", "hidden"),
    [
        (["yes"], figures.SYNTHETIC_FOOTER, figures.MIXED_FOOTER),
        (["yes", "no"], figures.MIXED_FOOTER, figures.SYNTHETIC_FOOTER),
        (["no"], None, None),
    ],
)
def test_every_figure_writes_the_footer(codebook, synthetic, shown, hidden):
    tables = {
        "roles_by_municipality": municipality_table(),
        "barriers_by_municipality": municipality_table(),
        "roles_by_barriers": cooccurrence_table(),
        "interview_vs_observation": source_table(),
        "municipality_by_source_type": municipality_source_table(),
        "saturation": saturation_table(),
    }
    assert set(figures.FIGURES) == set(tables)
    for name, table in tables.items():
        table["synthetic"] = [synthetic[i % len(synthetic)] for i in range(len(table))]
        shown_texts = texts(figures.FIGURES[name](table, codebook))
        footers = {figures.SYNTHETIC_FOOTER, figures.MIXED_FOOTER} & set(shown_texts)
        assert footers == ({shown} if shown else set()), name
        assert hidden not in shown_texts


def test_importing_figures_changes_no_global_state():
    backend = matplotlib.get_backend()
    with matplotlib.rc_context():
        matplotlib.rcdefaults()  # so that a style set by an earlier import would show up
        before = matplotlib.rcParams.copy()
        importlib.reload(figures)
        assert matplotlib.rcParams.copy() == before
    assert matplotlib.get_backend() == backend


def test_importing_figures_in_a_fresh_interpreter_touches_nothing():
    code = (
        "import sys, matplotlib\n"
        "before = matplotlib.rcParams.copy()\n"
        "import wijkverbinders.figures\n"
        "print(matplotlib.rcParams.copy() == before, 'matplotlib.pyplot' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "False"]


def test_drawing_changes_no_global_state(codebook, tmp_path):
    before = matplotlib.rcParams.copy()
    fig = figures.roles_by_municipality(municipality_table(), codebook)
    figures.save_figure(fig, tmp_path / "a.svg")
    assert matplotlib.rcParams.copy() == before


@pytest.mark.parametrize("ext", ["svg", "png"])
def test_saved_figures_are_byte_identical(codebook, tmp_path, ext):
    fig = figures.municipality_by_source_type(municipality_source_table(), codebook)
    figures.save_figure(fig, str(tmp_path / f"a.{ext}"))
    figures.save_figure(fig, str(tmp_path / f"b.{ext}"))
    again = figures.municipality_by_source_type(municipality_source_table(), codebook)
    figures.save_figure(again, tmp_path / f"c.{ext}")
    first = (tmp_path / f"a.{ext}").read_bytes()
    assert first == (tmp_path / f"b.{ext}").read_bytes()
    assert first == (tmp_path / f"c.{ext}").read_bytes()
    if ext == "svg":
        assert b"<dc:date>" not in first
    else:
        assert b"Software" not in first
