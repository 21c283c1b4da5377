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
# # 03 · Barriers, roles × barriers, and saturation
#
# The three barriers the study names (positional, relational, communicative, plus "other":
# capacity, workload, budget, systems) per municipality; which roles and barriers occur
# together; the claims `barriers` and `recommendations` with their verdicts; whether the
# interviews reached code saturation; and exemplar quotes for each barrier code.
#
# **Reads** (shareable pipeline outputs only): `results/tables/code_by_municipality.csv`,
# `role_barrier_cooccurrence.csv`, `findings.csv`, `triangulation.csv`, `saturation.csv`,
# `quotes.csv` (pseudonymised), the figures `barriers_by_municipality`, `roles_by_barriers` and
# `saturation` (`results/figures/*.png`), and the codebook (`data/codebook.yaml`).
#
# Shares are *shares of coded segments* (segments with at least one code) of coded documents;
# respondents are people, by pseudonym. The line below says whether the numbers come from
# synthetic data.

# %%

import pandas as pd
from IPython.display import Markdown, display

from wijkverbinders import reviewing
from wijkverbinders.findings import claim_verdicts
from wijkverbinders.tables import ALL

NOTEBOOK = "03_barriers"
pd.set_option("display.max_rows", 500)
pd.set_option("display.max_colwidth", None)


INPUT, codebook, tables = reviewing.open_inputs(NOTEBOOK, globals().get("snakemake"))
by_municipality = tables["code_by_municipality"]
cooccurrence = tables["role_barrier_cooccurrence"]
findings = tables["findings"]
triangulation = tables["triangulation"]
saturation = tables["saturation"]
quotes = tables["quotes"]
FIGURES = reviewing.figure_paths(INPUT)

status = reviewing.status_of(tables.values())
display(Markdown(reviewing.banner(status)))


# %%


BARRIERS = codebook.in_group("barrier")
BARRIER_IDS = [code.id for code in BARRIERS]
barrier_labels = [code.label for code in BARRIERS]
role_labels = [code.label for code in codebook.in_group("role")]
municipalities = sorted(by_municipality["municipality"].unique())

# %% [markdown]
# ## Barriers per municipality
#
# Share of each municipality's coded segments that carry the barrier, and how many of its
# people meet it at least once (interviews and observations together).

# %%
barriers = by_municipality[by_municipality["group"] == "barrier"]
share_table = barriers.assign(share=reviewing.percent(barriers["share_of_coded_segments"])).pivot(
    index="label", columns="municipality", values="share"
)
people_table = barriers.assign(
    people=barriers["respondents"] + "/" + barriers["respondents_total"]
).pivot(index="label", columns="municipality", values="people")
display(Markdown("**Share of coded segments**"))
display(share_table.reindex(index=barrier_labels))
display(
    Markdown("**People meeting the barrier at least once** (of all people in the municipality)")
)
display(people_table.reindex(index=barrier_labels))
reviewing.show_figure(FIGURES, "barriers_by_municipality")

# %% [markdown]
# ### Interviews against observations
#
# Difference in percentage points between the barrier's share of coded observation segments
# and of coded interview segments (`triangulation.csv`). Check the observation bases in
# notebook 02 (coded segments per municipality) before reading much into small differences.

# %%
barrier_rows = reviewing.numbers(
    triangulation[triangulation["code"].isin(BARRIER_IDS)], ["difference"]
)
columns = [ALL, *municipalities]
difference = barrier_rows.assign(points=(barrier_rows["difference"] * 100).round(1)).pivot(
    index="label", columns="municipality", values="points"
)
direction = barrier_rows.pivot(index="label", columns="municipality", values="direction")
display(Markdown("**Difference, observation minus interview (percentage points)**"))
display(difference.reindex(index=barrier_labels, columns=columns))
display(Markdown("**Direction**"))
display(direction.reindex(index=barrier_labels, columns=columns))

# %% [markdown]
# ## Roles × barriers
#
# How often a role and a barrier occur together, at two levels: in the **same segment**
# (a paragraph that shows the role *and* the barrier), and in the **same person** (someone who
# shows the role somewhere and meets the barrier somewhere). The last column and row give the
# bases: segments (or people) with the role, and with the barrier.

# %%
cooc = reviewing.numbers(cooccurrence, ["count", "with_role", "with_barrier"])


def cooccurrence_matrix(level: str, municipality: str) -> pd.DataFrame:
    rows = cooc[(cooc["level"] == level) & (cooc["municipality"] == municipality)]
    matrix = rows.pivot(index="role_label", columns="barrier_label", values="count")
    matrix = matrix.reindex(index=role_labels, columns=barrier_labels)
    matrix["with the role"] = rows.drop_duplicates("role").set_index("role_label")["with_role"]
    bases = rows.drop_duplicates("barrier").set_index("barrier_label")["with_barrier"]
    matrix.loc["with the barrier"] = bases.reindex(barrier_labels)
    matrix.index.name = None
    matrix.columns.name = None
    return matrix.astype("Int64").astype(object).where(matrix.notna(), "")


for level, what in (("segment", "segments"), ("respondent", "people")):
    display(Markdown(f"**All municipalities: {what} with both**"))
    display(cooccurrence_matrix(level, ALL))

