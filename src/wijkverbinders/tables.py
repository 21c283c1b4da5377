"""Tidy tables: segments, codes by municipality / job title / source type, role x barrier
co-occurrence, and the ingest ledger.

Human-code tables count only *coded* documents (documents with at least one code marker).
Every table has a ``synthetic`` column that says whether the documents behind it are synthetic
demo data (``yes``), real data (``no``) or a mix (``mixed``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from wijkverbinders.codebook import Codebook
from wijkverbinders.transcript import Document, Segment

SEGMENT_COLUMNS = [
    "doc_id",
    "segment_id",
    "municipality",
    "source_type",
    "respondent",
    "job_title",
    "start",
    "end",
    "text",
    "codes",
    "coded",
    "line",
    "path",
    "synthetic",
]
ALL = "(alle)"
COMPARISONS = ("municipality", "job_title", "source_type")


def synthetic_status(documents: Sequence[Document]) -> str:
    """``yes`` when every document is synthetic demo data, ``no`` when none is, else ``mixed``."""
    flags = {document.synthetic for document in documents}
    if flags == {True}:
        return "yes"
    if flags == {False}:
        return "no"
    return "mixed"


def segments_frame(documents: Sequence[Document]) -> pd.DataFrame:
    """One row per segment, in document and segment order."""
    rows = [
        {
            "doc_id": document.id,
            "segment_id": segment.segment_id,
            "municipality": document.municipality,
            "source_type": document.source_type,
            "respondent": document.respondent,
            "job_title": document.job_title,
            "start": segment.start,
            "end": segment.end,
            "text": segment.text,
            "codes": ";".join(segment.codes),
            "coded": document.coded,
            "line": segment.line,
            "path": document.path,
            "synthetic": synthetic_status([document]),
        }
        for document in sorted(documents, key=lambda d: d.id)
        for segment in document.segments
    ]
    return pd.DataFrame(rows, columns=SEGMENT_COLUMNS)


UNIT_COLUMNS = ["doc_id", "segment_id", "municipality", "source_type", "job_title", "respondent"]


def _unit(document: Document, segment: Segment) -> dict:
    """The metadata of one segment used for counting; observations without a respondent
    count as their own unit."""
    return {
        "doc_id": document.id,
        "segment_id": segment.segment_id,
        "municipality": document.municipality,
        "source_type": document.source_type,
        "job_title": document.job_title,
        "respondent": document.respondent or document.id,
    }


def codings_frame(documents: Sequence[Document]) -> pd.DataFrame:
    """One row per (segment, code) of coded documents, with the segment's metadata."""
    rows = [
        {**_unit(document, segment), "code": code}
        for document in documents
        if document.coded
        for segment in document.segments
        for code in segment.codes
    ]
    return pd.DataFrame(rows, columns=[*UNIT_COLUMNS, "code"])


def _coded_segments(documents: Sequence[Document]) -> pd.DataFrame:
    """One row per segment of coded documents, with whether it carries any code."""
    rows = [
        {**_unit(document, segment), "has_code": bool(segment.codes)}
        for document in documents
        if document.coded
        for segment in document.segments
    ]
    return pd.DataFrame(rows, columns=[*UNIT_COLUMNS, "has_code"])


def code_table(documents: Sequence[Document], codebook: Codebook, *, by: str) -> pd.DataFrame:
    """How often each code occurs per value of ``by`` (``municipality``, ``job_title`` or
    ``source_type``), over coded documents only.

    Columns: the ``by`` value, ``group``, ``code``, ``label``, ``segments`` (segments with the
    code), ``coded_segments`` (segments with any code), ``share_of_coded_segments``,
    ``respondents`` (respondents showing the code at least once), ``respondents_total``,
    ``documents`` (documents with the code), ``documents_total``, ``synthetic``. Every code
    appears for every value, with zeros where it does not occur.
    """
    if by not in COMPARISONS:
        raise ValueError(f"cannot compare by {by!r}; choose one of {COMPARISONS}")
    units = _coded_segments(documents)
    codings = codings_frame(documents)
    rows = []
    for value in sorted(units[by].unique()):
        in_group = units[units[by] == value]
        coded_segments = int(in_group["has_code"].sum())
        for code in codebook.codes:
            hits = codings[(codings[by] == value) & (codings["code"] == code.id)]
            segments = hits["segment_id"].nunique()
            rows.append(
                {
                    by: value,
                    "group": code.group,
                    "code": code.id,
                    "label": code.label,
                    "segments": segments,
                    "coded_segments": coded_segments,
                    "share_of_coded_segments": segments / coded_segments if coded_segments else 0.0,
                    "respondents": hits["respondent"].nunique(),
                    "respondents_total": in_group["respondent"].nunique(),
                    "documents": hits["doc_id"].nunique(),
                    "documents_total": in_group["doc_id"].nunique(),
                }
            )
    table = pd.DataFrame(rows)
    table["synthetic"] = synthetic_status(documents)
    return table


