# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   language_info:
#     name: python
# ---

# %% [markdown]
# # 04 · The tagger against the human codes, and agreement between human coders
#
# How well the automatic tagger reproduces the human codes (grouped cross-validation: leave one
# municipality out, leave one respondent out, and trained on the example bank alone), per
# evaluation scheme and method and per code; next to it, how well two human coders agree with
# each other on the double-coded documents (Krippendorff's alpha with a 95% bootstrap
# interval), per segment and per document, and how many disagreements they had to settle.
#
# **Reads** (shareable pipeline outputs only): `results/tables/tagger_evaluation.csv`,
# `results/tagging/evaluation.json`, the figure `tagger_evaluation`
# (`results/figures/tagger_evaluation.png`), the codebook (`data/codebook.yaml`), and, when the
# study has double coding, `agreement_segments.csv`, `agreement_documents.csv` and
# `disagreements.csv`.
#
# The line below says whether the numbers come from synthetic data.

# %%
import json
from pathlib import Path

import pandas as pd
from IPython.display import Markdown, display

from wijkverbinders import reviewing

NOTEBOOK = "04_tagging_and_agreement"
pd.set_option("display.max_rows", 500)
pd.set_option("display.max_colwidth", None)


INPUT, codebook, tables = reviewing.open_inputs(NOTEBOOK, globals().get("snakemake"))
evaluation_table = tables["tagger_evaluation"]
evaluation = json.loads(Path(INPUT["evaluation"]).read_text(encoding="utf-8"))
agreement_segments = tables.get("agreement_segments")
agreement_documents = tables.get("agreement_documents")
disagreements = tables.get("disagreements")
FIGURES = reviewing.figure_paths(INPUT)

status = reviewing.status_of(tables.values(), evaluation.get("data", {}).get("synthetic", "no"))
display(Markdown(reviewing.banner(status)))


# %%


def interval(value, low, high) -> str:
    """'0.86 [0.71, 0.97]', or '' when the statistic is undefined."""
    if pd.isna(value):
        return ""
    if pd.isna(low) or pd.isna(high):
        return f"{value:.2f}"
    return f"{value:.2f} [{low:.2f}, {high:.2f}]"


def blank(frame: pd.DataFrame) -> pd.DataFrame:
    """Undefined statistics (NaN) as empty cells, for display."""
    return frame.astype(object).where(frame.notna(), "")


LABELS = {code.id: code.label for code in codebook.codes}
AGREEMENT_NUMBERS = [
    "units",
    "coder_1_units",
    "coder_2_units",
    "both",
    "percent_agreement",
    "cohen_kappa",
    "krippendorff_alpha",
    "alpha_ci_low",
    "alpha_ci_high",
]
SCHEMES = [s for s in evaluation.get("schemes", {}) if "methods" in evaluation["schemes"][s]]
METRICS = [
    "support",
    "predicted",
    "precision",
    "recall",
    "f1",
    "macro_f1",
    "cohen_kappa",
    "krippendorff_alpha",
]
scores = reviewing.numbers(evaluation_table, METRICS)
methods = list(dict.fromkeys(scores["method"]))
# The configured tagger: "learned" when it was evaluated, else the first method that is no baseline.
candidates = [m for m in methods if m not in ("majority", "rules")] or methods or [""]
METHOD = "learned" if "learned" in methods else candidates[0]

# %% [markdown]
# ## The tagger: overall
#
# Each scheme trains the tagger without the segments it is tested on, so the scores say how
# well it would code text it has not seen: **leave one municipality out** is the honest figure
# for a new municipality, **leave one respondent out** for a new person in a known
# municipality, **bank to corpus** trains on the example bank alone. `majority` (never suggest
# a code) and `rules` (the codebook's indicator words) are the baselines.

# %%
folds = []
for scheme, entry in evaluation.get("schemes", {}).items():
    if "skipped" in entry:
        folds.append({"scheme": scheme, "folds": 0, "tested on": f"skipped: {entry['skipped']}"})
        continue
    parts = entry.get("folds", [])
    train = sorted({int(p["train"]) for p in parts}) or [0]
    folds.append(
        {
            "scheme": scheme,
            "folds": len(parts),
            "tested on": "; ".join(str(p["test"]) for p in parts),
            "test segments": sum(int(p["test_items"]) for p in parts),
            "training items per fold": "-".join(
                str(n) for n in dict.fromkeys([train[0], train[-1]])
            ),
        }
    )
