"""Code saturation: how many new codes each added interview brings, over many random orders.

For one order of the interviews, the new codes at step k are the codes of the k-th interview
that none of the interviews before it had. Repeating this over many seeded random orders gives,
per position, the mean (and range) of new codes; an order is *saturated* at the position of its
last new code. The saturation point is the first position by which at least ``level`` (95%) of
the orders have seen every code they will ever see: after it, another interview adds no new
code in at least 95% of orders.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from wijkverbinders.model import combined_status
from wijkverbinders.tables import ALL

SEED = 20261203
ORDERS = 1000
LEVEL = 0.95
MAIN = "roles and barriers"
EVERY = "all codes"
SATURATION_COLUMNS = [
    "codes",
    "scope",
    "position",
    "interviews",
    "orders",
    "mean_new_codes",
    "min_new_codes",
    "max_new_codes",
    "mean_codes_seen",
    "share_of_orders_saturated",
    "saturation_point",
    "rule",
    "synthetic",
]


def new_codes_per_step(code_sets: Sequence[frozenset[str]]) -> list[int]:
    """New codes each interview adds, in the given order."""
    seen: set[str] = set()
    added = []
    for codes in code_sets:
        added.append(len(set(codes) - seen))
        seen |= set(codes)
    return added


def interview_code_sets(
    segments: pd.DataFrame, keep: Callable[[str], bool] | None = None
) -> dict[str, dict[str, frozenset[str]]]:
    """``{municipality: {doc_id: codes}}`` for the coded interviews (``ALL`` holds them all).

    ``keep`` selects the codes that count (default: all); an interview without any of them
    still counts (it adds no new code).
    """
    units = segments[
        (segments["coded"].astype(str) == "True") & (segments["source_type"] == "interview")
    ]
    by_document: dict[str, set[str]] = {}
    place: dict[str, str] = {}
    for doc_id, municipality, codes in zip(
        units["doc_id"], units["municipality"], units["codes"], strict=True
    ):
        found = by_document.setdefault(str(doc_id), set())
        place[str(doc_id)] = str(municipality)
        found |= {c for c in str(codes).split(";") if c and (keep is None or keep(c))}
    scopes: dict[str, dict[str, frozenset[str]]] = {ALL: {}}
    for doc_id in sorted(by_document):
        codes = frozenset(by_document[doc_id])
        scopes[ALL][doc_id] = codes
        scopes.setdefault(place[doc_id], {})[doc_id] = codes
    return scopes


def saturation_curve(
    code_sets: Mapping[str, frozenset[str]],
    *,
    orders: int = ORDERS,
    seed: int = SEED,
    level: float = LEVEL,
) -> tuple[pd.DataFrame, int | None]:
    """New codes per position over ``orders`` seeded random orders, and the saturation point.

    Returns:
        A table with one row per position (1 = the first interview) and the saturation point
        (the first position by which at least ``level`` of the orders have added their last
        new code), or ``None`` when it is not reached before the last interview (or there
        are no interviews).
    """
    ids = sorted(code_sets)
    if not ids:
        return pd.DataFrame(columns=SATURATION_COLUMNS[1:9]), None
    rng = np.random.default_rng(seed)
    steps = np.zeros((orders, len(ids)), dtype=int)
    for row in range(orders):
        order = rng.permutation(len(ids))
        steps[row] = new_codes_per_step([code_sets[ids[i]] for i in order])
    positions = np.arange(1, len(ids) + 1)
    # An order is saturated from the position of its last new code on.
    last_new = np.array([positions[r > 0].max() if (r > 0).any() else 0 for r in steps])
    saturated = np.array([(last_new <= p).mean() for p in positions])
    table = pd.DataFrame(
        {
            "position": positions,
            "interviews": len(ids),
            "orders": orders,
            "mean_new_codes": steps.mean(axis=0).round(4),
            "min_new_codes": steps.min(axis=0),
            "max_new_codes": steps.max(axis=0),
            "mean_codes_seen": steps.cumsum(axis=1).mean(axis=0).round(4),
            "share_of_orders_saturated": saturated.round(4),
        }
    )
    # Every order has seen all codes after the last interview: saturation *at* the last
    # interview means it was not reached within these interviews (unless there is just one).
    reached = positions[saturated >= level - 1e-12]
    point = int(reached[0]) if len(reached) else None
    return table, None if point == len(ids) and len(ids) > 1 else point


def saturation_table(
    segments: pd.DataFrame,
    *,
    main_codes: Sequence[str] = (),
    orders: int = ORDERS,
    seed: int = SEED,
    level: float = LEVEL,
) -> pd.DataFrame:
    """Saturation curves for all interviews (``(alle)``) and per municipality, in one table.

    Computed twice: over all codes (``codes`` = ``all codes``) and, when ``main_codes`` are
    given, over those alone (``roles and barriers``): rare codes such as a recommendation
    voiced once keep the full codebook from saturating long after the main codes have.
    """
    rule = (
        f"{orders} random orders (seed {seed}); saturated at the first position by which at "
        f"least {level:.0%} of orders have added their last new code (empty: not reached "
        "before the last interview)"
    )
    parts = []
    selections = [(EVERY, None)]
    if main_codes:
        selections.append((MAIN, set(main_codes).__contains__))
    scopes = [
        (name, scope, sets)
        for name, keep in selections
        for scope, sets in interview_code_sets(segments, keep).items()
    ]
    for name, scope, sets in scopes:
        table, point = saturation_curve(sets, orders=orders, seed=seed, level=level)
        if table.empty:
            continue
        flags = segments[segments["doc_id"].isin(list(sets))]["synthetic"]
        table.insert(0, "scope", scope)
        table.insert(0, "codes", name)
        table["saturation_point"] = pd.array([point] * len(table), dtype="Int64")
        table["rule"] = rule
        table["synthetic"] = combined_status(flags)
        parts.append(table)
    if not parts:
        return pd.DataFrame(columns=SATURATION_COLUMNS)
    return pd.concat(parts, ignore_index=True)[SATURATION_COLUMNS]
