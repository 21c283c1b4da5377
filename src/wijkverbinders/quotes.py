"""Exemplar quotes per code and municipality, chosen by a stated rule and pseudonymised.

The rule (:data:`RULE`), applied to the human-coded segments of the corpus:

1. the segment carries the code, and no other code of the same group (a clear example);
2. it is 80 to 600 characters long (a quote a reader can take in);
3. fewest codes overall first, then the shortest, then the segment id (deterministic);
4. at most one quote per respondent in a cell, so that one talkative person does not speak for
   a municipality.

A cell without a segment that passes 1 and 2 takes the best of all segments with the code, and
says so (``rule`` = ``relaxed``). Every quote is pseudonymised (:mod:`wijkverbinders.pseudonymise`)
with what deduce finds in the whole document it comes from, so the same person has the same
pseudonym in every quote of that document.
"""

from __future__ import annotations

import pandas as pd

from wijkverbinders.codebook import Codebook
from wijkverbinders.model import combined_status
from wijkverbinders.pseudonymise import Pseudonymiser

MIN_CHARS, MAX_CHARS = 80, 600
PER_CELL = 2
RULE = (
    "segments with the code and no other code of its group, 80-600 characters; fewest codes, "
    "then shortest, then segment id; at most one per respondent"
)
QUOTE_COLUMNS = [
    "code",
    "label",
    "municipality",
    "rank",
    "doc_id",
    "segment_id",
    "respondent",
    "source_type",
    "line",
    "quote",
    "rule",
    "synthetic",
]


def _codes(value: object) -> list[str]:
    return [c for c in str(value).split(";") if c] if isinstance(value, str) else []


def choose(segments: pd.DataFrame, codebook: Codebook, *, per_cell: int = PER_CELL) -> pd.DataFrame:
    """The chosen segments (unpseudonymised), one row per quote, with ``rank`` and ``rule``.

    Args:
        segments: The restricted segments table (``text`` and ``codes`` columns).
        codebook: For the code groups and labels.
        per_cell: Quotes per code and municipality.
    """
    group_of = {c.id: c.group for c in codebook.codes}
    frame = segments[segments["coded"].astype(str) == "True"].copy()
    frame["code_list"] = frame["codes"].map(_codes)
    frame["length"] = frame["text"].astype(str).str.len()
    rows = []
    for code in codebook.ids:
        carrying = frame[frame["code_list"].map(lambda cs, c=code: c in cs)]
        for municipality, cell in carrying.groupby("municipality", sort=True):
            clear = cell["code_list"].map(
                lambda cs, c=code: sum(group_of.get(x) == group_of[c] for x in cs) == 1
            )
            fits = cell["length"].between(MIN_CHARS, MAX_CHARS)
            strict = cell[clear & fits]
            pool, rule = (strict, "strict") if len(strict) else (cell, "relaxed")
            pool = pool.assign(n_codes=pool["code_list"].map(len)).sort_values(
                ["n_codes", "length", "segment_id"], kind="stable"
            )
            seen: set[str] = set()
            for row in pool.itertuples():
                if row.respondent in seen:
                    continue
                seen.add(row.respondent)
                rows.append(
                    {
                        "code": code,
                        "label": codebook.label(code),
                        "municipality": municipality,
                        "rank": len(seen),
                        "doc_id": row.doc_id,
                        "segment_id": row.segment_id,
                        "respondent": row.respondent,
                        "source_type": row.source_type,
                        "line": row.line,
                        "quote": row.text,
                        "rule": rule,
                        "synthetic": row.synthetic,
                    }
                )
                if len(seen) == per_cell:
                    break
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def exemplar_quotes(
    segments: pd.DataFrame,
    codebook: Codebook,
    pseudonymiser: Pseudonymiser,
    *,
    per_cell: int = PER_CELL,
) -> pd.DataFrame:
    """The quotes table (``results/tables/quotes.csv``): chosen by :data:`RULE`, pseudonymised."""
    chosen = choose(segments, codebook, per_cell=per_cell)
    texts = segments.groupby("doc_id", sort=True)["text"].apply(lambda t: "\n\n".join(map(str, t)))
    for doc_id in sorted(chosen["doc_id"].unique()):
        pseudonymiser.learn([texts[doc_id]])
    # In text order within each document, so that pseudonyms are numbered as people appear.
    for index in chosen.sort_values(["doc_id", "segment_id"], kind="stable").index:
        chosen.at[index, "quote"] = pseudonymiser.replace(
            str(chosen.at[index, "quote"]), document=str(chosen.at[index, "doc_id"])
        )
    return chosen


def pseudonymisation_counts(pseudonymiser: Pseudonymiser, statuses) -> pd.DataFrame:
    """Spans replaced per kind in this run (``results/tables/pseudonymisation.csv``)."""
    kinds = ["PERSOON", "LOCATIE", "NAAM", "TELEFOONNUMMER", "EMAIL", "URL", "ID"]
    return pd.DataFrame(
        {
            "kind": kinds,
            "replaced": [pseudonymiser.counts.get(k, 0) for k in kinds],
            "synthetic": combined_status(statuses),
        }
    )


__all__ = ["QUOTE_COLUMNS", "RULE", "choose", "exemplar_quotes", "pseudonymisation_counts"]
