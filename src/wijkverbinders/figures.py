"""Figures as functions that return a ``matplotlib.figure.Figure``; the caller saves them.

Every figure is a function ``(table, codebook) -> Figure`` drawn from one comparative table.
Figures use Dutch labels from the codebook, grey shades plus hatching (readable when printed in
greyscale; no two series share a fill) and a footer saying when the data are synthetic demo data.

The module uses matplotlib's object-oriented API only: importing it changes no global state (no
backend selection, no ``rcParams`` changes, no pyplot). The house style is applied with
:func:`matplotlib.rc_context` while a figure is built and while it is saved.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from os import PathLike
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from wijkverbinders.codebook import Code, Codebook

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "wijkverbinders",
}
"""Style applied (via ``rc_context``) while figures are built and saved."""

GREYS = ["#ffffff", "#6e6e6e", "#d4d4d4", "#303030", "#a6a6a6"]
"""Fill shades, ordered so that neighbouring series contrast strongly."""
HATCHES = ["", "//", "..", "xx", "\\\\", "--", "++", "oo"]
"""Hatch patterns; combined with :data:`GREYS` into :data:`SERIES_STYLES`."""


def _series_styles(greys: Sequence[str], hatches: Sequence[str]) -> list[tuple[str, str]]:
    """All (face colour, hatch) pairs, enumerated diagonally.

    Series ``i`` of the first ``len(greys)`` gets shade ``i`` with hatch ``i``; the next block
    shifts the hatches by one, and so on. Every pair occurs exactly once (``len(greys)`` must not
    exceed ``len(hatches)``), so series only repeat a fill after all combinations are used.
    """
    return [
        (grey, hatches[(shade + shift) % len(hatches)])
        for shift in range(len(hatches))
        for shade, grey in enumerate(greys)
    ]


SERIES_STYLES = _series_styles(GREYS, HATCHES)
"""Distinct (face colour, hatch) pairs for bar series, in the order they are handed out."""

SYNTHETIC_FOOTER = "Synthetische demodata — geen onderzoeksresultaten (synthetic demo data)"
MIXED_FOOTER = "Bevat synthetische demodata (contains synthetic demo data)"

ALL = "(alle)"
SOURCE_TYPES = ("interview", "observation")
SOURCE_NAMES = {"interview": "interview", "observation": "observatie"}
EMPHASISED_CODE = "role_fixer"
PERCENT_LABEL = "% van gecodeerde segmenten"
LEGEND_WIDTH = 2.2
"""Inches added to a figure's width for a legend to the right of the axes."""

FOOTER_HEIGHT = 0.3
"""Inches kept free at the bottom of a figure for the footer."""


def footer_text(rows: pd.DataFrame) -> str | None:
    """The footer for a figure drawn from ``rows``: the one rule used by every figure.

    Args:
        rows: The table rows behind the figure, with a ``synthetic`` column holding ``yes``,
            ``no`` or ``mixed`` per row.

    Returns:
        :data:`SYNTHETIC_FOOTER` when every row is ``yes``; :data:`MIXED_FOOTER` when some row is
        ``yes`` or ``mixed`` but not every row is ``yes``; otherwise None (no footer).
    """
    if "synthetic" not in rows.columns or rows.empty:
        return None
    values = {str(value).strip().lower() for value in rows["synthetic"]}
    if values == {"yes"}:
        return SYNTHETIC_FOOTER
    if values & {"yes", "mixed"}:
        return MIXED_FOOTER
    return None


def _new_figure(width: float, height: float, rows: pd.DataFrame) -> Figure:
    """A constrained-layout figure with the footer (if any) in a strip kept free at the bottom."""
    fig = Figure(figsize=(width, height), layout="constrained")
    text = footer_text(rows)
    if text:
        strip = FOOTER_HEIGHT / height
        fig.get_layout_engine().set(rect=(0, strip, 1, 1 - strip))
        fig.text(0.01, 0.3 * strip, text, fontsize=8, style="italic", color="#333333")
    return fig


def _fix_layout(fig: Figure) -> Figure:
    """Run the constrained layout once (in the house style) and freeze the result.

    Constrained layout starts from the current axes positions, so every draw would move things
    slightly; with the positions frozen, saving the same figure again gives identical files.
    """
    with matplotlib.rc_context(STYLE):
        fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return fig


