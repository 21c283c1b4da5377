"""Tidy tables from the data model: segments, codes by municipality / job title / source type
(and municipality by source type), role x barrier co-occurrence, and the ingest ledger.

Human-code tables count only *coded* documents (documents with at least one coding). Each row
has a ``synthetic`` value for the documents behind that row (``yes``, ``no`` or ``mixed``, see
:func:`wijkverbinders.model.synthetic_status`). Respondent counts count people: in a group
interview each speaker is counted under their own pseudonym and job title.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from wijkverbinders.codebook import Codebook
from wijkverbinders.errors import Problem
from wijkverbinders.model import CodedDocument, combined_status, synthetic_status

SEGMENT_COLUMNS = [
    "doc_id",
    "segment_id",
    "municipality",
    "source_type",
    "respondent",
    "speaker",
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


def segments_frame(documents: Sequence[CodedDocument]) -> pd.DataFrame:
    """One row per segment, in document and segment order, with the speaker's metadata.

    ``respondent`` is the speaker's pseudonym; in field notes the observed wijkverbinder, or
    the document id when the notes name nobody (so that each counts as one unit).
    """
    rows = []
    for coded in sorted(documents, key=lambda d: d.id):
        document = coded.document
        codes = coded.codes_by_segment()
        flag = synthetic_status([document.synthetic])
        for segment in coded.segments:
            person = document.respondent(segment.speaker)
            rows.append(
                {
                    "doc_id": document.id,
                    "segment_id": segment.id,
                    "municipality": document.municipality,
                    "source_type": document.source_type,
                    "respondent": person.pseudonym if person and person.pseudonym else document.id,
                    "speaker": segment.speaker,
                    "job_title": person.job_title if person else "",
                    "start": segment.start,
                    "end": segment.end,
                    "text": coded.segment_text(segment),
                    "codes": ";".join(codes[segment.id]),
                    "coded": coded.coded,
                    "line": segment.line,
                    "path": document.source_path,
                    "synthetic": flag,
                }
            )
    return fill_job_titles(pd.DataFrame(rows, columns=SEGMENT_COLUMNS))


def fill_job_titles(frame: pd.DataFrame) -> pd.DataFrame:
    """An observed wijkverbinder's job title from their other documents (their interview).

    Field notes name the observed person by pseudonym but seldom their job title; without it
    the job-title table would hold an empty group. A person with exactly one job title
    elsewhere in the municipality gets it; with none or several, the title stays empty.
    """
    known = frame[frame["job_title"] != ""]
    titles = known.groupby(["municipality", "respondent"])["job_title"].agg(set)
    unique = {key: next(iter(v)) for key, v in titles.items() if len(v) == 1}
    missing = frame["job_title"] == ""
    places, people = frame.loc[missing, "municipality"], frame.loc[missing, "respondent"]
    filled = [unique.get((m, r), "") for m, r in zip(places, people, strict=True)]
    frame.loc[missing, "job_title"] = filled
    return frame


def _coded_units(segments: pd.DataFrame) -> pd.DataFrame:
    """Segments of coded documents, with ``has_code`` and the codes as a list."""
    units = segments[segments["coded"].astype(str) == "True"].copy()
    units["code_list"] = [[c for c in str(v).split(";") if c] for v in units["codes"]]
    units["has_code"] = units["code_list"].map(bool)
    return units


def code_table(
    segments: pd.DataFrame, codebook: Codebook, *, by: str | Sequence[str]
) -> pd.DataFrame:
    """How often each code occurs per value of ``by``, over coded documents only.

    Args:
        segments: The segments table (:func:`segments_frame`).
        codebook: The codebook (every code appears for every group, zeros included).
        by: One column (``municipality``, ``job_title``, ``source_type``) or several.

    Returns:
        Columns: the ``by`` columns, ``group``, ``code``, ``label``, ``segments`` (segments
        with the code), ``coded_segments`` (segments with any code), ``share_of_coded_segments``,
        ``respondents`` (people showing the code at least once), ``respondents_total``,
        ``documents`` (documents with the code), ``documents_total``, ``synthetic``.
    """
    keys = [by] if isinstance(by, str) else list(by)
    unknown = [k for k in keys if k not in COMPARISONS]
    if unknown:
        raise ValueError(f"cannot compare by {unknown}; choose from {COMPARISONS}")
    units = _coded_units(segments)
    codings = units.explode("code_list").dropna(subset=["code_list"])
    groups = units.groupby(keys, sort=True).agg(
        coded_segments=("has_code", "sum"),
        respondents_total=("respondent", "nunique"),
        documents_total=("doc_id", "nunique"),
        synthetic=("synthetic", combined_status),
    )
    counts = codings.groupby([*keys, "code_list"]).agg(
        segments=("segment_id", "nunique"),
        respondents=("respondent", "nunique"),
        documents=("doc_id", "nunique"),
    )
    # Every code for every group, in codebook order, zeros where a code does not occur.
    grid = pd.DataFrame(
        [(*group, code.id) for group in groups.index.to_flat_index() for code in codebook.codes]
        if len(keys) > 1
        else [(group, code.id) for group in groups.index for code in codebook.codes],
        columns=[*keys, "code"],
    )
    counts = counts.reset_index().rename(columns={"code_list": "code"})
    table = grid.merge(counts, on=[*keys, "code"], how="left").merge(
        groups.reset_index(), on=keys, how="left"
    )
    for column in ("segments", "respondents", "documents"):
        table[column] = table[column].fillna(0).astype(int)
    table["coded_segments"] = table["coded_segments"].astype(int)
    table["share_of_coded_segments"] = (
        table["segments"] / table["coded_segments"].where(table["coded_segments"] > 0)
    ).fillna(0.0)
    codes = {code.id: code for code in codebook.codes}
    table["group"] = [codes[c].group for c in table["code"]]
    table["label"] = [codes[c].label for c in table["code"]]
    columns = [
        *keys,
        "group",
        "code",
        "label",
        "segments",
        "coded_segments",
        "share_of_coded_segments",
        "respondents",
        "respondents_total",
        "documents",
        "documents_total",
        "synthetic",
    ]
    return table[columns]


def role_barrier_cooccurrence(segments: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Roles by barriers, within a segment and within a respondent, per municipality and overall.

    ``count`` is the number of segments (level ``segment``) or respondents (level
    ``respondent``) that show both the role and the barrier.
    """
    units = _coded_units(segments)
    codings = units.explode("code_list").dropna(subset=["code_list"])
    roles = codebook.in_group("role")
    barriers = codebook.in_group("barrier")
    rows = []
    municipalities = [ALL, *sorted(units["municipality"].unique())]
    for level, unit in (("segment", "segment_id"), ("respondent", "respondent")):
        for municipality in municipalities:
            if municipality == ALL:
                scope, scope_units = codings, units
            else:
                scope = codings[codings["municipality"] == municipality]
                scope_units = units[units["municipality"] == municipality]
            flag = combined_status(scope_units["synthetic"])
            units_by_code = scope.groupby("code_list")[unit].agg(set).to_dict()
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
                            "synthetic": flag,
                        }
                    )
    return pd.DataFrame(rows)


