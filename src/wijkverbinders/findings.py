"""The study's claims checked against the coded data, and interviews against observations.

Every claim of the study (the four roles, the fixer, the three barriers, the four
recommendations) becomes one or more *findings*: an indicator counted over the people in the
coded documents, per municipality and overall, with a verdict and the rule that gave it.

The unit is the respondent (a person, by pseudonym): in field notes the observed wijkverbinder,
so interviews and observations of the same person count once. Only coded documents count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from wijkverbinders.codebook import Codebook
from wijkverbinders.model import combined_status
from wijkverbinders.tables import ALL

SUPPORTED = "supported"
PARTLY = "partly supported"
NOT_SUPPORTED = "not supported"
NO_DATA = "no data"
FIXER = "role_fixer"
# The four roles the study names; the fixer is what they often do instead.
ROLES = ("role_informing", "role_agenda_setting", "role_exploring", "role_facilitating")


@dataclass(frozen=True)
class Thresholds:
    """Shares of respondents above which a claim counts as supported or partly supported."""

    supported: float = 0.5
    partly: float = 0.25

    def __post_init__(self) -> None:
        if not 0 < self.partly <= self.supported <= 1:
            raise ValueError(
                f"findings thresholds: need 0 < partly ({self.partly}) <= supported "
                f"({self.supported}) <= 1"
            )

    def verdict(self, count: int, total: int) -> str:
        if total == 0:
            return NO_DATA
        share = count / total
        if share >= self.supported:
            return SUPPORTED
        if share >= self.partly:
            return PARTLY
        return NOT_SUPPORTED

    def rule(self, what: str) -> str:
        return (
            f"{SUPPORTED} when at least {self.supported:.0%} of respondents {what}; "
            f"{PARTLY} when at least {self.partly:.0%}; otherwise {NOT_SUPPORTED}"
        )


@dataclass(frozen=True)
class Claim:
    """A claim of the study and the findings that test it."""

    id: str
    text: str


CLAIMS = (
    Claim(
        "four_roles",
        "Wijkverbinders enact four roles: informing, putting problems on the "
        "agenda, exploring initiatives and plans, facilitating conversations.",
    ),
    Claim("fixer", "In practice wijkverbinders often get no further than the role of fixer."),
    Claim(
        "barriers", "Three barriers stand in their way: positional, relational and communicative."
    ),
    Claim(
        "recommendations",
        "Four recommendations: a transition manager, better internal "
        "communication, a documented role, a fitting position in the organisation.",
    ),
)

FINDING_COLUMNS = [
    "claim",
    "claim_text",
    "finding",
    "indicator",
    "municipality",
    "respondents",
    "respondents_total",
    "share",
    "value",
    "verdict",
    "rule",
    "synthetic",
]


def respondent_code_counts(segments: pd.DataFrame) -> pd.DataFrame:
    """Per respondent (rows, with ``municipality``): how many coded segments carry each code.

    Only segments of coded documents count. A respondent seen in two municipalities (which the
    input checks do not forbid) is counted in each.
    """
    units = segments[segments["coded"].astype(str) == "True"]
    rows: dict[tuple[str, str], dict[str, int]] = {}
    flags: dict[tuple[str, str], list[str]] = {}
    for municipality, respondent, codes, flag in zip(
        units["municipality"],
        units["respondent"],
        units["codes"],
        units["synthetic"],
        strict=True,
    ):
        key = (str(municipality), str(respondent))
        counts = rows.setdefault(key, {})
        flags.setdefault(key, []).append(str(flag))
        for code in str(codes).split(";") if isinstance(codes, str) else ():
            if code:
                counts[code] = counts.get(code, 0) + 1
    frame = pd.DataFrame.from_dict(rows, orient="index").fillna(0).astype(int)
    frame.index = pd.MultiIndex.from_tuples(frame.index, names=["municipality", "respondent"])
    frame["synthetic"] = [combined_status(flags[key]) for key in frame.index]
    return frame.sort_index()


def _fixer_dominant(counts: pd.DataFrame) -> pd.Series:
    """Respondents whose fixer segments outnumber the segments of each of the four roles."""
    fixer = counts[FIXER] if FIXER in counts else pd.Series(0, index=counts.index)
    roles = counts[[r for r in ROLES if r in counts]]
    most = roles.max(axis=1) if len(roles.columns) else pd.Series(0, index=counts.index)
    return (fixer > 0) & (fixer > most)


def _indicators(codebook: Codebook) -> list[tuple[str, str, str, str]]:
    """``(claim, finding, indicator, what)`` for every finding, in report order."""
    labels = {code.id: code.label for code in codebook.codes}
    found = []
    for role in ROLES:
        if role in labels:
            found.append(
                (
                    "four_roles",
                    role,
                    f"respondents enacting {labels[role]}",
                    f"enact {labels[role]} at least once",
                )
            )
    if FIXER in labels:
        found.append(
            (
                "fixer",
                "fixer_dominant",
                "respondents whose fixer segments outnumber those of each of the four roles",
                "are coded fixer more often than any of the four roles",
            )
        )
    for code in codebook.in_group("barrier"):
        if code.id != "barrier_other":
            found.append(
                (
                    "barriers",
                    code.id,
                    f"respondents meeting a {code.label.lower()}",
                    f"meet a {code.label.lower()} at least once",
                )
            )
    for code in codebook.in_group("recommendation"):
        found.append(
            (
                "recommendations",
                code.id,
                f"respondents voicing '{code.label}'",
                f"voice '{code.label}' at least once",
            )
        )
    return found


def findings(
    segments: pd.DataFrame, codebook: Codebook, thresholds: Thresholds | None = None
) -> pd.DataFrame:
    """The findings table: each claim's indicators per municipality and overall, with verdicts.

    Args:
        segments: The shareable segments table (``doc_id``, ``municipality``, ``respondent``,
            ``codes``, ``coded``, ``synthetic``).
        codebook: The codebook (labels; which barriers and recommendations there are).
        thresholds: The verdict rule (default: supported from 50%, partly from 25%).

    Returns:
        One row per finding and municipality (``(alle)`` first), columns
        :data:`FINDING_COLUMNS`. ``value`` reads "x of n respondents (s%)".
    """
    thresholds = thresholds or Thresholds()
    counts = respondent_code_counts(segments)
    claims = {claim.id: claim.text for claim in CLAIMS}
    municipalities = [ALL, *sorted(counts.index.get_level_values("municipality").unique())]
    rows = []
    for claim, finding, indicator, what in _indicators(codebook):
        if finding == "fixer_dominant":
            meets = _fixer_dominant(counts)
        else:
            column = counts[finding] if finding in counts else pd.Series(0, index=counts.index)
            meets = column > 0
        for municipality in municipalities:
            if municipality == ALL:
                scope = meets
                flags = counts["synthetic"] if len(counts) else []
            else:
                scope = meets.xs(municipality, level="municipality")
                flags = counts.xs(municipality, level="municipality")["synthetic"]
            # A respondent in two municipalities is one person overall.
            people = scope.groupby(level="respondent").any() if municipality == ALL else scope
            count, total = int(people.sum()), int(len(people))
            share = round(count / total, 4) if total else 0.0
            rows.append(
                {
                    "claim": claim,
                    "claim_text": claims[claim],
                    "finding": finding,
                    "indicator": indicator,
                    "municipality": municipality,
                    "respondents": count,
                    "respondents_total": total,
                    "share": share,
                    "value": f"{count} of {total} respondents ({share:.0%})",
                    "verdict": thresholds.verdict(count, total),
                    "rule": thresholds.rule(what),
                    "synthetic": combined_status(flags),
                }
            )
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def claim_verdicts(table: pd.DataFrame) -> pd.DataFrame:
    """One verdict per claim (overall): supported only when all its findings are.

    A claim is ``supported`` when every finding under it is supported overall, ``not
    supported`` when none is at least partly supported, and ``partly supported`` otherwise.
    """
    overall = table[table["municipality"] == ALL]
    rows = []
    for claim, group in overall.groupby("claim", sort=False):
        verdicts = list(group["verdict"])
        if all(v == SUPPORTED for v in verdicts):
            verdict = SUPPORTED
        elif all(v in (NOT_SUPPORTED, NO_DATA) for v in verdicts):
            verdict = NO_DATA if all(v == NO_DATA for v in verdicts) else NOT_SUPPORTED
        else:
            verdict = PARTLY
        rows.append(
            {
                "claim": claim,
                "claim_text": group["claim_text"].iloc[0],
                "findings": len(verdicts),
                "supported": verdicts.count(SUPPORTED),
                "verdict": verdict,
                "rule": "supported when all its findings are supported; not supported when "
                "none is at least partly supported; otherwise partly supported",
            }
        )
    return pd.DataFrame(rows)


TRIANGULATION_COLUMNS = [
    "municipality",
    "group",
    "code",
    "label",
    "interview_segments",
    "interview_share",
    "interview_respondents",
    "observation_segments",
    "observation_share",
    "observation_respondents",
    "difference",
    "direction",
    "synthetic",
]
INTERVIEW, OBSERVATION = "interview", "observation"


def triangulation(
    by_municipality_and_source: pd.DataFrame,
    by_source: pd.DataFrame,
    *,
    margin: float = 0.05,
) -> pd.DataFrame:
    """Interviews against observations per code, per municipality and overall.

    Args:
        by_municipality_and_source: The ``code_by_municipality_and_source_type`` table.
        by_source: The ``code_by_source_type`` table (the overall ``(alle)`` rows).
        margin: Share difference (observation minus interview, in shares of coded segments)
            below which the two sources count as agreeing.

    Returns:
        Columns :data:`TRIANGULATION_COLUMNS`; ``direction`` is ``more in observations``,
        ``more in interviews``, ``agree`` or ``one source only`` (when a municipality has
        only interviews or only observations).
    """
    overall = by_source.assign(municipality=ALL)
    table = pd.concat([overall, by_municipality_and_source], ignore_index=True)
    keys = ["municipality", "group", "code", "label"]
    wide = {}
    for source in (INTERVIEW, OBSERVATION):
        part = table[table["source_type"] == source].set_index(keys)
        wide[source] = part
    index = table.drop_duplicates(keys).set_index(keys).index
    rows = []
    for key in index:
        row = dict(zip(keys, key, strict=True))
        present = []
        for source in (INTERVIEW, OBSERVATION):
            part = wide[source]
            if key in part.index:
                found = part.loc[key]
                row[f"{source}_segments"] = int(found["segments"])
                row[f"{source}_share"] = round(float(found["share_of_coded_segments"]), 4)
                row[f"{source}_respondents"] = int(found["respondents"])
                present.append(str(found["synthetic"]))
            else:
                row[f"{source}_segments"] = 0
                row[f"{source}_share"] = None
                row[f"{source}_respondents"] = 0
        if row["interview_share"] is None or row["observation_share"] is None:
            row["difference"] = None
            row["direction"] = "one source only"
        else:
            difference = round(row["observation_share"] - row["interview_share"], 4)
            row["difference"] = difference
            row["direction"] = (
                "more in observations"
                if difference >= margin
                else "more in interviews"
                if difference <= -margin
                else "agree"
            )
        row["synthetic"] = combined_status(present)
        rows.append(row)
    result = pd.DataFrame(rows, columns=TRIANGULATION_COLUMNS)
    order = {m: i for i, m in enumerate([ALL, *sorted(set(result["municipality"]) - {ALL})])}
    result["_order"] = result["municipality"].map(order)
    return result.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def fixer_contrast(triangulation_table: pd.DataFrame) -> pd.DataFrame:
    """The fixer rows of the triangulation: do observations show more fixing than interviews?"""
    rows = triangulation_table[triangulation_table["code"] == FIXER]
    return rows.reset_index(drop=True)


def summary_counts(values: Sequence[str]) -> dict[str, int]:
    """How many of each verdict, in a fixed order (for a one-line summary)."""
    order = (SUPPORTED, PARTLY, NOT_SUPPORTED, NO_DATA)
    return {verdict: list(values).count(verdict) for verdict in order}