def _style_axes(ax: Axes) -> None:
    """No top or right spine (also when the figure is drawn outside :data:`STYLE`)."""
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)


def _hatch_colour(face: str) -> str:
    """Black hatching on light fills, white hatching on dark ones."""
    red, green, blue = to_rgb(face)
    return "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 0.45 else "white"


def _styles_for(values: Sequence[Hashable]) -> dict[Hashable, tuple[str, str]]:
    """One distinct (face, hatch) pair per series value, cycling only after all pairs."""
    return {
        value: SERIES_STYLES[number % len(SERIES_STYLES)] for number, value in enumerate(values)
    }


def _ordered_sources(values: Sequence[str]) -> list[str]:
    """Interview first, then observation, then any other source type alphabetically."""
    known = [source for source in SOURCE_TYPES if source in values]
    return known + sorted(set(values) - set(SOURCE_TYPES))


def _series_label(name: str, rows: pd.DataFrame) -> str:
    """``"Katwijk (n = 12)"``: n is the number of coded segments behind the shares."""
    n = int(pd.to_numeric(rows["coded_segments"]).max()) if len(rows) else 0
    return f"{name} (n = {n})"


def _bar_panel(
    ax: Axes,
    rows: pd.DataFrame,
    codes: Sequence[Code],
    *,
    by: str,
    values: Sequence[Hashable],
    styles: dict[Hashable, tuple[str, str]],
    names: Callable[[Hashable], str] = str,
    tick_labels: bool = True,
    emphasise: str | None = None,
    slots: Sequence[Hashable] | None = None,
) -> list[BarContainer]:
    """Grouped bars on ``ax``: per code, one bar per value of ``by`` (share of coded segments, %).

    Missing code/value combinations count as 0. ``slots`` (default: ``values``) fixes the bar
    positions, so that a series keeps its place in a panel where other series are absent. The
    tick label of code ``emphasise`` is bold.
    """
    _style_axes(ax)
    slots = list(values if slots is None else slots)
    x = np.arange(len(codes))
    width = 0.8 / max(len(slots), 1)
    containers = []
    for value in values:
        number = slots.index(value)
        series = rows[rows[by] == value]
        shares = series.groupby("code")["share_of_coded_segments"].sum()
        heights = [100 * float(shares.get(code.id, 0.0)) for code in codes]
        face, hatch = styles[value]
        container = ax.bar(
            x + (number - (len(values) - 1) / 2) * width,
            heights,
            width,
            label=_series_label(names(value), series),
            color=face,
            hatch=hatch,
            edgecolor="black",
            linewidth=0.6,
        )
        for patch in container:
            if hasattr(patch, "set_hatchcolor"):
                patch.set_hatchcolor(_hatch_colour(face))
        containers.append(container)
    ax.set_xticks(x)
    if tick_labels:
        labels = ax.set_xticklabels(
            [code.label for code in codes], rotation=30, ha="right", rotation_mode="anchor"
        )
        for label, code in zip(labels, codes, strict=True):
            if code.id == emphasise:
                label.set_fontweight("bold")
    else:
        ax.tick_params(labelbottom=False)
    ax.set_xlim(-0.6, len(codes) - 0.4)
    return containers


def _figure_legend(fig: Figure, containers: Sequence[BarContainer]) -> None:
    """A figure legend outside the axes on the right, so it never covers bars."""
    if containers:
        labels = [container.get_label() for container in containers]
        fig.legend(containers, labels, loc="outside right upper", frameon=False)


def _grid(count: int, max_columns: int) -> tuple[int, int]:
    """Rows and columns for ``count`` small multiples."""
    columns = max(1, min(max_columns, count))
    return math.ceil(max(count, 1) / columns), columns


def _bottom_of_column(index: int, count: int, columns: int) -> bool:
    """Whether panel ``index`` is the lowest one in its column (so it carries the x labels)."""
    return index + columns >= count