LEDGER_COLUMNS = [
    "path",
    "doc_id",
    "coding",
    "coder",
    "municipality",
    "source_type",
    "coded",
    "documents_read",
    "documents_out",
    "segments_read",
    "segments_out",
    "context_turns",
    "markers_read",
    "codings_read",
    "codings_out",
    "status",
    "note",
    "synthetic",
]


def ingest_ledger(
    documents: Sequence[CodedDocument],
    segments: pd.DataFrame,
    *,
    second: Sequence[CodedDocument] = (),
    pairs: pd.DataFrame | None = None,
    notes: Sequence[Problem] = (),
) -> pd.DataFrame:
    """Per file: what was read, and what was carried forward into the tables.

    Args:
        documents: The documents of the corpus.
        segments: The segments table as written (read back from ``segments.csv``).
        second: Second codings of some documents.
        pairs: The paired-codings table as written (columns ``doc_id``, ``coder_1``,
            ``codes_1``, ``coder_2``, ``codes_2``).
        notes: Files left out on purpose (``Thumbs.db``, lock files, READMEs): one row each
            with status ``skipped``, so that nothing goes missing without a word.

    Returns:
        One row per file plus a ``TOTAL`` row; ``status`` is ``MISMATCH`` on any row where
        counts out differ from counts in (the caller reports it and stops).
    """
    entries = [(d, "primary", segments, "codes") for d in documents]
    entries += [(d, "second", pairs, "codes_2") for d in second]
    rows = []
    for coded, coding, table, column in sorted(
        entries, key=lambda e: (e[0].document.source_path, e[1])
    ):
        document = coded.document
        out = table[table["doc_id"] == document.id] if table is not None else table
        if coding == "second" and out is not None and len(out):
            # With two independent copies of a document, both are columns of the pairs table.
            column = "codes_1" if out["coder_1"].iloc[0] == document.coder else "codes_2"
        codings_out = int(sum(len([c for c in str(v).split(";") if c]) for v in out[column]))
        row = {
            "path": document.source_path,
            "doc_id": document.id,
            "coding": coding,
            "coder": document.coder,
            "municipality": document.municipality,
            "source_type": document.source_type,
            "coded": coded.coded,
            "documents_read": 1,
            "documents_out": int(out["doc_id"].nunique()),
            "segments_read": len(coded.segments),
            "segments_out": len(out),
            "context_turns": len(coded.context),
            "markers_read": coded.source_counts.get("markers", 0),
            "codings_read": coded.source_counts.get("codings", len(coded.codings)),
            "codings_out": codings_out,
            "note": (
                f"{coded.source_counts['codings_in_file']} coded span(s) in the source, "
                "counted per segment and code"
                if "codings_in_file" in coded.source_counts
                else ""
            ),
            "synthetic": synthetic_status([document.synthetic]),
        }
        balanced = (
            row["documents_read"] == row["documents_out"]
            and row["segments_read"] == row["segments_out"]
            and row["codings_read"] == row["codings_out"]
        )
        row["status"] = "ok" if balanced else "MISMATCH"
        rows.append(row)
    overall = synthetic_status(d.document.synthetic for d in [*documents, *second])
    for note in sorted(notes):
        # A skipped file is not a document; it takes the status of the study it was found in.
        rows.append(
            {"path": note.path, "status": "skipped", "note": note.message, "synthetic": overall}
        )
    table = pd.DataFrame(rows, columns=LEDGER_COLUMNS)
    counted = [c for c in LEDGER_COLUMNS if c.endswith(("_read", "_out", "_turns"))]
    table[counted] = table[counted].fillna(0).astype(int)
    table = table.astype({"coded": "object"}).fillna("")
    total = {column: "" for column in LEDGER_COLUMNS}
    total.update({column: int(table[column].sum()) for column in counted})
    total["path"] = "TOTAL"
    total["status"] = "MISMATCH" if (table["status"] == "MISMATCH").any() else "ok"
    total["note"] = f"{len(notes)} file(s) skipped" if notes else ""
    total["synthetic"] = overall
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def ledger_problems(ledger: pd.DataFrame) -> list[str]:
    """Human-readable lines for every file whose counts out differ from its counts in."""
    bad = ledger[(ledger["status"] == "MISMATCH") & (ledger["path"] != "TOTAL")]
    return [
        f"{row.path}: read {row.segments_read} segments / {row.codings_read} codings, "
        f"carried forward {row.segments_out} / {row.codings_out}"
        for row in bad.itertuples()
    ]


