"""Double coding and inter-coder agreement.

Independent codings are stored as copies of the transcripts in the native format, each with its
coder's own markers and ``coder:`` in the front matter, in folders laid out like a corpus (the
``second_coding:`` folders of the config). Copies are matched to the corpus by ``id``; their
segments must have the same text as the primary document's, so that codings are compared
segment by segment. For each double-coded document:

- one copy: the copy is compared with the primary document (a second coder against the first);
- two copies by different coders: the two copies are compared with each other. This is the
  layout after adjudication: the primary document holds the adjudicated coding, the copies keep
  what each coder decided independently, before they talked.

Agreement follows the codebook: each code is a separate binary variable per unit (nominal), at
two levels: per segment, and per document (is the code present anywhere in it). Per code the
table gives how often each coder used it, percent agreement, Cohen's kappa (scikit-learn) and
Krippendorff's alpha (the ``krippendorff`` package) with a percentile bootstrap interval over
units. Where a statistic is undefined (nobody used the code, or every unit has it for both
coders) the value is empty and the ``note`` says why.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd

from wijkverbinders.codebook import Codebook
from wijkverbinders.errors import InputError
from wijkverbinders.model import CodedDocument, combined_status, synthetic_status

NO_CODE = "(geen code)"
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 20260301
CONFIDENCE = 0.95

PAIR_COLUMNS = [
    "doc_id",
    "segment_id",
    "municipality",
    "source_type",
    "line",
    "coder_1",
    "codes_1",
    "coder_2",
    "codes_2",
    "synthetic",
]

AGREEMENT_COLUMNS = [
    "code",
    "group",
    "label",
    "level",
    "units",
    "coder_1",
    "coder_2",
    "coder_1_units",
    "coder_2_units",
    "both",
    "percent_agreement",
    "cohen_kappa",
    "krippendorff_alpha",
    "alpha_ci_low",
    "alpha_ci_high",
    "bootstrap_samples",
    "note",
    "synthetic",
]


def _same_segments(a: CodedDocument, b: CodedDocument) -> bool:
    return [(s.start, s.end) for s in a.segments] == [(s.start, s.end) for s in b.segments]


def coding_pairs(
    primary: Sequence[CodedDocument], copies: Sequence[CodedDocument]
) -> list[tuple[CodedDocument, CodedDocument]]:
    """The two independent codings to compare for each double-coded document, by id.

    Raises:
        InputError: a copy has no primary document, its segments differ, or a document has
            more than two copies (agreement here compares two coders).
    """
    by_id = {d.id: d for d in primary}
    grouped: dict[str, list[CodedDocument]] = defaultdict(list)
    for copy in copies:
        grouped[copy.id].append(copy)
    pairs = []
    for doc_id in sorted(grouped):
        group = sorted(grouped[doc_id], key=lambda d: (d.document.coder, d.document.source_path))
        original = by_id.get(doc_id)
        if original is None or not all(_same_segments(c, original) for c in group):
            bad = next(c for c in group if original is None or not _same_segments(c, original))
            raise InputError(
                f"{bad.document.source_path}: second coding does not match the primary "
                f"document '{doc_id}' (run: wijkverbinders validate)"
            )
        if len(group) > 2:
            raise InputError(
                f"{len(group)} codings of '{doc_id}' in the second-coding folders "
                f"({', '.join(c.document.source_path for c in group)}): agreement compares "
                "two coders; keep two copies"
            )
        pairs.append((group[0], group[1]) if len(group) == 2 else (original, group[0]))
    return pairs


def paired_codings(
    primary: Sequence[CodedDocument], copies: Sequence[CodedDocument]
) -> pd.DataFrame:
    """One row per segment of each double-coded document: both coders' codes side by side."""
    rows = []
    for first, second in coding_pairs(primary, copies):
        first_codes = first.codes_by_segment()
        second_codes = second.codes_by_segment()
        for segment in first.segments:
            rows.append(
                {
                    "doc_id": first.id,
                    "segment_id": segment.id,
                    "municipality": first.document.municipality,
                    "source_type": first.document.source_type,
                    "line": segment.line,
                    "coder_1": first.document.coder or "1",
                    "codes_1": ";".join(first_codes[segment.id]),
                    "coder_2": second.document.coder or "2",
                    "codes_2": ";".join(second_codes[segment.id]),
                    "synthetic": synthetic_status(
                        [first.document.synthetic, second.document.synthetic]
                    ),
                }
            )
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _code_sets(column: pd.Series) -> list[set[str]]:
    return [set(filter(None, str(c).split(";"))) for c in column.fillna("")]


