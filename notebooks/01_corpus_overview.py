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
# # 01 · Corpus overview and ingest ledger
#
# What went into this run: every file the pipeline read, and whether its documents, segments
# and codings all reached the tables (the **ingest ledger**); the files it skipped and why; the
# respondents per municipality, job title and source type; and how many names, places and
# other identifying spans were replaced in the exemplar quotes.
#
# **Reads** (shareable pipeline outputs only): `results/tables/ingest_ledger.csv`,
# `segments.csv`, `code_by_municipality.csv`, `code_by_job_title.csv`,
# `code_by_source_type.csv`, `pseudonymisation.csv`, and the codebook (`data/codebook.yaml`).
#
# File paths are never shown (a file name could contain a person's name): documents are
# identified by `doc_id`. The line below says whether the numbers come from synthetic data.

# %%

import pandas as pd
from IPython.display import Markdown, display

from wijkverbinders import reviewing
from wijkverbinders.tables import ALL

NOTEBOOK = "01_corpus_overview"
pd.set_option("display.max_rows", 500)
pd.set_option("display.max_colwidth", None)


INPUT, codebook, tables = reviewing.open_inputs(NOTEBOOK, globals().get("snakemake"))
ledger = tables["ingest_ledger"]
segments = tables["segments"]
by_municipality = tables["code_by_municipality"]
by_job_title = tables["code_by_job_title"]
by_source_type = tables["code_by_source_type"]
pseudonymisation = tables["pseudonymisation"]

status = reviewing.status_of(tables.values())
display(Markdown(reviewing.banner(status)))


# %%


display(
    Markdown(
        f"Codebook **{codebook.name}**, version {codebook.version or '(none)'}: "
        + ", ".join(
            f"{len(codebook.in_group(group))} {label.lower()}"
            for group, label in codebook.group_labels.items()
        )
        + f" ({len(codebook.codes)} codes)."
    )
)

# %% [markdown]
# ## The ingest ledger
#
# One row per file read: a corpus document (`coding` = `primary`) or one coder's independent
# copy of a double-coded document (`second`). `*_read` is what the reader found in the file,
# `*_out` what reached the tables; `status` is `ok` when the two agree (the pipeline stops
# otherwise). `context_turns` are interviewer turns, kept as context and never coded;
# `markers_read` counts `{{...}}` markers (a marker may carry several codes). The last row is
# the total.

# %%
COUNTS = [
    "documents_read",
    "documents_out",
    "segments_read",
    "segments_out",
    "codings_read",
    "codings_out",
    "context_turns",
    "markers_read",
]
is_total = ledger["path"] == "TOTAL"
is_skipped = ledger["status"] == "skipped"
files = reviewing.numbers(ledger[~is_total & ~is_skipped], COUNTS).sort_values(
    ["coding", "doc_id", "coder"], kind="stable"
)
total = reviewing.numbers(ledger[is_total], COUNTS)

shown = ["doc_id", "coding", "coder", "municipality", "source_type", "coded", *COUNTS, "status"]
if (files["note"] != "").any():
    shown.append("note")
ledger_view = pd.concat(
    [files[shown], total[shown].assign(doc_id="TOTAL")], ignore_index=True
).fillna("")
display(ledger_view)

# %%
row = total.iloc[0] if len(total) else None
primary = files[files["coding"] == "primary"]
second = files[files["coding"] == "second"]
if row is not None:
    display(
        Markdown(
            f"**{len(files)} files read** ({len(primary)} corpus documents, {len(second)} "
            f"second-coding copies); **{int(is_skipped.sum())} skipped**. Over all files "
            f"read, {row.documents_read} documents, {row.segments_read} segments and "
            f"{row.codings_read} codings were read, and {row.documents_out}, "
            f"{row.segments_out} and {row.codings_out} carried forward: status "
            f"**{row.status}**."
        )
    )
mismatched = files[files["status"] == "MISMATCH"]
if len(mismatched):
    display(Markdown(f"**{len(mismatched)} file(s) do not balance** (counts out differ):"))
    display(mismatched[shown])
else:
    print("Every file balances: what was read is what reached the tables.")

# %% [markdown]
# ### Skipped files
#
# Files left out on purpose (READMEs, lock files, hidden files, `_`-folders such as the
# double-coding copies, which are read separately as second codings). Only the reason is
# shown, not the file name.

# %%
skipped = ledger[is_skipped]
if len(skipped):
    display(
        skipped.groupby("note", sort=True)
        .size()
        .rename("files")
        .reset_index()
        .rename(columns={"note": "reason"})
    )
else:
    print("No file was skipped.")

# %% [markdown]
# ## Documents, segments and respondents per municipality
#
# From the segments table (every segment of every corpus document, coded or not). A
# *respondent* is a person by pseudonym: in field notes the observed wijkverbinder, so a person
# who was interviewed and observed counts once under `people`. Only *coded* documents count in
# the human-code tables; uncoded documents only get the tagger's suggestions (notebook 05).