MEMO_COLUMNS = ["doc_id", "municipality", "source_type", "coder", "memo", "synthetic"]


def memo_frame(documents: Sequence[CodedDocument]) -> pd.DataFrame:
    """The coders' memos: one row per document that has one, sorted by id."""
    rows = [
        {
            "doc_id": d.id,
            "municipality": d.document.municipality,
            "source_type": d.document.source_type,
            "coder": d.document.coder,
            "memo": d.document.memo,
            "synthetic": synthetic_status([d.document.synthetic]),
        }
        for d in sorted(documents, key=lambda d: d.id)
        if d.document.memo
    ]
    return pd.DataFrame(rows, columns=MEMO_COLUMNS)


SUGGESTION_SUMMARY_COLUMNS = [
    "municipality",
    "coded",
    "group",
    "code",
    "label",
    "segments",
    "segments_total",
    "share_of_segments",
    "documents",
    "documents_total",
    "mean_score",
    "synthetic",
]


def suggestion_summary(
    suggestions: pd.DataFrame, segments: pd.DataFrame, codebook: Codebook
) -> pd.DataFrame:
    """What the tagger suggests per municipality: segments and documents per code.

    Args:
        suggestions: The suggestions table (``doc_id``, ``segment_id``, ``code``, ``score``).
        segments: The segments table (``doc_id``, ``segment_id``, ``municipality``, ``coded``).
        codebook: The codebook (every code appears for every municipality, zeros included).

    Returns:
        One row per municipality, document status (``coded`` True for documents a human
        coded, False for documents only the tagger has seen) and code; ``share_of_segments``
        is the share of that municipality's segments (of that status) with the suggestion.
    """
    units = segments.assign(coded=segments["coded"].astype(str) == "True")
    keys = ["municipality", "coded"]
    totals = units.groupby(keys).agg(
        segments_total=("segment_id", "nunique"),
        documents_total=("doc_id", "nunique"),
        synthetic=("synthetic", combined_status),
    )
    placed = suggestions.merge(
        units[["segment_id", "municipality", "coded"]], on="segment_id", how="inner"
    )
    placed = placed.assign(score=pd.to_numeric(placed["score"], errors="coerce"))
    counts = placed.groupby([*keys, "code"]).agg(
        segments=("segment_id", "nunique"),
        documents=("doc_id", "nunique"),
        mean_score=("score", "mean"),
    )
    rows = []
    for (municipality, coded), total in totals.iterrows():
        for code in codebook.codes:
            key = (municipality, coded, code.id)
            found = counts.loc[key] if key in counts.index else None
            segments_with = int(found["segments"]) if found is not None else 0
            rows.append(
                {
                    "municipality": municipality,
                    "coded": coded,
                    "group": code.group,
                    "code": code.id,
                    "label": code.label,
                    "segments": segments_with,
                    "segments_total": int(total["segments_total"]),
                    "share_of_segments": round(segments_with / total["segments_total"], 4)
                    if total["segments_total"]
                    else 0.0,
                    "documents": int(found["documents"]) if found is not None else 0,
                    "documents_total": int(total["documents_total"]),
                    "mean_score": round(float(found["mean_score"]), 4)
                    if found is not None
                    else None,
                    "synthetic": total["synthetic"],
                }
            )
    return pd.DataFrame(rows, columns=SUGGESTION_SUMMARY_COLUMNS)
