"""The reviewers' report: one self-contained HTML page built from the shareable outputs.

The page reads only shareable tables (no transcript text other than the pseudonymised quotes),
embeds the figures as SVG data, needs no network and prints to PDF. Sections: the corpus and
method in the manner of the COREQ checklist, the study's claims with verdicts, the figures,
interviews against observations, code saturation, exemplar quotes, the tagger's evaluation
beside human agreement, and the suggestions for uncoded documents.

Nothing here computes a result of its own: every number comes from a pipeline table or from a
library function (:mod:`wijkverbinders.findings`, :func:`wijkverbinders.tables.suggestion_summary`).
"""

from __future__ import annotations

import base64
import json
import platform
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from importlib.resources import files
from pathlib import Path

import pandas as pd

from wijkverbinders import outputs
from wijkverbinders.codebook import Codebook
from wijkverbinders.findings import Thresholds, claim_verdicts
from wijkverbinders.model import combined_status
from wijkverbinders.quotes import RULE as QUOTE_RULE
from wijkverbinders.reviewing import BANNERS
from wijkverbinders.tables import ALL, suggestion_summary

SOFTWARE = (
    "wijkverbinders",
    "snakemake",
    "spacy",
    "scikit-learn",
    "pandas",
    "matplotlib",
    "krippendorff",
    "deduce",
)
REPORT_FIGURES = (
    "roles_by_municipality",
    "barriers_by_municipality",
    "roles_by_barriers",
    "municipality_by_source_type",
    "interview_vs_observation",
)


@dataclass
class ReportInputs:
    """Paths of what the report reads: tables by name, figures (SVG) by name, and files."""

    tables: Mapping[str, str]
    figures: Mapping[str, str]
    evaluation: str
    codebook: Codebook
    model_info: str | None = None
    config: Mapping[str, object] = field(default_factory=dict)


def _svg_data(path: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(Path(path).read_bytes()).decode()


def _percent(value: object) -> str:
    try:
        return f"{float(value):.0%}"
    except (TypeError, ValueError):
        return ""


def _number(value: object, digits: int = 2) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    if pd.isna(number):
        return ""
    return f"{number:.{digits}f}"


def software_versions() -> list[tuple[str, str]]:
    versions = [("python", platform.python_version())]
    for name in SOFTWARE:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, "not installed"))
    return versions


def _html_table(frame: pd.DataFrame, *, classes: str = "") -> str:
    """An escaped HTML table; a line break inside a cell value becomes ``<br>``."""
    html = frame.to_html(index=False, escape=True, border=0, classes=classes or None, na_rep="")
    return html.replace("\\n", "<br>")  # pandas writes a break in a value as backslash-n


def corpus_summary(tables: Mapping[str, pd.DataFrame]) -> dict[str, object]:
    """Respondents, documents and coders per municipality and source type (COREQ items)."""
    segments = tables["segments"]
    documents = segments.drop_duplicates("doc_id")
    per_place = []
    for municipality, rows in segments.groupby("municipality", sort=True):
        docs = rows.drop_duplicates("doc_id")
        titles = rows[rows["job_title"] != ""].drop_duplicates("respondent")["job_title"]
        per_place.append(
            {
                "municipality": municipality,
                "respondents": rows["respondent"].nunique(),
                "interviews": int((docs["source_type"] == "interview").sum()),
                "observations": int((docs["source_type"] == "observation").sum()),
                "coded documents": int((docs["coded"] == "True").sum()),
                "segments": len(rows),
                "job titles": ", ".join(
                    f"{title} ({count})" for title, count in sorted(titles.value_counts().items())
                ),
            }
        )
    ledger = tables["ingest_ledger"]
    files = ledger[ledger["path"] != "TOTAL"]
    primary = files[files["coding"] == "primary"]
    second = files[files["coding"] == "second"]
    total = ledger[ledger["path"] == "TOTAL"]
    return {
        "places": pd.DataFrame(per_place),
        "documents": len(documents),
        "respondents": segments["respondent"].nunique(),
        "segments": len(segments),
        "coded_segments": int((segments["codes"] != "").sum()),
        "coders": sorted(set(primary["coder"]) - {""}),
        "second_coders": sorted(set(second["coder"]) - {""}),
        "double_coded": second["doc_id"].nunique(),
        "skipped": int((files["status"] == "skipped").sum()),
        "ledger_status": total["status"].iloc[0] if len(total) else "",
        "codings": int(total["codings_out"].iloc[0]) if len(total) else 0,
    }


