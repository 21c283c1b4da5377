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
# # 02 · Role enactment and the fixer
#
# How the wijkverbinders enact the four roles (informing, agenda setting, exploring,
# facilitating conversations) per municipality; the study's claims `four_roles` and `fixer`
# with their verdicts; interviews against observations (do the field notes show more fixing
# than the interviews claim?); and exemplar quotes for each role code.
#
# **Reads** (shareable pipeline outputs only): `results/tables/segments.csv`,
# `code_by_municipality.csv`, `code_by_source_type.csv`,
# `code_by_municipality_and_source_type.csv`, `findings.csv`, `triangulation.csv`,
# `quotes.csv` (pseudonymised), the figures `roles_by_municipality`,
# `municipality_by_source_type` and `interview_vs_observation` (`results/figures/*.png`), and
# the codebook (`data/codebook.yaml`).
#
# Shares are *shares of coded segments* (segments with at least one code) of coded documents;
# respondents are people, by pseudonym. The line below says whether the numbers come from
# synthetic data.

# %%

import pandas as pd
from IPython.display import Markdown, display

from wijkverbinders import reviewing
from wijkverbinders.findings import claim_verdicts, fixer_contrast
from wijkverbinders.tables import ALL

NOTEBOOK = "02_roles_and_fixer"
pd.set_option("display.max_rows", 500)
pd.set_option("display.max_colwidth", None)


INPUT, codebook, tables = reviewing.open_inputs(NOTEBOOK, globals().get("snakemake"))
segments = tables["segments"]
by_municipality = tables["code_by_municipality"]
by_source_type = tables["code_by_source_type"]
by_municipality_and_source = tables["code_by_municipality_and_source_type"]
findings = tables["findings"]
triangulation = tables["triangulation"]
quotes = tables["quotes"]
FIGURES = reviewing.figure_paths(INPUT)

status = reviewing.status_of(tables.values())
display(Markdown(reviewing.banner(status)))


# %%


ROLE_IDS = [code.id for code in codebook.in_group("role")]
municipalities = sorted(by_municipality["municipality"].unique())

# %% [markdown]
# ## Roles per municipality
#
# Share of each municipality's coded segments that carry the role, and how many of its people
# show the role at least once (interviews and observations together). The fixer is coded as a
# role of its own: what the wijkverbinders end up doing instead of the four roles.

# %%
roles = by_municipality[by_municipality["group"] == "role"]
share_table = roles.assign(share=reviewing.percent(roles["share_of_coded_segments"])).pivot(
    index="label", columns="municipality", values="share"
)
people_table = roles.assign(people=roles["respondents"] + "/" + roles["respondents_total"]).pivot(
    index="label", columns="municipality", values="people"
)
labels = [codebook.label(code) for code in ROLE_IDS]
display(Markdown("**Share of coded segments**"))
display(share_table.reindex(index=labels))
display(Markdown("**People showing the role at least once** (of all people in the municipality)"))
display(people_table.reindex(index=labels))
reviewing.show_figure(FIGURES, "roles_by_municipality")

# %% [markdown]
# ## The claims: four roles, and the fixer
#
# Each claim is tested by findings counted over people; `findings.csv` holds the verdict per
# finding, overall (`(alle)`) and per municipality. A claim is supported overall only when all
# its findings are (`claim_verdicts`).

# %%
claims = claim_verdicts(findings)
claims = claims[claims["claim"].isin(["four_roles", "fixer"])]
display(claims[["claim", "claim_text", "findings", "supported", "verdict"]].reset_index(drop=True))

for claim in ("four_roles", "fixer"):
    rows = findings[findings["claim"] == claim]
    if rows.empty:
        print(f"No findings for the claim {claim} in this run.")
        continue
    display(Markdown(f"**{claim}**: {rows['claim_text'].iloc[0]}"))
    display(reviewing.findings_by_municipality(rows))
    rules = rows.drop_duplicates("finding")[["finding", "rule"]].reset_index(drop=True)
    display(rules)

# %% [markdown]
# ## Interviews against observations: do the field notes show more fixing?
#
# The interviews are what the wijkverbinders *say* they do; the field notes what an observer
# *saw*. Per municipality the fixer's share of coded segments in each source, and the
# difference (observation minus interview, in percentage points). `direction` applies the
# margin set in `config.yaml` (`findings: triangulation_margin`).

