"""Descriptive statistics of a corpus: words, segments, codes, label words and templating.

Used by ``wijkverbinders corpus-stats``, by the demo corpus datasheet and by its tests.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

import pandas as pd

from wijkverbinders.model import CodedDocument as Document

_WORD = re.compile(r"\w+(?:['’-]\w+)*")

# The stem of each code's own label word (informeren, agenderen, verkennen, faciliteren, fixer,
# positie, relatie, communicatie). Broad on purpose: "informatie" counts for informeren.
LABEL_STEMS = {
    "role_informing": "inform",
    "role_agenda_setting": "agend",
    "role_exploring": "verken",
    "role_facilitating": "facilit",
    "role_fixer": "fix",
    "barrier_positional": "positi",
    "barrier_relational": "relati",
    "barrier_communicative": "communic",
}


def words(text: str) -> list[str]:
    """Lower-case word tokens."""
    return [w.lower() for w in _WORD.findall(text)]


def document_words(document: Document) -> list[str]:
    """All words of a document's turns and paragraphs, without speaker labels or timestamps."""
    parts = sorted([*document.segments, *document.context], key=lambda s: s.start)
    return [w for part in parts for w in words(document.segment_text(part))]


def has_own_label_word(text: str, codes: Sequence[str]) -> bool:
    """Whether a segment's text contains the label-word stem of one of its own codes."""
    lowered = text.lower()
    return any(LABEL_STEMS[c] in lowered for c in codes if c in LABEL_STEMS)


def label_word_share(documents: Sequence[Document]) -> tuple[int, int]:
    """(coded segments containing one of their own codes' label words, coded segments)."""
    coded = [
        (d.segment_text(s), codes)
        for d in documents
        for s in d.segments
        if (codes := d.codes_by_segment()[s.id])
    ]
    return sum(has_own_label_word(text, codes) for text, codes in coded), len(coded)


def repeated_ngram_share(documents: Sequence[Document], n: int = 8) -> dict[str, float]:
    """Per document, the share of n-word positions whose n-gram also occurs in another document.

    A high share is a sign of templated text. The key ``"(alle)"`` holds the corpus-wide share.
    """
    grams: dict[str, list[tuple[str, ...]]] = {}
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for document in documents:
        tokens = document_words(document)
        grams[document.id] = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        for gram in grams[document.id]:
            owners[gram].add(document.id)
    shares = {}
    repeated_total = positions_total = 0
    for doc_id, doc_grams in grams.items():
        repeated = sum(len(owners[g]) > 1 for g in doc_grams)
        shares[doc_id] = repeated / len(doc_grams) if doc_grams else 0.0
        repeated_total += repeated
        positions_total += len(doc_grams)
    shares["(alle)"] = repeated_total / positions_total if positions_total else 0.0
    return shares


def document_table(documents: Sequence[Document]) -> pd.DataFrame:
    """One row per document: metadata, words, segments, coded segments, codings."""
    rows = []
    for d in sorted(documents, key=lambda d: d.id):
        codes = d.codes_by_segment()
        rows.append(
            {
                "doc_id": d.id,
                "municipality": d.document.municipality,
                "source_type": d.document.source_type,
                "respondent": "; ".join(r.pseudonym for r in d.document.respondents),
                "job_title": d.document.job_title,
                "coder": d.document.coder,
                "words": len(document_words(d)),
                "segments": len(d.segments),
                "coded_segments": sum(bool(c) for c in codes.values()),
                "codings": sum(len(c) for c in codes.values()),
                "synthetic": d.document.synthetic,
            }
        )
    return pd.DataFrame(rows)


def code_counts(documents: Sequence[Document]) -> pd.DataFrame:
    """Segments per code and municipality (coded documents only), wide: one column per place."""
    counts: Counter[tuple[str, str]] = Counter()
    for d in documents:
        for codes in d.codes_by_segment().values():
            for c in codes:
                counts[(c, d.document.municipality)] += 1
    frame = pd.Series(counts, dtype=int).rename_axis(["code", "municipality"]).unstack(fill_value=0)
    frame["total"] = frame.sum(axis=1)
    return frame.sort_values("total", ascending=False)


def format_report(documents: Sequence[Document]) -> str:
    """A plain-text report for ``wijkverbinders corpus-stats``."""
    docs = document_table(documents)
    with_label, coded = label_word_share(documents)
    shares = repeated_ngram_share(documents)
    worst = max((v, k) for k, v in shares.items() if k != "(alle)") if len(shares) > 1 else (0, "-")
    lines = [
        "Documents",
        docs.to_string(index=False),
        "",
        "Per municipality and source type (documents / words / segments / coded segments)",
        docs.groupby(["municipality", "source_type"])[["words", "segments", "coded_segments"]]
        .agg(["count", "sum"])
        .to_string(),
        "",
        "Segments per code",
        code_counts(documents).to_string() if coded else "(no codes)",
        "",
        f"Coded segments containing their own code's label word: {with_label}/{coded}"
        + (f" = {with_label / coded:.1%} (limit 33.3%)" if coded else ""),
        f"Uncoded segments: {sum(not c for d in documents for c in d.codes_by_segment().values())}"
        f"/{sum(len(d.segments) for d in documents)}",
        f"8-word sequences shared with another document: {shares['(alle)']:.2%} of positions"
        f" (worst document {worst[1]}: {worst[0]:.2%}; limit 5%)",
    ]
    return "\n".join(lines)


def _markdown(frame: pd.DataFrame) -> str:
    header = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(map(str, row)) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])


def datasheet_tables(documents: Sequence[Document], second: Sequence[Document] = ()) -> str:
    """The count tables of a corpus datasheet, as Markdown (checked against the datasheet)."""
    docs = document_table(documents)
    per_place = (
        docs.groupby(["municipality", "source_type"])
        .agg(
            documents=("doc_id", "count"),
            words=("words", "sum"),
            segments=("segments", "sum"),
            coded_segments=("coded_segments", "sum"),
            codings=("codings", "sum"),
        )
        .reset_index()
    )
    total = per_place.sum(numeric_only=True)
    per_place.loc[len(per_place)] = ["total", "", *total.astype(int).tolist()]
    codes = code_counts(documents).reset_index()
    parts = [
        "Documents, words, segments and codings per municipality and source type:",
        "",
        _markdown(per_place),
        "",
        "Segments per code (a segment can carry several codes):",
        "",
        _markdown(codes),
    ]
    if second:
        double = document_table(second)[
            ["doc_id", "municipality", "coder", "segments", "coded_segments", "codings"]
        ]
        parts += ["", "Second coding (coder B):", "", _markdown(double)]
    return "\n".join(parts)