def role_barrier_cooccurrence(documents: Sequence[Document], codebook: Codebook) -> pd.DataFrame:
    """Roles by barriers, within a segment and within a respondent, per municipality and overall.

    ``count`` is the number of segments (level ``segment``) or respondents (level
    ``respondent``) that show both the role and the barrier.
    """
    codings = codings_frame(documents)
    roles = codebook.in_group("role")
    barriers = codebook.in_group("barrier")
    rows = []
    municipalities = [ALL, *sorted(codings["municipality"].unique())]
    for level, unit in (("segment", "segment_id"), ("respondent", "respondent")):
        for municipality in municipalities:
            scope = (
                codings if municipality == ALL else codings[codings["municipality"] == municipality]
            )
            units_by_code = scope.groupby("code")[unit].agg(set).to_dict()
            for role in roles:
                with_role = units_by_code.get(role.id, set())
                for barrier in barriers:
                    with_barrier = units_by_code.get(barrier.id, set())
                    rows.append(
                        {
                            "level": level,
                            "municipality": municipality,
                            "role": role.id,
                            "role_label": role.label,
                            "barrier": barrier.id,
                            "barrier_label": barrier.label,
                            "count": len(with_role & with_barrier),
                            "with_role": len(with_role),
                            "with_barrier": len(with_barrier),
                        }
                    )
    table = pd.DataFrame(rows)
    table["synthetic"] = synthetic_status(documents)
    return table


def ingest_ledger(
    documents: Sequence[Document],
    segments: pd.DataFrame,
    raw_counts: dict[str, dict[str, int]],
    *,
    second: Sequence[Document] = (),
    second_segments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per file: what was read and what was carried forward.

    Args:
        documents: The parsed documents of the corpus.
        segments: The segments table as written (read back from ``segments.csv``).
        raw_counts: ``{path: {"markers": n, "codings": n}}`` counted straight from the files.
        second: Second codings of some documents (see :mod:`wijkverbinders.agreement`).
        second_segments: The paired-codings table as written (columns ``doc_id``, ``codes_2``).

    Returns:
        One row per file plus a ``TOTAL`` row; ``status`` is ``MISMATCH`` on any row where
        counts out differ from counts in (the caller reports it and stops).
    """
    entries = [(d, "primary", segments, "codes") for d in documents]
    if second:
        entries += [(d, "second", second_segments, "codes_2") for d in second]
    rows = []
    for document, coding, table, codes_column in sorted(entries, key=lambda e: e[0].path):
        out = table[table["doc_id"] == document.id]
        codings_out = int(
            sum(len([c for c in str(codes).split(";") if c]) for codes in out[codes_column])
        )
        read = raw_counts[document.path]
        row = {
            "path": document.path,
            "doc_id": document.id,
            "coding": coding,
            "coder": document.coder,
            "municipality": document.municipality,
            "source_type": document.source_type,
            "coded": document.coded,
            "documents_read": 1,
            "documents_out": int(out["doc_id"].nunique()),
            "segments_read": len(document.segments),
            "segments_out": len(out),
            "context_turns": len(document.context_turns),
            "markers_read": read["markers"],
            "codings_read": read["codings"],
            "codings_out": codings_out,
        }
        balanced = (
            row["documents_read"] == row["documents_out"]
            and row["segments_read"] == row["segments_out"]
            and row["codings_read"] == row["codings_out"]
        )
        row["status"] = "ok" if balanced else "MISMATCH"
        rows.append(row)
    table = pd.DataFrame(rows)
    total = {column: "" for column in table.columns}
    total["path"] = "TOTAL"
    for column in table.columns:
        if column.endswith(("_read", "_out", "_turns")):
            total[column] = int(table[column].sum())
    total["status"] = "MISMATCH" if (table["status"] == "MISMATCH").any() else "ok"
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    table["synthetic"] = synthetic_status([*documents, *second])
    return table


def ledger_problems(ledger: pd.DataFrame) -> list[str]:
    """Human-readable lines for every file whose counts out differ from its counts in."""
    bad = ledger[(ledger["status"] == "MISMATCH") & (ledger["path"] != "TOTAL")]
    return [
        f"{row.path}: read {row.segments_read} segments / {row.codings_read} codings, "
        f"carried forward {row.segments_out} / {row.codings_out}"
        for row in bad.itertuples()
    ]