def _by_municipality(table: pd.DataFrame, codebook: Codebook, *, group: str, title: str) -> Figure:
    """Grouped bars per code of ``group``, one series per municipality."""
    codes = codebook.in_group(group)
    rows = table[table["group"] == group]
    values = sorted(rows["municipality"].astype(str).unique())
    rows = rows.assign(municipality=rows["municipality"].astype(str))
    width = max(7.0, 1.5 + len(codes) * (0.35 + 0.16 * len(values))) + LEGEND_WIDTH
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(width, 4.8, rows)
        ax = fig.add_subplot()
        containers = _bar_panel(
            ax, rows, codes, by="municipality", values=values, styles=_styles_for(values)
        )
        ax.set_ylabel(PERCENT_LABEL)
        fig.suptitle(title)
        _figure_legend(fig, containers)
    return _fix_layout(fig)


def roles_by_municipality(table: pd.DataFrame, codebook: Codebook) -> Figure:
    """Role enactment per municipality.

    Args:
        table: The code-by-municipality table (``municipality``, ``group``, ``code``,
            ``share_of_coded_segments``, ``coded_segments``, ``synthetic``, ...).
        codebook: The codebook; gives the role codes, their order and Dutch labels.

    Returns:
        Grouped bars: per role code the share of coded segments (%) with one bar per
        municipality; the legend gives each municipality's number of coded segments.
    """
    return _by_municipality(table, codebook, group="role", title="Rolinvulling per gemeente")


def barriers_by_municipality(table: pd.DataFrame, codebook: Codebook) -> Figure:
    """Barriers per municipality.

    Args:
        table: The code-by-municipality table (see :func:`roles_by_municipality`).
        codebook: The codebook; gives the barrier codes, their order and Dutch labels.

    Returns:
        Grouped bars: per barrier code the share of coded segments (%) with one bar per
        municipality; the legend gives each municipality's number of coded segments.
    """
    return _by_municipality(table, codebook, group="barrier", title="Belemmeringen per gemeente")


def _cooccurrence_grid(
    rows: pd.DataFrame, roles: Sequence[Code], barriers: Sequence[Code]
) -> np.ndarray:
    """Counts as a roles × barriers array (codebook order); missing pairs count as 0."""
    counts = rows.groupby(["role", "barrier"])["count"].sum()
    return np.array(
        [[int(counts.get((role.id, barrier.id), 0)) for barrier in barriers] for role in roles],
        dtype=int,
    )


def roles_by_barriers_heatmap(table: pd.DataFrame, codebook: Codebook) -> Figure:
    """Roles × barriers: segments that show both codes, pooled and per municipality.

    Args:
        table: The co-occurrence table (``level``, ``municipality``, ``role``, ``barrier``,
            ``count``, ``synthetic``, ...); municipality ``(alle)`` holds the pooled counts.
            Only level ``segment`` is drawn. Without ``(alle)`` rows the pooled panel sums the
            municipalities (segments belong to one municipality, so the sums are equal).
        codebook: The codebook; gives the role and barrier codes, their order and labels.

    Returns:
        Small multiples on one colour scale with the counts written in the cells: the pooled
        heatmap first (``fig.axes[0]``, rows = roles, columns = barriers), then one panel per
        municipality, then the shared colour bar.
    """
    roles = codebook.in_group("role")
    barriers = codebook.in_group("barrier")
    rows = table[table["level"] == "segment"]
    rows = rows.assign(municipality=rows["municipality"].astype(str))
    municipalities = sorted(set(rows["municipality"]) - {ALL})
    pooled_rows = rows[rows["municipality"] == ALL]
    if pooled_rows.empty:
        pooled_rows = rows
    panels = [("Alle gemeenten", _cooccurrence_grid(pooled_rows, roles, barriers))]
    panels += [
        (name, _cooccurrence_grid(rows[rows["municipality"] == name], roles, barriers))
        for name in municipalities
    ]
    vmax = max(1, *(int(grid.max(initial=0)) for _, grid in panels))
    nrows, ncols = _grid(len(panels), 3)
    width = 2.6 + ncols * (0.55 * len(barriers) + 0.5) + 1.0
    height = 1.6 + nrows * (0.4 * len(roles) + 1.7)
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(width, height, rows)
        axes = [fig.add_subplot(nrows, ncols, index + 1) for index in range(len(panels))]
        image = None
        for index, (ax, (name, grid)) in enumerate(zip(axes, panels, strict=True)):
            image = ax.imshow(grid, cmap="Greys", vmin=0, vmax=vmax, aspect="auto")
            for i in range(grid.shape[0]):
                for j in range(grid.shape[1]):
                    dark = grid[i, j] > vmax / 2
                    ax.text(
                        j,
                        i,
                        str(grid[i, j]),
                        ha="center",
                        va="center",
                        fontsize=8,
                        color="white" if dark else "black",
                    )
            ax.set_title(name, fontweight="bold" if index == 0 else "normal")
            ax.set_xticks(range(len(barriers)))
            ax.set_yticks(range(len(roles)))
            if _bottom_of_column(index, len(panels), ncols):
                ax.set_xticklabels(
                    [b.label for b in barriers], rotation=35, ha="right", rotation_mode="anchor"
                )
            else:
                ax.tick_params(labelbottom=False)
            if index % ncols == 0:
                ax.set_yticklabels([r.label for r in roles])
            else:
                ax.tick_params(labelleft=False)
        bar = fig.colorbar(image, ax=axes, label="segmenten met beide codes", shrink=0.8)
        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
        fig.suptitle("Rollen × belemmeringen (segmenten met beide codes)")
    return _fix_layout(fig)