# %%
fixer = reviewing.numbers(
    fixer_contrast(triangulation),
    ["interview_share", "observation_share", "difference"],
)
bases = (
    by_municipality_and_source.drop_duplicates(["municipality", "source_type"])
    .pivot(index="municipality", columns="source_type", values="coded_segments")
    .reindex(columns=["interview", "observation"])
    .add_suffix("_coded_segments")
)
overall_bases = by_source_type.drop_duplicates("source_type").set_index("source_type")
bases.loc[ALL] = overall_bases["coded_segments"].add_suffix("_coded_segments")
fixer = fixer.merge(bases, left_on="municipality", right_index=True, how="left")
fixer_view = pd.DataFrame(
    {
        "municipality": fixer["municipality"],
        "interview: fixer / coded segments": fixer["interview_segments"]
        + " / "
        + fixer["interview_coded_segments"].fillna("?"),
        "interview share": reviewing.percent(fixer["interview_share"]),
        "observation: fixer / coded segments": fixer["observation_segments"]
        + " / "
        + fixer["observation_coded_segments"].fillna("?"),
        "observation share": reviewing.percent(fixer["observation_share"]),
        "difference (points)": (fixer["difference"] * 100).round(1),
        "direction": fixer["direction"],
        "people interviewed / observed with fixing": fixer["interview_respondents"]
        + " / "
        + fixer["observation_respondents"],
    }
)
display(fixer_view.reset_index(drop=True))

# %%
local = fixer[fixer["municipality"] != ALL]
overall = fixer[fixer["municipality"] == ALL]
named = {
    direction: local[local["direction"] == direction]["municipality"].tolist()
    for direction in ("more in observations", "more in interviews", "agree", "one source only")
}
more = named["more in observations"]
lines = [
    f"Observations show **more fixing** than the interviews in **{len(more)} of {len(local)}** "
    f"municipalities ({', '.join(more) or 'none'})"
    + "".join(
        f"; {what} in {', '.join(named[direction])}"
        for direction, what in (
            ("more in interviews", "less"),
            ("agree", "about as much"),
            ("one source only", "no comparison (one source only)"),
        )
        if named[direction]
    )
    + "."
]
if len(overall) and overall.iloc[0]["direction"] != "one source only":
    o = overall.iloc[0]
    lines.append(
        f"Overall: {o['interview_share']:.1%} of coded interview segments against "
        f"{o['observation_share']:.1%} of coded observation segments "
        f"({o['difference'] * 100:+.1f} points, {o['direction']})."
    )
observations = segments[segments["source_type"] == "observation"]
if observations.empty:
    lines.append("There are no field notes in this run: the comparison needs observations.")
else:
    observed = observations.groupby("municipality").agg(
        documents=("doc_id", "nunique"),
        people=("respondent", lambda r: ", ".join(sorted(set(r)))),
    )
    lines.append(
        "Read with care: each observation share rests on the coded segments of a few field "
        "notes (their number is in the table above), and only these people were observed: "
        + "; ".join(
            f"{m}: {int(r.documents)} field notes of {r.people}" for m, r in observed.iterrows()
        )
        + ". The interview shares cover everyone interviewed."
    )
display(Markdown("\n\n".join(lines)))
reviewing.show_figure(FIGURES, "municipality_by_source_type")

# %% [markdown]
# ### All roles: interviews against observations
#
# The same comparison for every role; the difference in percentage points (observation minus
# interview), overall and per municipality. Empty: one of the two sources is missing.

# %%
role_rows = reviewing.numbers(
    triangulation[triangulation["code"].isin(ROLE_IDS)], ["difference", "interview_share"]
)
difference = role_rows.assign(points=(role_rows["difference"] * 100).round(1)).pivot(
    index="label", columns="municipality", values="points"
)
direction = role_rows.pivot(index="label", columns="municipality", values="direction")
columns = [ALL, *municipalities]
display(Markdown("**Difference, observation minus interview (percentage points)**"))
display(difference.reindex(index=labels, columns=columns))
display(Markdown("**Direction**"))
display(direction.reindex(index=labels, columns=columns))
reviewing.show_figure(FIGURES, "interview_vs_observation")

# %% [markdown]
# ## Exemplar quotes for the roles
#
# Chosen by the rule in the `rule` column of `quotes.csv` (the code and no other code of its
# group, 80-600 characters, at most one per person per municipality; `relaxed` when no segment
# fits) and pseudonymised. `doc_id` and `line` lead back to the transcript (for those allowed to
# see it).

# %%
QUOTE_COLUMNS = ["municipality", "rank", "doc_id", "line", "respondent", "source_type", "quote"]
for code in codebook.in_group("role"):
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
