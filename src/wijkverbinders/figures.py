"""Figures as functions that return a ``matplotlib.figure.Figure``; the caller saves them.

All figures use Dutch labels from the codebook, grey shades plus hatching (readable when printed
in greyscale) and a footer saying when the data are synthetic demo data.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from wijkverbinders.codebook import Codebook  # noqa: E402

GREYS = ["#1a1a1a", "#6e6e6e", "#a8a8a8", "#d9d9d9", "#ffffff"]
HATCHES = ["", "//", "..", "xx", "\\\\", "--", "oo"]
SYNTHETIC_FOOTER = "Synthetische demodata — geen onderzoeksresultaten (synthetic demo data)"
MIXED_FOOTER = "Bevat synthetische demodata (contains synthetic demo data)"

plt.rcParams.update(
    {
        "svg.hashsalt": "wijkverbinders",
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def _footer(fig: Figure, synthetic: str) -> None:
    text = {"yes": SYNTHETIC_FOOTER, "mixed": MIXED_FOOTER}.get(synthetic)
    if text:
        fig.text(0.01, 0.01, text, fontsize=8, style="italic", color="#333333")


def _base(table: pd.DataFrame, by: str, value: str) -> int:
    """The number of coded segments behind the shares of one bar series."""
    rows = table[table[by] == value]
    return int(rows["coded_segments"].iloc[0]) if len(rows) else 0


def _grouped_bars(
    table: pd.DataFrame, codebook: Codebook, *, group: str, by: str, title: str
) -> Figure:
    codes = codebook.in_group(group)
    subset = table[table["group"] == group]
    values = sorted(subset[by].unique())
    fig, ax = plt.subplots(figsize=(8, 4.5))
    width = 0.8 / max(len(values), 1)
    x = np.arange(len(codes))
    for number, value in enumerate(values):
        shares = [
            float(
                subset[(subset[by] == value) & (subset["code"] == code.id)][
                    "share_of_coded_segments"
                ].sum()
            )
            for code in codes
        ]
        ax.bar(
            x + (number - (len(values) - 1) / 2) * width,
            [100 * s for s in shares],
            width,
            label=f"{value} (n = {_base(subset, by, value)})",
            color=GREYS[number % len(GREYS)],
            hatch=HATCHES[number % len(HATCHES)],
            edgecolor="black",
            linewidth=0.6,
        )
    ax.set_xticks(x, [code.label for code in codes], rotation=15, ha="right")
    ax.set_ylabel("% van gecodeerde segmenten")
    ax.set_title(title)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(frameon=False)
    fig.subplots_adjust(bottom=0.25)
    _footer(fig, str(table["synthetic"].iloc[0]) if len(table) else "no")
    return fig


def roles_by_municipality(table: pd.DataFrame, codebook: Codebook) -> Figure:
    """Role enactment per municipality (share of coded segments), from ``code_table``."""
    return _grouped_bars(
        table, codebook, group="role", by="municipality", title="Rolinvulling per gemeente"
    )


def barriers_by_municipality(table: pd.DataFrame, codebook: Codebook) -> Figure:
    """Barriers per municipality (share of coded segments)."""
    return _grouped_bars(
        table, codebook, group="barrier", by="municipality", title="Belemmeringen per gemeente"
    )


def roles_by_barriers_heatmap(cooccurrence: pd.DataFrame, codebook: Codebook) -> Figure:
    """Heatmap of segments that show both a role and a barrier (all municipalities)."""
    roles = codebook.in_group("role")
    barriers = codebook.in_group("barrier")
    subset = cooccurrence[
        (cooccurrence["level"] == "segment") & (cooccurrence["municipality"] == "(alle)")
    ]
    grid = np.zeros((len(roles), len(barriers)), dtype=int)
    for i, role in enumerate(roles):
        for j, barrier in enumerate(barriers):
            hit = subset[(subset["role"] == role.id) & (subset["barrier"] == barrier.id)]
            grid[i, j] = int(hit["count"].sum())
    fig, ax = plt.subplots(figsize=(7, 4.8))
    image = ax.imshow(grid, cmap="Greys", vmin=0, vmax=max(int(grid.max()), 1))
    for i in range(len(roles)):
        for j in range(len(barriers)):
            dark = grid[i, j] > grid.max() / 2
            ax.text(
                j, i, str(grid[i, j]), ha="center", va="center", color="white" if dark else "black"
            )
    ax.set_xticks(range(len(barriers)), [b.label for b in barriers], rotation=20, ha="right")
    ax.set_yticks(range(len(roles)), [r.label for r in roles])
    ax.set_title("Rollen × belemmeringen (segmenten met beide codes)")
    bar = fig.colorbar(image, ax=ax, label="segmenten")
    bar.locator = MaxNLocator(integer=True)
    bar.update_ticks()
    fig.subplots_adjust(bottom=0.28, left=0.25)
    _footer(fig, str(cooccurrence["synthetic"].iloc[0]) if len(cooccurrence) else "no")
    return fig


def interview_vs_observation(table: pd.DataFrame, codebook: Codebook) -> Figure:
    """Roles and barriers in interviews versus observations (share of coded segments)."""
    codes = [*codebook.in_group("role"), *codebook.in_group("barrier")]
    fig, ax = plt.subplots(figsize=(9, 4.8))
    sources = sorted(table["source_type"].unique())
    width = 0.8 / max(len(sources), 1)
    x = np.arange(len(codes))
    names = {"interview": "interview", "observation": "observatie"}
    for number, source in enumerate(sources):
        shares = [
            float(
                table[(table["source_type"] == source) & (table["code"] == code.id)][
                    "share_of_coded_segments"
                ].sum()
            )
            for code in codes
        ]
        ax.bar(
            x + (number - (len(sources) - 1) / 2) * width,
            [100 * s for s in shares],
            width,
            label=f"{names.get(source, source)} (n = {_base(table, 'source_type', source)})",
            color=GREYS[number * 2 % len(GREYS)],
            hatch=HATCHES[number % len(HATCHES)],
            edgecolor="black",
            linewidth=0.6,
        )
    ax.set_xticks(x, [code.label for code in codes], rotation=25, ha="right")
    ax.set_ylabel("% van gecodeerde segmenten")
    ax.set_title("Interviews en observaties vergeleken")
    ax.legend(frameon=False)
    fig.subplots_adjust(bottom=0.32)
    _footer(fig, str(table["synthetic"].iloc[0]) if len(table) else "no")
    return fig


FIGURES = {
    "roles_by_municipality": roles_by_municipality,
    "barriers_by_municipality": barriers_by_municipality,
    "roles_by_barriers": roles_by_barriers_heatmap,
    "interview_vs_observation": interview_vs_observation,
}


def save_figure(fig: Figure, path: str) -> None:
    """Save PNG or SVG without timestamps, so reruns give identical files."""
    metadata = {"Date": None} if path.endswith(".svg") else {"Software": None}
    fig.savefig(path, dpi=150, metadata=metadata)
    plt.close(fig)