def interview_vs_observation(table: pd.DataFrame, codebook: Codebook) -> Figure:
    """Roles and barriers in interviews versus observations.

    Args:
        table: The code-by-source-type table (``source_type`` ``interview``/``observation``,
            ``group``, ``code``, ``share_of_coded_segments``, ``coded_segments``, ...).
        codebook: The codebook; gives the codes, their order and Dutch labels.

    Returns:
        Two panels (roles, barriers) sharing the % axis; per code one bar for interviews and one
        for observations ("observatie"), with the number of coded segments in the legend.
    """
    groups = ("role", "barrier")
    rows = table[table["group"].isin(groups)]
    sources = _ordered_sources(list(rows["source_type"].astype(str).unique()))
    rows = rows.assign(source_type=rows["source_type"].astype(str))
    styles = _styles_for(sources)
    counts = [max(len(codebook.in_group(group)), 1) for group in groups]
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(max(8.0, 2.0 + 0.8 * sum(counts)) + LEGEND_WIDTH, 4.8, rows)
        axes = fig.subplots(1, 2, sharey=True, width_ratios=counts)
        containers: list[BarContainer] = []
        for ax, group in zip(axes, groups, strict=True):
            containers = _bar_panel(
                ax,
                rows[rows["group"] == group],
                codebook.in_group(group),
                by="source_type",
                values=sources,
                styles=styles,
                names=lambda source: SOURCE_NAMES.get(source, source),
            )
            ax.set_title(codebook.group_labels.get(group, group))
        axes[0].set_ylabel(PERCENT_LABEL)
        fig.suptitle("Interviews en observaties vergeleken")
        _figure_legend(fig, containers)
    return _fix_layout(fig)


def municipality_by_source_type(table: pd.DataFrame, codebook: Codebook) -> Figure:
    """Roles per municipality, interviews versus observations (small multiples).

    Shows per municipality whether what wijkverbinders say in interviews matches what is
    observed, e.g. observations showing more fixing (``role_fixer``, label in bold) than the
    interviews claim.

    Args:
        table: The municipality-by-source-type table (``municipality``, ``source_type``,
            ``group``, ``code``, ``share_of_coded_segments``, ``coded_segments``, ``synthetic``,
            ...; one row per municipality × source type × code).
        codebook: The codebook; gives the role codes, their order and Dutch labels.

    Returns:
        One panel per municipality (shared % axis) with per role code a bar for interviews and
        one for observations; each panel's legend gives n (coded segments) per source type. A
        municipality with only one source type shows only that series; missing combinations
        count as 0.
    """
    codes = codebook.in_group("role")
    rows = table[table["group"] == "role"]
    rows = rows.assign(
        municipality=rows["municipality"].astype(str), source_type=rows["source_type"].astype(str)
    )
    municipalities = sorted(rows["municipality"].unique())
    sources = _ordered_sources(list(rows["source_type"].unique()))
    styles = _styles_for(sources)
    nrows, ncols = _grid(len(municipalities), 4)
    width = 1.8 + ncols * max(2.8, 0.55 * len(codes) + 0.4)
    height = 1.0 + nrows * 3.4
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(width, height, rows)
        if not municipalities:
            ax = fig.add_subplot()
            _style_axes(ax)
            ax.text(0.5, 0.5, "Geen gegevens", ha="center", va="center", transform=ax.transAxes)
        axes = [fig.add_subplot(nrows, ncols, index + 1) for index in range(len(municipalities))]
        for index, (ax, name) in enumerate(zip(axes, municipalities, strict=True)):
            if index:
                ax.sharey(axes[0])
            local = rows[rows["municipality"] == name]
            _bar_panel(
                ax,
                local,
                codes,
                by="source_type",
                values=_ordered_sources(list(local["source_type"].unique())),
                styles=styles,
                names=lambda source: SOURCE_NAMES.get(source, source),
                tick_labels=_bottom_of_column(index, len(municipalities), ncols),
                emphasise=EMPHASISED_CODE,
                slots=sources,
            )
            ax.set_title(name, pad=20)
            ax.legend(
                loc="lower center",
                bbox_to_anchor=(0.5, 1.0),
                ncols=2,
                frameon=False,
                fontsize=8,
                handlelength=1.5,
                columnspacing=1.0,
            )
            if index % ncols == 0:
                ax.set_ylabel(PERCENT_LABEL)
            else:
                ax.tick_params(labelleft=False)
        fig.suptitle("Rollen per gemeente: interviews en observaties")
    return _fix_layout(fig)