# %%
pooled = cooc[(cooc["municipality"] == ALL)]
segment_level = pooled[pooled["level"] == "segment"]
person_level = pooled[pooled["level"] == "respondent"]
pairs = len(segment_level)
top = segment_level.loc[segment_level["count"].idxmax()]
display(
    Markdown(
        f"Of the {pairs} role × barrier pairs, **{int((segment_level['count'] == 0).sum())} "
        "never occur in the same segment**; the most frequent pair, "
        f"{top['role_label']} × {top['barrier_label']}, shares {int(top['count'])} of the "
        f"{int(top['with_role'])} segments with the role. At the level of people the median "
        f"pair is shared by **{int(person_level['count'].median())} people** (the most people "
        f"with any one role: {int(person_level['with_role'].max())}).\n\n"
        "How to read this: when the segment counts are near zero and the person counts near the "
        "number of people, the coders put roles and barriers on *different* paragraphs, and "
        "almost everyone meets every barrier somewhere: neither level on its own then says "
        "which barrier blocks which role; the quotes below and the transcripts have to."
    )
)
reviewing.show_figure(FIGURES, "roles_by_barriers")

# %% [markdown]
# Per municipality, segments with both (the figure above shows the same, one panel per
# municipality):

# %%
for municipality in municipalities:
    display(Markdown(f"**{municipality}**"))
    display(cooccurrence_matrix("segment", municipality))

# %% [markdown]
# ## The claims: three barriers, and four recommendations
#
# Each claim is tested by findings counted over people (`findings.csv`), overall (`(alle)`)
# and per municipality; a claim is supported overall only when all its findings are
# (`claim_verdicts`). "Other" barriers are not part of the claim.
#
# The recommendations are the study's conclusions; here they are counted as *respondents
# voicing them* in the interviews. A recommendation that few people raised themselves can still
# be sound: read this verdict as "how many respondents asked for it", not as a test of the
# recommendation.

# %%
claims = claim_verdicts(findings)
claims = claims[claims["claim"].isin(["barriers", "recommendations"])]
display(claims[["claim", "claim_text", "findings", "supported", "verdict"]].reset_index(drop=True))

for claim in ("barriers", "recommendations"):
    rows = findings[findings["claim"] == claim]
    if rows.empty:
        print(f"No findings for the claim {claim} in this run.")
        continue
    display(Markdown(f"**{claim}**: {rows['claim_text'].iloc[0]}"))
    display(reviewing.findings_by_municipality(rows))
    display(rows.drop_duplicates("finding")[["finding", "rule"]].reset_index(drop=True))

# %% [markdown]
# ## Code saturation
#
# Did the interviews run out of new codes? For many random orders of the interviews
# (observations are not counted), how many new codes each added interview brings. The
# saturation point is the first position by which nearly all orders have seen their last new
# code; computed over all codes, and over the roles and barriers alone (rare codes such as a
# recommendation voiced once keep the full codebook from saturating).

# %%
if saturation.empty:
    print("No saturation table in this run (no coded interviews).")
else:
    sat = reviewing.numbers(
        saturation,
        [
            "position",
            "interviews",
            "mean_new_codes",
            "min_new_codes",
            "max_new_codes",
            "mean_codes_seen",
            "share_of_orders_saturated",
        ],
    )
    summary = sat.drop_duplicates(["codes", "scope"])[
        ["codes", "scope", "interviews", "orders", "saturation_point"]
    ].assign(
        saturation_point=lambda f: f["saturation_point"].replace("", "not reached"),
    )
    display(summary.reset_index(drop=True))
    print("Rule:", saturation["rule"].iloc[0])

# %% [markdown]
# The curves for all municipalities together: mean new codes per added interview (with the
# range over orders), codes seen so far, and the share of orders that have seen their last new
# code by that position.

# %%
if not saturation.empty:
    curve = sat[sat["scope"] == ALL].assign(
        new_codes=lambda f: (
            f["mean_new_codes"].map("{:.2f}".format)
            + " ("
            + f["min_new_codes"].astype(str)
            + "-"
            + f["max_new_codes"].astype(str)
            + ")"
        ),
        saturated=lambda f: reviewing.percent(f["share_of_orders_saturated"], 0),
        codes_seen=lambda f: f["mean_codes_seen"].round(1),
    )
    wide = curve.pivot(
        index="position", columns="codes", values=["new_codes", "codes_seen", "saturated"]
    )
    display(wide)
    reviewing.show_figure(FIGURES, "saturation")

# %% [markdown]
# ## Exemplar quotes for the barriers
#
# Chosen by the rule in the `rule` column of `quotes.csv` (the code and no other code of its
# group, 80-600 characters, at most one per person per municipality; `relaxed` when no segment
# fits) and pseudonymised. `doc_id` and `line` lead back to the transcript (for those allowed to
# see it).

# %%
QUOTE_COLUMNS = ["municipality", "rank", "doc_id", "line", "respondent", "source_type", "quote"]
for code in BARRIERS:
    chosen = quotes[quotes["code"] == code.id]
    display(Markdown(f"### {code.label} (`{code.id}`)\n\n{code.short}"))
    if chosen.empty:
        print("No quote for this code.")
        continue
    relaxed = int((chosen["rule"] != "strict").sum())
    display(chosen[QUOTE_COLUMNS].reset_index(drop=True))
    if relaxed:
        print(
            f"{relaxed} quote(s) chosen under the relaxed rule (no segment fitted the strict one)."
        )