def _alpha(first: np.ndarray, second: np.ndarray) -> float | None:
    """Nominal Krippendorff's alpha for two coders' binary decisions; None when undefined."""
    import krippendorff

    data = np.vstack([first, second]).astype(float)
    if len(np.unique(data)) < 2:
        return None  # one value everywhere: no variation, alpha is undefined
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def _kappa(first: np.ndarray, second: np.ndarray) -> float | None:
    """Cohen's kappa; None when undefined (both coders gave one and the same value throughout)."""
    from sklearn.metrics import cohen_kappa_score

    if len(np.unique(np.concatenate([first, second]))) < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value = cohen_kappa_score(first, second)
    return None if np.isnan(value) else float(value)


def _bootstrap(
    first: np.ndarray, second: np.ndarray, rng: np.random.Generator, samples: int
) -> tuple[float | None, float | None, int]:
    """Percentile interval of alpha over units resampled with replacement.

    Resamples in which alpha is undefined (no variation) are left out; the count of the
    resamples that were used is returned with the bounds.
    """
    n = len(first)
    values = []
    for _ in range(samples):
        index = rng.integers(0, n, n)
        value = _alpha(first[index], second[index])
        if value is not None:
            values.append(value)
    if len(values) < samples / 2:
        return None, None, len(values)
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high), len(values)


def _units(pairs: pd.DataFrame, level: str) -> tuple[list[set[str]], list[set[str]]]:
    first, second = _code_sets(pairs["codes_1"]), _code_sets(pairs["codes_2"])
    if level == "segment":
        return first, second
    if level != "document":
        raise ValueError(f"level must be 'segment' or 'document', not {level!r}")
    by_doc_1: dict[str, set[str]] = defaultdict(set)
    by_doc_2: dict[str, set[str]] = defaultdict(set)
    for doc_id, a, b in zip(pairs["doc_id"], first, second, strict=True):
        by_doc_1[doc_id] |= a
        by_doc_2[doc_id] |= b
    ids = sorted(set(pairs["doc_id"]))
    return [by_doc_1[i] for i in ids], [by_doc_2[i] for i in ids]


