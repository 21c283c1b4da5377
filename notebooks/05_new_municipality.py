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
# # 05 · A new municipality: what the tagger's suggestions say
#
# A consultant adds the transcripts of a municipality nobody has coded yet; the pipeline's
# tagger suggests codes for every segment. This notebook summarises those suggestions per
# municipality (segments and documents per code, `wijkverbinders.tables.suggestion_summary`),
# first for municipalities whose documents are **uncoded**, then for the coded municipalities
# next to the human codes.
#
# **Reads** (shareable pipeline outputs only): `results/tables/segments.csv`,
# `suggestions.csv`, `code_by_municipality.csv`, and the codebook (`data/codebook.yaml`).
#
# Suggestions are not codes: they never enter the human-code tables, and how far to trust them
# is measured in notebook 04. The line below says whether the numbers come from synthetic data.

# %%

import pandas as pd
from IPython.display import Markdown, display

from wijkverbinders import reviewing
from wijkverbinders.tables import suggestion_summary

NOTEBOOK = "05_new_municipality"
pd.set_option("display.max_rows", 500)
pd.set_option("display.max_colwidth", None)


INPUT, codebook, tables = reviewing.open_inputs(NOTEBOOK, globals().get("snakemake"))
segments = tables["segments"]
suggestions = tables["suggestions"]
by_municipality = tables["code_by_municipality"]

status = reviewing.status_of(tables.values())
display(Markdown(reviewing.banner(status)))


# %%


summary = suggestion_summary(suggestions, segments, codebook)
LABELS = [code.label for code in codebook.codes]
methods = sorted(set(suggestions["method"])) if len(suggestions) else []
never = [
    code.label
    for code in codebook.codes
    if code.id not in set(suggestions["code"])  # codes the tagger never suggests anywhere
]
print(
    f"{len(suggestions)} suggestions by the {', '.join(methods) or '(no)'} tagger for "
    f"{segments['segment_id'].nunique()} segments in {segments['doc_id'].nunique()} documents."
)
if never:
    print(
        f"Never suggested anywhere in this run: {', '.join(never)} (the learned tagger leaves "
        "out codes with too few examples to learn from; results/models/tagger.json lists them)."
    )

# %% [markdown]
# ## Municipalities nobody coded yet
#
# Documents without any code marker are *uncoded*: they get suggestions but do not count in
# the human-code tables. Per municipality, the share of its uncoded segments that get each code
# suggested, how many of its uncoded documents get the code at least once, and the mean score
# of the suggestions.

# %%
new = summary[~summary["coded"]]
documents = segments.drop_duplicates("doc_id")
coded_documents = documents["coded"] == "True"
if new.empty:
    display(
        Markdown(
            "**No uncoded municipality is in this run**: every document of the corpus carries "
            "human codes, so there is nothing new for the tagger to describe.\n\n"
            "To add one, a consultant puts a folder with the new municipality's transcripts "
            "*without* codes (one file per interview or observation, front matter as in the "
            "README, no `{{...}}` markers) under a corpus folder listed in `config.yaml` "
            "(for example `data/raw/zoetermeer/` with `corpus: [data/raw]`), checks them with "
            "`.venv/bin/wijkverbinders validate data/raw/zoetermeer`, and runs `make run`. "
            "Only the new batches are read and annotated; this notebook then shows the "
            "municipality here.\n\n"
            "Below, the same summary for the municipalities that *were* coded, next to their "
            "human codes."
        )
    )
else:
    counts = (
        documents.assign(coded=coded_documents)
        .groupby("municipality")["coded"]
        .agg(uncoded_documents=lambda c: int((~c).sum()), coded_documents="sum")
        .astype(int)
    )
    places = sorted(new["municipality"].unique())
    display(counts.loc[places])
    shares = new.assign(share=reviewing.percent(new["share_of_segments"])).pivot(
        index="label", columns="municipality", values="share"
    )
    reached = new.assign(
        docs=new["documents"].astype(str) + "/" + new["documents_total"].astype(str)
    ).pivot(index="label", columns="municipality", values="docs")
    score = new.pivot(index="label", columns="municipality", values="mean_score").round(2)
    score = score.astype(object).where(score.notna(), "")
    display(Markdown("**Share of uncoded segments with the suggestion**"))
    display(shares.reindex(index=LABELS))
    display(Markdown("**Uncoded documents with the suggestion at least once**"))
    display(reached.reindex(index=LABELS))
    display(Markdown("**Mean score of the suggestions** (empty: never suggested)"))
    display(score.reindex(index=LABELS))
    display(
        Markdown(
            "These are out-of-sample suggestions: nobody coded these documents, so the tagger "
            "never saw them. How well it does on a municipality it was not trained on is the "
            "*leave one municipality out* evaluation in notebook 04; read these shares with "
            "that error in mind, and have a coder check a sample before reporting them."
        )
    )

# %% [markdown]
# ## The coded municipalities: suggestions next to the human codes
#
# **Caveat.** On coded documents the suggestions come from a tagger *trained on those very
# codes* (the coded corpus plus the example bank): they are in-sample and optimistic, close to
# the human codes because the tagger learned from them. They show what the summary looks like,
# not how well the tagger would do on a new municipality. The honest figure for that is the
# **leave-one-municipality-out** evaluation in notebook 04.
#
# Both shares below are over **all** segments of the municipality's coded documents (the
# tagger suggests codes for every segment, also those a coder left without a code), so they
# differ from the shares of *coded* segments in notebooks 02 and 03.

# %%
known = summary[summary["coded"]]
if known.empty:
    print("No coded municipality in this run: there are no human codes to compare with.")
else:
    human = by_municipality.assign(
        human_segments=pd.to_numeric(by_municipality["segments"]),
        human_documents=pd.to_numeric(by_municipality["documents"]),
    )
    both = known.merge(
        human[["municipality", "code", "human_segments", "human_documents"]],
        on=["municipality", "code"],
        how="left",
    )
    both["human"] = reviewing.percent(both["human_segments"] / both["segments_total"])
    both["tagger"] = reviewing.percent(both["share_of_segments"])
    wide = both.pivot(index="label", columns="municipality", values=["human", "tagger"])
    wide = wide.swaplevel(axis=1).sort_index(axis=1, level=0, sort_remaining=False)
    wide = wide.reindex(index=LABELS)
    totals = known.drop_duplicates("municipality").set_index("municipality")["segments_total"]
    display(
        Markdown(
            "**Share of all segments: human codes against the tagger's suggestions** "
            + "("
            + ", ".join(f"{m}: {n} segments" for m, n in totals.items())
            + ")"
        )
    )
    display(wide)
    reached = both.assign(
        cell=both["human_documents"].astype("Int64").astype(str)
        + " / "
        + both["documents"].astype(str)
        + " of "
        + both["documents_total"].astype(str)
    ).pivot(index="label", columns="municipality", values="cell")
    display(
        Markdown(
            "**Coded documents with the code: human / tagger, of all coded documents** of the "
            "municipality"
        )
    )
    display(reached.reindex(index=LABELS))