# %%
documents = segments.drop_duplicates("doc_id")
per_source = (
    segments.groupby(["municipality", "source_type"])
    .agg(
        documents=("doc_id", "nunique"),
        segments=("segment_id", "size"),
        respondents=("respondent", "nunique"),
    )
    .join(
        documents[documents["coded"] == "True"]
        .groupby(["municipality", "source_type"])
        .size()
        .rename("coded_documents")
    )
    .fillna(0)
    .astype(int)
    .reset_index()
)
per_source = per_source[
    ["municipality", "source_type", "documents", "coded_documents", "segments", "respondents"]
]
people = segments.groupby("municipality")["respondent"].nunique().rename("people")
display(per_source)
display(
    Markdown(
        f"**{segments['doc_id'].nunique()} documents** in {segments['municipality'].nunique()} "
        f"municipalities, {len(segments)} segments, "
        f"**{segments['respondent'].nunique()} people** "
        f"({', '.join(f'{m}: {n}' for m, n in people.items())}); "
        f"{int((documents['coded'] == 'True').sum())} documents coded, "
        f"{int((documents['coded'] != 'True').sum())} uncoded."
    )
)

# %% [markdown]
# The bases of the per-municipality shares in notebooks 02 and 03 (coded documents only):
# segments with any code, people, and documents.

# %%
basis = reviewing.numbers(
    by_municipality.drop_duplicates("municipality"),
    ["coded_segments", "respondents_total", "documents_total"],
)[["municipality", "coded_segments", "respondents_total", "documents_total"]]
display(basis.reset_index(drop=True))

# %% [markdown]
# ## Job titles
#
# People per job title and municipality (their own job title, from the front matter; in a group
# interview each speaker has their own). In field notes the observed wijkverbinder's job title
# is optional, so observation segments may have none: they are shown as `(none given)`.

# %%
titled = segments.assign(job_title=segments["job_title"].replace("", "(none given)"))
job_titles = (
    titled.groupby(["job_title", "municipality"])["respondent"]
    .nunique()
    .unstack("municipality", fill_value=0)
)
job_titles["all"] = titled.groupby("job_title")["respondent"].nunique()
display(job_titles)
untitled = titled[titled["job_title"] == "(none given)"]
if len(untitled):
    sources = ", ".join(sorted(untitled["source_type"].unique()))
    print(
        f"{untitled['doc_id'].nunique()} document(s) ({sources}) give no job title for "
        f"{untitled['respondent'].nunique()} people; in code_by_job_title.csv they form a "
        "group with an empty job title."
    )

# %% [markdown]
# The bases of the job-title comparison (`code_by_job_title.csv`, coded documents only):

# %%
display(
    reviewing.numbers(
        by_job_title.drop_duplicates("job_title"),
        ["coded_segments", "respondents_total", "documents_total"],
    )[["job_title", "coded_segments", "respondents_total", "documents_total"]]
    .assign(job_title=lambda f: f["job_title"].replace("", "(none given)"))
    .reset_index(drop=True)
)

# %% [markdown]
# ## Source types
#
# Interviews against observations (field notes). Keep the number of coded observation segments
# in mind when notebook 02 compares shares between the two.

# %%
source_basis = reviewing.numbers(
    by_source_type.drop_duplicates("source_type"),
    ["coded_segments", "respondents_total", "documents_total"],
)[["source_type", "coded_segments", "respondents_total", "documents_total"]]
source_basis = source_basis.merge(
    segments.groupby("source_type").size().rename("segments").reset_index(), on="source_type"
)
source_basis["coded_share"] = reviewing.percent(
    source_basis["coded_segments"] / source_basis["segments"]
)
display(source_basis)
print("coded_share: segments with at least one code, of all segments of that source type.")

# %% [markdown]
# ## Codes per municipality at a glance
#
# Segments with each code, per municipality and overall (coded documents only). Shares and
# verdicts follow in notebooks 02 (roles) and 03 (barriers).

# %%
counts = reviewing.numbers(by_municipality, ["segments"])
glance = counts.pivot_table(
    index=["group", "label"], columns="municipality", values="segments", aggfunc="sum", sort=False
)
glance[ALL] = glance.sum(axis=1)
display(glance)

# %% [markdown]
# ## Pseudonymisation
#
# The exemplar quotes (`quotes.csv`, the only transcript text in the shareable outputs) are
# pseudonymised: names, places, addresses, phone numbers and e-mail addresses become
# `[PERSOON-1]`, `[LOCATIE-2]`, ... Counts per kind of span replaced in this run:

# %%
replaced = reviewing.numbers(pseudonymisation, ["replaced"])
display(replaced[["kind", "replaced"]].reset_index(drop=True))
print(
    f"{int(replaced['replaced'].sum())} spans replaced in total. Automatic de-identification "
    "catches most names, not all: read quotes.csv before sharing it."
)
