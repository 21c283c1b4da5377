"""Print how well the tagger's suggestions match the human codes (coded documents only).

Reads the pipeline's outputs; run `make run` first. Usage:

    .venv/bin/python tools/tagger_scores.py [results]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd


def main() -> None:
    results = Path(sys.argv[1] if len(sys.argv) > 1 else "results")
    segments = pd.read_csv(results / "restricted" / "segments.csv", keep_default_na=False)
    suggestions = pd.read_csv(results / "tables" / "suggestions.csv", keep_default_na=False)
    coded = segments[segments["coded"].astype(str) == "True"]
    human = {(r.segment_id, c) for r in coded.itertuples() for c in r.codes.split(";") if c}
    in_scope = set(coded["segment_id"])
    predicted = {
        (r.segment_id, r.code) for r in suggestions.itertuples() if r.segment_id in in_scope
    }
    rows = []
    for code in sorted({c for _, c in human | predicted}):
        h = {s for s, c in human if c == code}
        p = {s for s, c in predicted if c == code}
        rows.append(
            {
                "code": code,
                "human": len(h),
                "suggested": len(p),
                "precision": len(h & p) / len(p) if p else float("nan"),
                "recall": len(h & p) / len(h) if h else float("nan"),
            }
        )
    print(pd.DataFrame(rows).to_string(index=False, float_format="%.3f"))
    hits = len(human & predicted)
    print(
        f"micro: precision {hits / max(len(predicted), 1):.3f}, "
        f"recall {hits / max(len(human), 1):.3f} "
        f"({len(predicted)} suggestions, {len(human)} human codings, {len(in_scope)} segments)"
    )


if __name__ == "__main__":
    main()