def agreement_table(
    pairs: pd.DataFrame,
    codebook: Codebook,
    *,
    level: str = "segment",
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> pd.DataFrame:
    """Per code: use by each coder, percent agreement, kappa, alpha and its bootstrap interval.

    Args:
        pairs: The output of :func:`paired_codings`.
        codebook: Gives the codes (all of them, used or not) and their groups and labels.
        level: ``segment`` (each segment a unit) or ``document`` (the code present anywhere in
            the document).
        samples: Bootstrap resamples for the interval of alpha (0: no interval).
        seed: Seed of the resampling, so that the table is the same on every run.

    A last row ``(geen code)`` compares the decision "this unit gets no code at all".
    """
    first_sets, second_sets = _units(pairs, level)
    n = len(first_sets)
    coder_1 = ";".join(sorted(set(pairs["coder_1"])))
    coder_2 = ";".join(sorted(set(pairs["coder_2"])))
    variables = [(code.id, code.group, code.label) for code in codebook.codes]
    variables.append((NO_CODE, "none", "Geen code"))
    rng = np.random.default_rng(seed)
    rows = []
    for code, group, label in variables:
        if code == NO_CODE:
            a = np.array([not s for s in first_sets], dtype=bool)
            b = np.array([not s for s in second_sets], dtype=bool)
        else:
            a = np.array([code in s for s in first_sets], dtype=bool)
            b = np.array([code in s for s in second_sets], dtype=bool)
        alpha = _alpha(a, b) if n else None
        kappa = _kappa(a, b) if n else None
        low = high = None
        used = 0
        if alpha is not None and samples:
            low, high, used = _bootstrap(a, b, rng, samples)
        if not n:
            note = "no double-coded units"
        elif not (a.any() or b.any()):
            note = "neither coder used this code: agreement is complete but carries no "
            note += "information; kappa and alpha undefined"
        elif a.all() and b.all():
            note = "both coders gave this code to every unit: kappa and alpha undefined"
        elif low is None and samples:
            note = f"interval undefined: only {used} of {samples} resamples vary"
        else:
            note = ""
        rows.append(
            {
                "code": code,
                "group": group,
                "label": label,
                "level": level,
                "units": n,
                "coder_1": coder_1,
                "coder_2": coder_2,
                "coder_1_units": int(a.sum()),
                "coder_2_units": int(b.sum()),
                "both": int((a & b).sum()),
                "percent_agreement": float((a == b).mean()) if n else np.nan,
                "cohen_kappa": np.nan if kappa is None else kappa,
                "krippendorff_alpha": np.nan if alpha is None else alpha,
                "alpha_ci_low": np.nan if low is None else low,
                "alpha_ci_high": np.nan if high is None else high,
                "bootstrap_samples": used,
                "note": note,
                "synthetic": combined_status(pairs["synthetic"]),
            }
        )
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def disagreements(pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per segment and code on which the two coders differ (the adjudication worklist)."""
    rows = []
    for row, a, b in zip(
        pairs.itertuples(index=False),
        _code_sets(pairs["codes_1"]),
        _code_sets(pairs["codes_2"]),
        strict=True,
    ):
        for code in sorted(a ^ b):
            rows.append(
                {
                    "doc_id": row.doc_id,
                    "segment_id": row.segment_id,
                    "line": row.line,
                    "code": code,
                    "coder_1": row.coder_1,
                    "coder_1_codes": row.codes_1,
                    "coder_2": row.coder_2,
                    "coder_2_codes": row.codes_2,
                    "given_by": row.coder_1 if code in a else row.coder_2,
                    "synthetic": row.synthetic,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "doc_id",
            "segment_id",
            "line",
            "code",
            "coder_1",
            "coder_1_codes",
            "coder_2",
            "coder_2_codes",
            "given_by",
            "synthetic",
        ],
    )


RESOLUTIONS = ("keep", "drop")
ADJUDICATED = "adjudicated"


def adjudicate(
    primary: Sequence[CodedDocument],
    copies: Sequence[CodedDocument],
    log: pd.DataFrame,
    *,
    where: str = "adjudication log",
) -> list[CodedDocument]:
    """Apply an adjudication log to two independent codings: the final coding per document.

    A code that both coders gave stays; a code that neither gave stays out; every code on which
    they differ must have exactly one row in ``log`` (columns ``doc_id``, ``segment_id``,
    ``code``, ``resolution`` = keep or drop, ``reason``), as listed by :func:`disagreements`.

    Returns:
        The first coder's documents with the final codings, coder ``adjudicated``.

    Raises:
        InputError: Naming the log row (file line) or the disagreement that is missing, doubled,
            unknown or without a resolution and a reason.
    """
    from dataclasses import replace

    from wijkverbinders.model import Coding

    needed = {"doc_id", "segment_id", "code", "resolution", "reason"}
    missing = sorted(needed - set(log.columns))
    if missing:
        raise InputError(f"{where}: missing column(s) {', '.join(missing)}")
    decisions: dict[tuple[str, str, str], str] = {}
    problems = []
    for number, row in enumerate(log.fillna("").itertuples(index=False), start=2):
        key = (str(row.doc_id), str(row.segment_id), str(row.code))
        resolution = str(row.resolution).strip().lower()
        if key in decisions:
            problems.append(f"{where}:{number}: {key[1]} {key[2]} is decided twice")
        elif resolution not in RESOLUTIONS:
            problems.append(
                f"{where}:{number}: resolution must be keep or drop, not '{row.resolution}'"
            )
        elif not str(row.reason).strip():
            problems.append(f"{where}:{number}: give the reason for the decision")
        decisions[key] = resolution
    final = []
    used: set[tuple[str, str, str]] = set()
    for first, second in coding_pairs(primary, copies):
        first_codes, second_codes = first.codes_by_segment(), second.codes_by_segment()
        codings = []
        for segment in first.segments:
            a, b = set(first_codes[segment.id]), set(second_codes[segment.id])
            keep = a & b
            for code in sorted(a ^ b):
                key = (first.id, segment.id, code)
                used.add(key)
                if key not in decisions:
                    problems.append(
                        f"{where}: no decision for {segment.id} (line {segment.line}) {code}, "
                        f"given by {first.document.coder if code in a else second.document.coder}"
                    )
                elif decisions[key] == "keep":
                    keep.add(code)
            order = [c for c in (*first_codes[segment.id], *second_codes[segment.id]) if c in keep]
            codings += [
                Coding(first.id, segment.start, segment.end, code, ADJUDICATED)
                for code in dict.fromkeys(order)
            ]
        document = replace(first.document, coder=ADJUDICATED)
        counts = {
            "markers": len({c.start for c in codings}),
            "codings": len(codings),
        }
        final.append(
            replace(first, document=document, codings=tuple(codings), source_counts=counts)
        )
    for number, row in enumerate(log.itertuples(index=False), start=2):
        key = (str(row.doc_id), str(row.segment_id), str(row.code))
        if key not in used:
            problems.append(
                f"{where}:{number}: {key[1]} {key[2]} is not a disagreement between the coders"
            )
    if problems:
        raise InputError("the adjudication log does not fit the codings:\n" + "\n".join(problems))
    return final