LINE_STYLES = ["-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3))]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def saturation(table: pd.DataFrame, codebook: Codebook) -> Figure:
    """Code saturation: new codes per added interview, and the share of saturated orders.

    Args:
        table: The saturation table (``saturation.saturation_table``): per ``codes``
            (``all codes``, ``roles and barriers``), ``scope`` (``(alle)`` and each
            municipality) and ``position``: ``mean_new_codes``, ``min_new_codes``,
            ``max_new_codes``, ``share_of_orders_saturated``, ``saturation_point``.
        codebook: Unused (every figure takes the codebook).

    Returns:
        Left: over all interviews, mean new codes per added interview for each selection of
        codes, the range over the random orders as a band, saturation points marked. Right:
        per municipality, the share of orders that have seen their last new role or barrier
        code (all codes when the table has no such selection), with the 95% line.
    """
    del codebook
    names = {"all codes": "alle codes", "roles and barriers": "rollen en belemmeringen"}
    selections = list(dict.fromkeys(table["codes"].astype(str))) if len(table) else []
    main = "roles and barriers" if "roles and barriers" in selections else "all codes"
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(10.5 + LEGEND_WIDTH, 4.2, table)
        left, right = fig.subplots(1, 2)
        for k, selection in enumerate(selections):
            rows = table[(table["codes"] == selection) & (table["scope"].astype(str) == ALL)]
            if not len(rows):
                continue
            if k == 0:
                left.fill_between(
                    rows["position"],
                    rows["min_new_codes"],
                    rows["max_new_codes"],
                    color="#d4d4d4",
                    label=f"bereik ({names.get(selection, selection)})",
                )
            left.plot(
                rows["position"],
                rows["mean_new_codes"],
                color="#303030",
                linestyle=LINE_STYLES[k % len(LINE_STYLES)],
                marker=MARKERS[k % len(MARKERS)],
                markersize=4,
                label=f"gemiddeld, {names.get(selection, selection)}",
            )
            point = rows["saturation_point"].iloc[0]
            if str(point) not in ("", "nan", "<NA>", "None"):
                left.axvline(
                    float(point),
                    color="#6e6e6e",
                    linestyle=LINE_STYLES[k % len(LINE_STYLES)],
                    linewidth=1,
                )
                left.annotate(
                    f"verzadigd bij {int(float(point))} ({names.get(selection, selection)})",
                    (float(point), 0.9 - 0.1 * k),
                    xycoords=("data", "axes fraction"),
                    xytext=(4, 0),
                    textcoords="offset points",
                    fontsize=8,
                )
        left.legend(frameon=False, fontsize=8, loc="upper right")
        left.set_xlabel("aantal interviews")
        left.set_ylabel("nieuwe codes per toegevoegd interview")
        left.set_title("Nieuwe codes per interview (alle gemeenten)")
        left.xaxis.set_major_locator(MaxNLocator(integer=True))
        part = table[table["codes"] == main] if len(table) else table
        scopes = [ALL, *sorted(set(part["scope"].astype(str)) - {ALL})] if len(part) else []
        for k, scope in enumerate(scopes):
            rows = part[part["scope"].astype(str) == scope]
            right.plot(
                rows["position"],
                100 * rows["share_of_orders_saturated"].astype(float),
                color="#303030" if scope == ALL else "#6e6e6e",
                linewidth=2 if scope == ALL else 1.2,
                linestyle=LINE_STYLES[k % len(LINE_STYLES)],
                marker=MARKERS[k % len(MARKERS)],
                markersize=4,
                label=f"{scope} (n = {int(rows['interviews'].iloc[0])})",
            )
        right.axhline(95, color="#a6a6a6", linewidth=1, linestyle=":")
        right.set_ylim(0, 102)
        right.set_xlabel("aantal interviews")
        right.set_ylabel("% volgordes zonder latere nieuwe code")
        right.set_title(f"Verzadiging per gemeente ({names.get(main, main)})")
        right.xaxis.set_major_locator(MaxNLocator(integer=True))
        right.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
        for ax in (left, right):
            _style_axes(ax)
    return _fix_layout(fig)


FIGURES: dict[str, Callable[[pd.DataFrame, Codebook], Figure]] = {
    "roles_by_municipality": roles_by_municipality,
    "barriers_by_municipality": barriers_by_municipality,
    "roles_by_barriers": roles_by_barriers_heatmap,
    "interview_vs_observation": interview_vs_observation,
    "municipality_by_source_type": municipality_by_source_type,
    "saturation": saturation,
}
"""Figure name (as used in the workflow) → drawing function."""


def save_figure(fig: Figure, path: str | PathLike[str]) -> None:
    """Save a figure as PNG or SVG (by extension) without timestamps.

    The house style (including a fixed ``svg.hashsalt``) is applied while saving, and the PNG
    ``Software`` and SVG ``Date`` metadata are left out, so saving the same figure again (or a
    rerun of the pipeline) gives byte-identical files. The figure stays usable afterwards.

    Args:
        fig: The figure to save.
        path: Output path ending in ``.png`` or ``.svg``.
    """
    is_svg = Path(path).suffix.lower() == ".svg"
    metadata = {"Date": None} if is_svg else {"Software": None}
    with matplotlib.rc_context(STYLE):
        fig.savefig(path, dpi=150, metadata=metadata)


def tagger_evaluation(table: pd.DataFrame, synthetic: str = "no") -> Figure:
    """Micro-F1 over the role and barrier codes per evaluation scheme, one bar per method.

    Args:
        table: The evaluation table (``evaluation.evaluation_table``).
        synthetic: ``yes``/``no``/``mixed``: whether the coded corpus behind it is synthetic.
    """
    rows = table[table["code"] == "(role_barrier)"]
    schemes = list(dict.fromkeys(rows["scheme"]))
    methods = list(dict.fromkeys(rows["method"]))
    styles = _styles_for(methods)
    fig = _new_figure(7.5, 3.6, pd.DataFrame({"synthetic": [synthetic]}))
    ax = fig.add_subplot()
    width = 0.8 / max(len(methods), 1)
    for k, method in enumerate(methods):
        values = [
            float(rows[(rows["scheme"] == s) & (rows["method"] == method)]["f1"].iloc[0])
            if len(rows[(rows["scheme"] == s) & (rows["method"] == method)])
            else 0.0
            for s in schemes
        ]
        face, hatch = styles[method]
        ax.bar(
            [i + (k - (len(methods) - 1) / 2) * width for i in range(len(schemes))],
            values,
            width,
            label=method,
            color=face,
            hatch=hatch,
            edgecolor=_hatch_colour(face),
        )
    ax.set_xticks(range(len(schemes)), [s.replace("_", " ") for s in schemes])
    ax.set_ylim(0, 1)
    ax.set_ylabel("micro-F1 (role and barrier codes)")
    ax.set_title("Tagger against human codes, per evaluation scheme")
    ax.legend(frameon=False, ncols=len(methods), loc="upper right", fontsize=8)
    _style_axes(ax)
    return _fix_layout(fig)
