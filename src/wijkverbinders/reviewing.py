"""What the reviewer notebooks and the report share: their inputs, the synthetic-data banner,
and the few display helpers (shares as percentages, findings per municipality).

A notebook executed by Snakemake gets its inputs from the ``snakemake`` object; run by hand it
gets the same names from :func:`notebook_inputs`, from the project folder's outputs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
import yaml

from wijkverbinders import outputs
from wijkverbinders.model import combined_status
from wijkverbinders.tables import ALL

BANNERS = {
    "yes": "Computed on the SYNTHETIC demo corpus: invented transcripts, not research results. "
    "No statement here is about real people or municipalities.",
    "mixed": "These results MIX synthetic demo transcripts with real data: do not use them as "
    "research results (list only real data under corpus in config.yaml).",
}


def _paths(value: object) -> str | list[str]:
    return str(value) if isinstance(value, str | os.PathLike) else [str(v) for v in value]


def project_root(start: Path | None = None) -> Path:
    """The folder holding the ``Snakefile``: the working directory or the first parent."""
    here = (start or Path.cwd()).resolve()
    return next((p for p in (here, *here.parents) if (p / "Snakefile").is_file()), here)


def notebook_inputs(name: str, snakemake: object | None = None) -> dict[str, str | list[str]]:
    """A notebook's named inputs (see ``outputs.NOTEBOOK_INPUTS``).

    With Snakemake's object, its named inputs. Without (a notebook run by hand), the working
    directory moves to the project folder and the same names point at the outputs there that
    exist: tables by name, ``evaluation``, ``codebook`` (from ``config.yaml``) and ``figures``.
    """
    if snakemake is not None:
        return {key: _paths(value) for key, value in snakemake.input.items()}
    os.chdir(project_root())
    wanted = outputs.NOTEBOOK_INPUTS[name]
    found: dict[str, str | list[str]] = {
        table: outputs.TABLES[table].path
        for table in wanted
        if table in outputs.TABLES and Path(outputs.TABLES[table].path).is_file()
    }
    config = Path("config.yaml")
    settings = yaml.safe_load(config.read_text(encoding="utf-8")) if config.is_file() else None
    found["codebook"] = (settings or {}).get("codebook", "data/codebook.yaml")
    if "evaluation" in wanted and Path(outputs.EVALUATION).is_file():
        found["evaluation"] = outputs.EVALUATION
    if "figures" in wanted:
        found["figures"] = sorted(str(p) for p in Path(outputs.FIGURES_DIR).glob("*.png"))
    return found


def status_of(tables: Iterable[pd.DataFrame], *extra: str) -> str:
    """The ``synthetic`` status of everything shown: ``yes``, ``no`` or ``mixed``."""
    flags = [str(v) for table in tables if "synthetic" in table for v in table["synthetic"]]
    return combined_status([*flags, *extra])


def banner(status: str) -> str:
    """The warning a page or notebook opens with (Markdown), or a plain line for real data."""
    if status in BANNERS:
        return f"> **WARNING: {BANNERS[status]}**"
    return "> Computed on real (non-synthetic) documents; shareable outputs only."


def numbers(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """The given columns as numbers (tables are read as text)."""
    return frame.assign(**{c: pd.to_numeric(frame[c], errors="coerce") for c in columns})


def percent(values: Iterable[object], digits: int = 1) -> pd.Series:
    """Shares (0-1) as percentages for display; empty where there is no number."""
    series = values if isinstance(values, pd.Series) else pd.Series(list(values))
    return pd.to_numeric(series, errors="coerce").map(
        lambda v: "" if pd.isna(v) else f"{v:.{digits}%}"
    )


def findings_by_municipality(rows: pd.DataFrame) -> pd.DataFrame:
    """Findings as rows, municipalities (overall first) as columns: "x/n (share) verdict"."""
    cells = rows.assign(
        cell=rows["respondents"].astype(str)
        + "/"
        + rows["respondents_total"].astype(str)
        + " ("
        + percent(rows["share"], 0)
        + ") "
        + rows["verdict"]
    )
    table = cells.pivot(index="indicator", columns="municipality", values="cell")
    order = [ALL, *sorted(set(table.columns) - {ALL})]
    return table.reindex(index=list(dict.fromkeys(rows["indicator"])), columns=order)


def figure_paths(inputs: Mapping[str, object]) -> dict[str, str]:
    """``{figure name: PNG path}`` from a notebook's ``figures`` input."""
    return {Path(p).stem: str(p) for p in inputs.get("figures", [])}


def show_figure(figures: Mapping[str, str], name: str) -> None:
    """Show a pipeline figure (PNG) in a notebook, or say that this run has none by that name."""
    from IPython.display import Image, display

    if name in figures:
        display(Image(filename=figures[name]))
    else:
        print(f"The figure {name} is not among this run's figures.")


def open_inputs(name: str, snakemake: object | None = None):
    """A notebook's inputs, its codebook and its tables (read as text), in one call."""
    from wijkverbinders.codebook import load_codebook
    from wijkverbinders.io import read_table

    found = notebook_inputs(name, snakemake)
    tables = {key: read_table(path) for key, path in found.items() if key in outputs.TABLES}
    return found, load_codebook(found["codebook"]), tables