def findings_matrix(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings with one column per municipality: "x of n (s%)" and the verdict."""
    places = [ALL, *sorted(set(findings["municipality"]) - {ALL})]
    rows = []
    for (claim, _finding), group in findings.groupby(["claim", "finding"], sort=False):
        by_place = group.set_index("municipality")
        row = {"claim": claim, "indicator": group["indicator"].iloc[0]}
        for place in places:
            if place in by_place.index:
                found = by_place.loc[place]
                row[place] = (
                    f"{found['respondents']} of {found['respondents_total']} "
                    f"({_percent(found['share'])})\n{found['verdict']}"
                )
        rows.append(row)
    return pd.DataFrame(rows)


def evaluation_summary(evaluation: pd.DataFrame) -> pd.DataFrame:
    """Micro-F1 over the role and barrier codes: one row per scheme, one column per method."""
    rows = evaluation[evaluation["code"] == "(role_barrier)"]
    table = rows.pivot(index="scheme", columns="method", values="f1")
    table = table.map(_number).reset_index()
    table.columns.name = None
    return table


def tagger_beside_humans(
    evaluation: pd.DataFrame, agreement: pd.DataFrame | None, codebook: Codebook
) -> pd.DataFrame:
    """Per code: the learned tagger against humans (leave one municipality out) and the two
    human coders against each other, as alpha (and kappa), side by side."""
    scheme = "leave_one_municipality_out"
    tagger = evaluation[(evaluation["scheme"] == scheme) & (evaluation["method"] == "learned")]
    if tagger.empty:
        tagger = evaluation[evaluation["method"] == evaluation["method"].iloc[-1]]
    tagger = tagger.set_index("code")
    human = agreement.set_index("code") if agreement is not None else None
    rows = []
    for code in codebook.codes:
        row = {"code": code.id, "label": code.label}
        if code.id in tagger.index:
            found = tagger.loc[code.id]
            row["tagger F1"] = _number(found["f1"])
            row["tagger kappa"] = _number(found["cohen_kappa"])
            row["tagger alpha"] = _number(found["krippendorff_alpha"])
        if human is not None and code.id in human.index:
            found = human.loc[code.id]
            row["human kappa"] = _number(found["cohen_kappa"])
            row["human alpha"] = _number(found["krippendorff_alpha"])
            low, high = _number(found["alpha_ci_low"]), _number(found["alpha_ci_high"])
            row["human alpha 95% CI"] = f"{low} to {high}" if low and high else found["note"]
        rows.append(row)
    return pd.DataFrame(rows).fillna("")


def triangulation_matrix(triangulation: pd.DataFrame) -> pd.DataFrame:
    """Roles and barriers by municipality: "interviews % / observations %" and the direction."""
    rows = triangulation[triangulation["group"].isin(["role", "barrier"])]
    places = list(dict.fromkeys(rows["municipality"]))
    table = []
    for (_code, label), group in rows.groupby(["code", "label"], sort=False):
        by_place = group.set_index("municipality")
        row = {"code": label}
        for place in places:
            if place in by_place.index:
                found = by_place.loc[place]
                observed = _percent(found["observation_share"]) or "none"
                row[place] = (
                    f"{_percent(found['interview_share']) or 'none'} / {observed}\n"
                    f"{found['direction']}"
                )
        table.append(row)
    return pd.DataFrame(table).fillna("")


def saturation_sentences(saturation: pd.DataFrame) -> list[str]:
    sentences = []
    for row in saturation.drop_duplicates(["codes", "scope"]).itertuples():
        point = str(row.saturation_point)
        reached = (
            f"reached after {point} of {row.interviews} interviews"
            if point not in ("", "nan", "<NA>")
            else f"not reached within {row.interviews} interviews"
        )
        sentences.append(f"{row.codes}, {row.scope}: {reached}")
    return sentences


def uncoded_suggestions(
    suggestions: pd.DataFrame, segments: pd.DataFrame, codebook: Codebook
) -> pd.DataFrame:
    """Suggested codes for documents no human coded: per municipality and code."""
    summary = suggestion_summary(suggestions, segments, codebook)
    rows = summary[(~summary["coded"]) & (summary["segments"] > 0)]
    return rows[
        ["municipality", "label", "segments", "segments_total", "share_of_segments", "documents"]
    ].assign(share_of_segments=lambda f: f["share_of_segments"].map(_percent))


def build_report(inputs: ReportInputs) -> str:
    """The report as one HTML string (figures embedded)."""
    from jinja2 import Environment, select_autoescape

    tables = {
        name: pd.read_csv(path, keep_default_na=False, dtype=str)
        for name, path in inputs.tables.items()
    }
    numeric = {
        name: pd.read_csv(path, keep_default_na=False)
        for name, path in inputs.tables.items()
        if name in ("tagger_evaluation", "agreement_segments", "agreement_documents")
    }
    codebook = inputs.codebook
    status = combined_status(tables["segments"]["synthetic"])
    summary = corpus_summary(tables)
    findings = tables["findings"]
    verdicts = claim_verdicts(findings)
    triangulation = tables["triangulation"]
    fixer = triangulation[triangulation["code"] == "role_fixer"]
    quotes = tables["quotes"]
    agreement = numeric.get("agreement_segments")
    evaluation = json.loads(Path(inputs.evaluation).read_text(encoding="utf-8"))
    model_info = (
        json.loads(Path(inputs.model_info).read_text(encoding="utf-8")) if inputs.model_info else {}
    )
    uncoded = uncoded_suggestions(tables["suggestions"], tables["segments"], codebook)
    labels = {code.id: code.label for code in codebook.codes}
    figures = [
        {
            "name": name,
            "caption": outputs.FIGURES[name].caption
            if name in outputs.FIGURES
            else "The tagger against the human codes (micro-F1 per evaluation scheme).",
            "src": _svg_data(path),
        }
        for name, path in inputs.figures.items()
    ]
    context = {
        "banner": BANNERS.get(status),
        "status": status,
        "codebook": codebook,
        "summary": summary,
        "places": _html_table(summary["places"]),
        "verdicts": _html_table(
            verdicts[["claim", "claim_text", "supported", "findings", "verdict"]].rename(
                columns={"supported": "findings supported", "claim_text": "claim of the study"}
            ),
            classes="verdicts",
        ),
        "verdict_rule": verdicts["rule"].iloc[0] if len(verdicts) else "",
        "finding_rule": Thresholds(
            supported=float(inputs.config.get("supported", 0.5)),
            partly=float(inputs.config.get("partly", 0.25)),
        ).rule("show the indicator at least once"),
        "findings": _html_table(findings_matrix(findings), classes="findings"),
        "figures": {f["name"]: f for f in figures},
        "fixer": [
            {
                "municipality": row.municipality,
                "interview": _percent(row.interview_share),
                "observation": _percent(row.observation_share),
                "direction": row.direction,
            }
            for row in fixer.itertuples()
        ],
        "triangulation": _html_table(triangulation_matrix(triangulation), classes="findings"),
        "saturation": saturation_sentences(tables["saturation"]),
        "saturation_rule": tables["saturation"]["rule"].iloc[0]
        if len(tables["saturation"])
        else "",
        "quotes": [
            {
                "code": code,
                "label": labels.get(code, code),
                "rows": group.to_dict("records"),
            }
            for code, group in quotes.groupby("code", sort=False)
        ],
        "quote_rule": QUOTE_RULE,
        "pseudonymisation": tables["pseudonymisation"].to_dict("records"),
        "evaluation": _html_table(evaluation_summary(numeric["tagger_evaluation"])),
        "evaluation_data": evaluation.get("data", {}),
        "side_by_side": _html_table(
            tagger_beside_humans(numeric["tagger_evaluation"], agreement, codebook)
        ),
        "has_agreement": agreement is not None,
        "disagreements": len(tables["disagreements"]) if "disagreements" in tables else None,
        "model_info": model_info,
        "uncoded": _html_table(uncoded) if len(uncoded) else "",
        "suggestion_count": len(tables["suggestions"]),
        "software": software_versions(),
        "config": inputs.config,
        "tables": [
            (spec.path, spec.row) for name, spec in outputs.TABLES.items() if name in inputs.tables
        ],
    }
    template = files("wijkverbinders").joinpath("resources/report.html.j2").read_text("utf-8")
    environment = Environment(
        autoescape=select_autoescape(default=True), keep_trailing_newline=True
    )
    environment.filters["percent"] = _percent
    return environment.from_string(template).render(**context)


def report_inputs(
    *,
    table_paths: Mapping[str, str],
    figure_paths: Sequence[str],
    evaluation: str,
    codebook: Codebook,
    model_info: str | None = None,
    config: Mapping[str, object] | None = None,
) -> ReportInputs:
    """Inputs keyed by name from plain paths (figures by file stem, SVG preferred)."""
    figures: dict[str, str] = {}
    for path in sorted(figure_paths, key=lambda p: (Path(p).stem, Path(p).suffix != ".svg")):
        figures.setdefault(Path(path).stem, path)
    order = [*REPORT_FIGURES, "saturation", "tagger_evaluation"]
    figures = {name: figures[name] for name in order if name in figures}
    return ReportInputs(
        tables=dict(table_paths),
        figures=figures,
        evaluation=evaluation,
        codebook=codebook,
        model_info=model_info,
        config=dict(config or {}),
    )