display(pd.DataFrame(folds))
data = evaluation.get("data", {})
main_codes = evaluation.get("main_codes", [])
print(
    f"Evaluated on {data.get('corpus_segments', '?')} human-coded segments "
    f"(of {data.get('corpus_segments_available', '?')} available); the example bank holds "
    f"{data.get('bank_examples', '?')} passages. In bank_to_corpus the single fold is named "
    "after its training data (the bank); it is tested on the corpus."
)

# %% [markdown]
# **Micro-F1 over the role and barrier codes** (rows `(role_barrier)` of
# `tagger_evaluation.csv`), per scheme and method:

# %%
summary = scores[scores["code"] == "(role_barrier)"]
micro = summary.pivot(index="scheme", columns="method", values="f1").reindex(
    index=SCHEMES, columns=methods
)
display(micro.round(2))
display(
    Markdown(
        f"Over the {len(main_codes)} role and barrier codes: "
        + ", ".join(f"{LABELS.get(c, c)}" for c in main_codes)
        + ". Macro-F1 (the mean of the per-code F1) and the mean Krippendorff's alpha of "
        "tagger against human codes, for the same codes:"
    )
)
display(
    summary.assign(
        micro_f1=summary["f1"].round(2),
        macro_f1=summary["macro_f1"].round(2),
        mean_alpha=summary["krippendorff_alpha"].round(2),
    )[["scheme", "method", "micro_f1", "macro_f1", "mean_alpha"]].reset_index(drop=True)
)
reviewing.show_figure(FIGURES, "tagger_evaluation")

# %% [markdown]
# ## The tagger per code
#
# F1 of the configured tagger per code and scheme. Codes with too few human examples are not
# learned at all (`results/models/tagger.json` lists them): their F1 is 0 by construction.

# %%
per_code = scores[(scores["method"] == METHOD) & ~scores["code"].str.startswith("(")]
display(Markdown(f"**F1 of the `{METHOD}` tagger per code and scheme**"))
f1 = per_code.pivot(index="code", columns="scheme", values="f1").reindex(
    index=[c.id for c in codebook.codes if c.id in set(per_code["code"])], columns=SCHEMES
)
f1.index = [LABELS.get(c, c) for c in f1.index]
display(f1.round(2))


def tagger_detail(scheme: str) -> pd.DataFrame:
    """Per code for one scheme: counts, precision, recall, F1, kappa, alpha with its interval."""
    rows = per_code[per_code["scheme"] == scheme].copy()
    ci = evaluation["schemes"].get(scheme, {}).get("methods", {}).get(METHOD, {})
    ci = ci.get("per_code", {})
    rows["alpha [95% CI]"] = [
        interval(a, ci.get(c, {}).get("alpha_ci_low"), ci.get(c, {}).get("alpha_ci_high"))
        for c, a in zip(rows["code"], rows["krippendorff_alpha"], strict=True)
    ]
    rows["label"] = rows["code"].map(LABELS)
    columns = ["label", "support", "predicted", "precision", "recall", "f1", "cohen_kappa"]
    view = rows[[*columns, "alpha [95% CI]"]].round(2)
    return view.astype({"support": "Int64", "predicted": "Int64"}).reset_index(drop=True)


HONEST = "leave_one_municipality_out"
detail_scheme = HONEST if HONEST in SCHEMES else (SCHEMES[0] if SCHEMES else None)
if detail_scheme:
    display(Markdown(f"**`{METHOD}` tagger, {detail_scheme}**: `support` = human-coded segments"))
    display(tagger_detail(detail_scheme))

# %% [markdown]
# ## Human coders against each other, next to the tagger
#
# Two coders coded some documents independently (before adjudication). Per code, each segment
# is a unit and the code present/absent a binary variable: Krippendorff's alpha with a 95%
# bootstrap interval. Next to it the tagger's alpha against the (adjudicated) human codes in
# the honest scheme. Note the different units: the coders are compared on the double-coded
# documents only, the tagger on every coded segment.

# %%
if agreement_segments is None or agreement_segments.empty:
    print(
        "No inter-coder agreement in this run: the study has no double coding "
        "(second_coding: [] in config.yaml), so only the tagger's scores are shown."
    )
    human = None
