"""Second coding and inter-coder agreement.

A second coder's work is stored as copies of the transcripts in the native format, with that
coder's own markers and ``coder:`` in the front matter, in a folder laid out like a corpus
(default ``data/demo/_coder_b/<municipality>/<ID>.txt``). Each copy is matched to the primary
document by ``id``; its segments must have the same text as the primary's, so that the two
codings are compared segment by segment.

Agreement follows the codebook: each code is a separate binary variable per segment
(Krippendorff's alpha, nominal), plus the share of segments without any code per coder.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from wijkverbinders.codebook import Codebook
from wijkverbinders.errors import Problem
from wijkverbinders.transcript import Document


def match_problems(primary: Sequence[Document], second: Sequence[Document]) -> list[Problem]:
    """Problems that stop a second coding from being compared with the primary coding."""
    by_id = {d.id: d for d in primary}
    problems = []
    for copy in second:
        original = by_id.get(copy.id)
        if original is None:
            problems.append(
                Problem(
                    copy.path,
                    1,
                    f"second coding of id '{copy.id}', but no document in the "
                    "corpus has that id: use the primary document's id",
                )
            )
            continue
        if len(copy.segments) != len(original.segments):
            problems.append(
                Problem(
                    copy.path,
                    1,
                    f"{len(copy.segments)} segments, but {original.path} has "
                    f"{len(original.segments)}: the text must be the same as the primary",
                )
            )
            continue
        for mine, theirs in zip(copy.segments, original.segments, strict=True):
            if mine.text != theirs.text:
                problems.append(
                    Problem(
                        copy.path,
                        mine.line,
                        "segment text differs from "
                        f"{original.path}:{theirs.line}: change only the code markers",
                    )
                )
                break
        if copy.coder and copy.coder == original.coder:
            problems.append(
                Problem(
                    copy.path,
                    1,
                    f"coder '{copy.coder}' is also the primary coder: "
                    "set coder: to the second coder",
                )
            )
    return problems


def paired_codings(primary: Sequence[Document], second: Sequence[Document]) -> pd.DataFrame:
    """One row per segment of each double-coded document: both coders' codes side by side."""
    by_id = {d.id: d for d in primary}
    rows = []
    for copy in sorted(second, key=lambda d: d.id):
        original = by_id[copy.id]
        for mine, theirs in zip(copy.segments, original.segments, strict=True):
            rows.append(
                {
                    "doc_id": copy.id,
                    "segment_id": theirs.segment_id,
                    "municipality": original.municipality,
                    "line": theirs.line,
                    "coder_1": original.coder or "1",
                    "codes_1": ";".join(theirs.codes),
                    "coder_2": copy.coder or "2",
                    "codes_2": ";".join(mine.codes),
                    "synthetic": "yes" if original.synthetic and copy.synthetic else "no",
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "doc_id",
            "segment_id",
            "municipality",
            "line",
            "coder_1",
            "codes_1",
            "coder_2",
            "codes_2",
            "synthetic",
        ],
    )


def _alpha(first: np.ndarray, second: np.ndarray) -> float | None:
    """Nominal Krippendorff's alpha for two coders' binary decisions; None when undefined."""
    import krippendorff

    data = np.vstack([first, second]).astype(float)
    if len(np.unique(data)) < 2:
        return None  # every decision identical: alpha is undefined (no variation)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def agreement_table(pairs: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Per code: how often each coder used it, percent agreement and Krippendorff's alpha.

    A final row ``(geen code)`` compares the decision "this segment gets no code at all".
    """
    first_sets = [set(filter(None, c.split(";"))) for c in pairs["codes_1"]]
    second_sets = [set(filter(None, c.split(";"))) for c in pairs["codes_2"]]
    n = len(pairs)
    rows = []
    variables = [(code.id, code.group, code.label) for code in codebook.codes]
    variables.append(("(geen code)", "none", "Geen code"))
    for code, group, label in variables:
        if code == "(geen code)":
            a = np.array([not s for s in first_sets])
            b = np.array([not s for s in second_sets])
        else:
            a = np.array([code in s for s in first_sets])
            b = np.array([code in s for s in second_sets])
        alpha = _alpha(a, b) if n else None
        rows.append(
            {
                "code": code,
                "group": group,
                "label": label,
                "segments": n,
                "coder_1_segments": int(a.sum()),
                "coder_2_segments": int(b.sum()),
                "both": int((a & b).sum()),
                "percent_agreement": float((a == b).mean()) if n else np.nan,
                "krippendorff_alpha": alpha if alpha is not None else np.nan,
                "note": "" if alpha is not None else "alpha undefined: no variation",
            }
        )
    return pd.DataFrame(rows)
