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
from wijkverbinders.errors import InputError
from wijkverbinders.model import CodedDocument, combined_status, synthetic_status


def paired_codings(
    primary: Sequence[CodedDocument], second: Sequence[CodedDocument]
) -> pd.DataFrame:
    """One row per segment of each double-coded document: both coders' codes side by side.

    The second coder's copies must have the same text and segments as the primary (the study
    checks this before the pipeline runs; see :func:`wijkverbinders.corpus.study_problems`).
    """
    by_id = {d.id: d for d in primary}
    rows = []
    for copy in sorted(second, key=lambda d: d.id):
        original = by_id.get(copy.id)
        if original is None or [(s.start, s.end) for s in copy.segments] != [
            (s.start, s.end) for s in original.segments
        ]:
            raise InputError(
                f"{copy.document.source_path}: second coding does not match the primary "
                f"document '{copy.id}' (run: wijkverbinders validate)"
            )
        first_codes = original.codes_by_segment()
        second_codes = copy.codes_by_segment()
        for segment in original.segments:
            rows.append(
                {
                    "doc_id": copy.id,
                    "segment_id": segment.id,
                    "municipality": original.document.municipality,
                    "line": segment.line,
                    "coder_1": original.document.coder or "1",
                    "codes_1": ";".join(first_codes[segment.id]),
                    "coder_2": copy.document.coder or "2",
                    "codes_2": ";".join(second_codes[segment.id]),
                    "synthetic": synthetic_status(
                        [original.document.synthetic, copy.document.synthetic]
                    ),
                }
            )
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


PAIR_COLUMNS = [
    "doc_id",
    "segment_id",
    "municipality",
    "line",
    "coder_1",
    "codes_1",
    "coder_2",
    "codes_2",
    "synthetic",
]


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
                "synthetic": combined_status(pairs["synthetic"]),
            }
        )
    return pd.DataFrame(rows)