else:
    human = reviewing.numbers(
        agreement_segments,
        AGREEMENT_NUMBERS,
    )
    human["alpha [95% CI]"] = [
        interval(a, lo, hi)
        for a, lo, hi in zip(
            human["krippendorff_alpha"], human["alpha_ci_low"], human["alpha_ci_high"], strict=True
        )
    ]
    pair = f"{human['coder_1'].iloc[0]} and {human['coder_2'].iloc[0]}"
    display(
        Markdown(
            f"**Coders {pair}, {int(human['units'].iloc[0])} segments** "
            "(`(geen code)`: the segment has no code at all)"
        )
    )
    human_view = human[
        [
            "label",
            "coder_1_units",
            "coder_2_units",
            "both",
            "percent_agreement",
            "cohen_kappa",
            "alpha [95% CI]",
            "note",
        ]
    ].round(3)
    display(blank(human_view.reset_index(drop=True)))

# %%
if human is not None and detail_scheme:
    tagger = per_code[per_code["scheme"] == detail_scheme].set_index("code")
    ci = evaluation["schemes"][detail_scheme]["methods"].get(METHOD, {}).get("per_code", {})
    side = human[human["code"].isin(list(LABELS))].set_index("code")
    side_by_side = pd.DataFrame(
        {
            "label": side["label"],
            "human alpha [95% CI]": side["alpha [95% CI]"],
            f"tagger alpha [95% CI] ({detail_scheme})": [
                interval(
                    tagger["krippendorff_alpha"].get(c),
                    ci.get(c, {}).get("alpha_ci_low"),
                    ci.get(c, {}).get("alpha_ci_high"),
                )
                for c in side.index
            ],
            "tagger F1": tagger["f1"].reindex(side.index).round(2),
        }
    )
    display(side_by_side.reset_index(drop=True))
    print(
        "Read the tagger's alpha against the coders': where it is far below theirs, its "
        "suggestions are a starting point for a human coder, not a coding."
    )

# %% [markdown]
# ## Agreement per document
#
# The same, with each double-coded document as a unit: does the code occur anywhere in it?
# With only a handful of documents the intervals are wide.

# %%
if agreement_documents is None or agreement_documents.empty:
    print("No document-level agreement in this run: the study has no double coding.")
else:
    documents = reviewing.numbers(
        agreement_documents,
        AGREEMENT_NUMBERS,
    )
    documents["alpha [95% CI]"] = [
        interval(a, lo, hi)
        for a, lo, hi in zip(
            documents["krippendorff_alpha"],
            documents["alpha_ci_low"],
            documents["alpha_ci_high"],
            strict=True,
        )
    ]
    display(Markdown(f"**{int(documents['units'].iloc[0])} double-coded documents**"))
    display(
        blank(
            documents[
                [
                    "label",
                    "coder_1_units",
                    "coder_2_units",
                    "both",
                    "percent_agreement",
                    "cohen_kappa",
                    "alpha [95% CI]",
                    "note",
                ]
            ]
            .round(3)
            .reset_index(drop=True)
        )
    )

# %% [markdown]
# ## Disagreements
#
# Each segment and code on which the two coders differ (`disagreements.csv`, the adjudication
# worklist), counted per code, per coder who gave the code, and per document.

# %%
if disagreements is None:
    print("No disagreements table in this run: the study has no double coding.")
elif disagreements.empty:
    print("0 disagreements: the two coders agreed on every segment and code.")
else:
    display(
        Markdown(
            f"**{len(disagreements)} disagreements** on "
            f"{disagreements['segment_id'].nunique()} segments in "
            f"{disagreements['doc_id'].nunique()} documents; "
            + ", ".join(
                f"coder {coder} gave the code in {n}"
                for coder, n in disagreements["given_by"].value_counts().sort_index().items()
            )
            + " (a code only one coder gave). A one-sided split points to one coder coding "
            "more liberally, which the adjudication should settle code by code."
        )
    )
    per_code_count = (
        disagreements.assign(label=disagreements["code"].map(LABELS).fillna(disagreements["code"]))
        .pivot_table(index="label", columns="given_by", values="segment_id", aggfunc="count")
        .fillna(0)
        .astype(int)
    )
    per_code_count.columns = [f"given only by {c}" for c in per_code_count.columns]
    per_code_count["total"] = per_code_count.sum(axis=1)
    display(per_code_count.sort_values("total", ascending=False))
    per_document = (
        disagreements.pivot_table(
            index="doc_id", columns="given_by", values="segment_id", aggfunc="count"
        )
        .fillna(0)
        .astype(int)
    )
    per_document.columns = [f"given only by {c}" for c in per_document.columns]
    display(per_document)
