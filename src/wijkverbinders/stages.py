"""The pipeline's steps as functions from input files to output files.

The Snakemake scripts in ``workflow/scripts/`` and the ``wijkverbinders`` console command both
call these functions, so there is one implementation of each step.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from wijkverbinders import tables
from wijkverbinders.codebook import load_codebook
from wijkverbinders.errors import InputError
from wijkverbinders.io import (
    read_document,
    read_json,
    read_table,
    suggestions_frame,
    write_document,
    write_json,
    write_table,
)
from wijkverbinders.transcript import count_raw, parse_document


def parse(transcript: str, *, codebook: str, corpus_root: str | None, output: str) -> None:
    """Parse and validate one transcript; write the parsed document as JSON (restricted)."""
    document = parse_document(transcript, load_codebook(codebook), corpus_root=corpus_root)
    write_document(document, output)


def annotate_document(parsed: str, *, output: str) -> None:
    """Run the Dutch NLP pipeline over one parsed document; write tokens and lemmas as JSON."""
    from wijkverbinders.nlp import annotate  # spaCy is slow to import: only where needed

    write_json(annotate(read_document(parsed)), output)


def suggest(annotations: Sequence[str], *, codebook: str, min_indicators: int, output: str) -> None:
    """Suggest codes for the segments of annotated documents; write one table."""
    from wijkverbinders.tagging import IndicatorTagger

    tagger = IndicatorTagger(load_codebook(codebook), min_indicators=min_indicators)
    suggestions = [s for path in sorted(annotations) for s in tagger.suggest(read_json(path))]
    suggestions.sort(key=lambda s: (s.doc_id, s.segment_id, s.code))
    write_table(suggestions_frame(suggestions), output)


def segments(parsed: Sequence[str], *, output: str, shareable: str | None = None) -> None:
    """Write the table of all segments.

    Args:
        parsed: Parsed documents.
        output: The full table, with the raw text (restricted).
        shareable: Optionally, the same table without the ``text`` column, for sharing.
    """
    documents = [read_document(p) for p in parsed]
    frame = tables.segments_frame(documents)
    write_table(frame, output)
    if shareable:
        write_table(frame.drop(columns=["text"]), shareable)


def ledger(
    parsed: Sequence[str],
    *,
    segments_table: str,
    output: str,
    second_parsed: Sequence[str] = (),
    second_table: str | None = None,
) -> None:
    """Compare what was read from each file with what reached the tables.

    Raises:
        InputError: After writing the ledger, when any file's counts do not balance.
    """
    documents = [read_document(p) for p in parsed]
    second = [read_document(p) for p in second_parsed]
    raw_counts = {d.path: count_raw(d.path) for d in [*documents, *second]}
    table = tables.ingest_ledger(
        documents,
        read_table(segments_table),
        raw_counts,
        second=second,
        second_segments=read_table(second_table) if second_table else None,
    )
    write_table(table, output)
    problems = tables.ledger_problems(table)
    if problems:
        raise InputError(
            "the ingest ledger does not balance (see " + output + "):\n" + "\n".join(problems)
        )


def second_coding(
    parsed: Sequence[str],
    second_parsed: Sequence[str],
    *,
    codebook: str,
    pairs_output: str,
    agreement_output: str,
) -> None:
    """Pair the second coder's codes with the primary codes; write per-code agreement."""
    from wijkverbinders.agreement import agreement_table, match_problems, paired_codings
    from wijkverbinders.errors import ValidationFailed

    primary = [read_document(p) for p in parsed]
    second = [read_document(p) for p in second_parsed]
    problems = match_problems(primary, second)
    if problems:
        raise ValidationFailed(problems)
    pairs = paired_codings(primary, second)
    write_table(pairs, pairs_output)
    table = agreement_table(pairs, load_codebook(codebook))
    table["synthetic"] = tables.synthetic_status([*primary, *second])
    write_table(table, agreement_output)


def comparative_tables(
    parsed: Sequence[str],
    *,
    codebook: str,
    by_municipality: str,
    by_job_title: str,
    by_source_type: str,
    cooccurrence: str,
) -> None:
    """Write the comparative tables of human codes (coded documents only)."""
    book = load_codebook(codebook)
    documents = [read_document(p) for p in parsed]
    if not any(d.coded for d in documents):
        raise InputError("no coded document in the corpus: comparative tables need human codes")
    write_table(tables.code_table(documents, book, by="municipality"), by_municipality)
    write_table(tables.code_table(documents, book, by="job_title"), by_job_title)
    write_table(tables.code_table(documents, book, by="source_type"), by_source_type)
    write_table(tables.role_barrier_cooccurrence(documents, book), cooccurrence)


def _typed(path: str) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False)


def make_figure(name: str, *, table: str, codebook: str, outputs: Sequence[str]) -> None:
    """Draw one named figure (see ``figures.FIGURES``) and save it to each output (PNG/SVG)."""
    from wijkverbinders import figures

    if name not in figures.FIGURES:
        raise InputError(f"unknown figure '{name}' (known: {', '.join(figures.FIGURES)})")
    book = load_codebook(codebook)
    for output in outputs:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        figures.save_figure(figures.FIGURES[name](_typed(table), book), output)
