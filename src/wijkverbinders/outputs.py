"""One place for the names and paths of everything the pipeline writes.

The workflow, the command line, the tests and the benchmark take paths from here, so that a
table or figure is named once. Paths are relative to the working directory (the project).
Shareable outputs (``results/tables``, ``results/figures``) hold no transcript text;
``results/restricted`` holds text and must not be shared.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

RESTRICTED = "results/restricted"
TABLES_DIR = "results/tables"
FIGURES_DIR = "results/figures"
FIGURE_FORMATS = ("png", "svg")
CODED_BATCH_PATTERN = r"p[0-9]+"  # batches of coded corpus documents (the training data)
UNCODED_BATCH_PATTERN = r"u[0-9]+"  # batches of uncoded corpus documents
PRIMARY_BATCH_PATTERN = f"{CODED_BATCH_PATTERN}|{UNCODED_BATCH_PATTERN}"  # the corpus
SECOND_BATCH_PATTERN = r"c[0-9]+"  # batches of second codings
BATCH_PATTERN = f"{PRIMARY_BATCH_PATTERN}|{SECOND_BATCH_PATTERN}"


@dataclass(frozen=True)
class TableSpec:
    """A shareable table: its name, file and what a row is."""

    name: str
    path: str
    row: str


@dataclass(frozen=True)
class FigureSpec:
    """A figure, the table it is drawn from, and its caption."""

    name: str
    table: str
    caption: str


def _table(name: str, row: str) -> TableSpec:
    return TableSpec(name, f"{TABLES_DIR}/{name}.csv", row)


TABLES = {
    spec.name: spec
    for spec in (
        _table("ingest_ledger", "a file read (or skipped), and a TOTAL row"),
        _table("segments", "a segment, without its text"),
        _table("suggestions", "a code suggested for a segment"),
        _table("code_by_municipality", "a code in a municipality"),
        _table("code_by_job_title", "a code for a job title"),
        _table("code_by_source_type", "a code in interviews or in observations"),
        _table(
            "code_by_municipality_and_source_type",
            "a code in the interviews or the observations of one municipality",
        ),
        _table("role_barrier_cooccurrence", "a role and a barrier, per level and municipality"),
        _table("agreement_segments", "a code, and how two coders agreed on it per segment"),
        _table(
            "agreement_documents",
            "a code, and how two coders agreed on whether a document has it",
        ),
        _table("disagreements", "a segment and a code on which two coders differ"),
        _table("tagger_evaluation", "an evaluation scheme, a tagging method and a code"),
        _table("quotes", "an exemplar quote (pseudonymised) for a code in a municipality"),
        _table(
            "pseudonymisation", "a kind of span (person, place, ...) and how many were replaced"
        ),
        _table("findings", "a finding behind a claim of the study, in a municipality or overall"),
        _table(
            "triangulation",
            "a code in a municipality (or overall): interviews against observations",
        ),
        _table("saturation", "a position in random orders of the interviews, per scope"),
    )
}
# The comparative tables and the segments column they group by.
COMPARATIVE = {
    "code_by_municipality": ("municipality",),
    "code_by_job_title": ("job_title",),
    "code_by_source_type": ("source_type",),
    "code_by_municipality_and_source_type": ("municipality", "source_type"),
}
FIGURES = {
    spec.name: spec
    for spec in (
        FigureSpec(
            "roles_by_municipality",
            "code_by_municipality",
            "Role enactment per municipality (share of coded segments).",
        ),
        FigureSpec(
            "barriers_by_municipality",
            "code_by_municipality",
            "Barriers per municipality (share of coded segments).",
        ),
        FigureSpec(
            "roles_by_barriers",
            "role_barrier_cooccurrence",
            "Segments showing both a role and a barrier, pooled and per municipality.",
        ),
        FigureSpec(
            "interview_vs_observation",
            "code_by_source_type",
            "Roles and barriers in interviews against observations.",
        ),
        FigureSpec(
            "municipality_by_source_type",
            "code_by_municipality_and_source_type",
            "Roles per municipality in interviews against observations (the fixer contrast).",
        ),
        FigureSpec(
            "saturation",
            "saturation",
            "Code saturation: new codes per added interview over random orders of the "
            "interviews, and the share of orders saturated, overall and per municipality.",
        ),
    )
}
RESTRICTED_SEGMENTS = f"{RESTRICTED}/segments.csv"
PAIRED_CODINGS = f"{RESTRICTED}/second_coding.csv"
# The trained tagger (skops) and what it was trained on; the example bank's NLP annotations.
# The trained tagger is restricted: its vocabulary holds words of the transcripts, names too.
MODEL = f"{RESTRICTED}/models/tagger.skops"
MODEL_INFO = "results/models/tagger.json"
BANK_ANNOTATIONS = "results/models/examples_nlp.jsonl"
EVALUATION = "results/tagging/evaluation.json"
EVALUATION_FIGURES = (
    "results/figures/tagger_evaluation.png",
    "results/figures/tagger_evaluation.svg",
)
# Each suggestion beside the text of its segment, for review (restricted: holds the text).
SUGGESTIONS_WITH_TEXT = f"{RESTRICTED}/suggestions_with_text.csv"
PROJECT_QDPX = f"{RESTRICTED}/project.qdpx"  # the study for QDA software (holds the text)
# The coders' memos per document (what was hard to code): for reviewers, may quote the text.
RESTRICTED_MEMOS = f"{RESTRICTED}/coding_memos.csv"
SUMMARY_CACHE = f"{RESTRICTED}/.source_summaries.json"
# Reviewer outputs: executed notebooks (and their HTML) and the self-contained report.
NOTEBOOKS_DIR = "notebooks"
EXECUTED_NOTEBOOKS = "results/notebooks"
REPORT = "results/report/index.html"
NOTEBOOKS = (
    "01_corpus_overview",
    "02_roles_and_fixer",
    "03_barriers",
    "04_tagging_and_agreement",
    "05_new_municipality",
)


# What each notebook reads: shareable tables by name (named inputs of the notebook rule), and
# "evaluation" (the tagger's evaluation.json), "codebook" and "figures" (all figure PNGs).
NOTEBOOK_INPUTS = {
    "01_corpus_overview": (
        "ingest_ledger",
        "segments",
        "code_by_municipality",
        "code_by_job_title",
        "code_by_source_type",
        "pseudonymisation",
    ),
    "02_roles_and_fixer": (
        "segments",
        "code_by_municipality",
        "code_by_source_type",
        "code_by_municipality_and_source_type",
        "findings",
        "triangulation",
        "quotes",
        "figures",
    ),
    "03_barriers": (
        "code_by_municipality",
        "role_barrier_cooccurrence",
        "findings",
        "triangulation",
        "saturation",
        "quotes",
        "figures",
    ),
    "04_tagging_and_agreement": (
        "tagger_evaluation",
        "agreement_segments",
        "agreement_documents",
        "disagreements",
        "evaluation",
        "figures",
    ),
    "05_new_municipality": ("segments", "suggestions", "code_by_municipality"),
}


# The tables the report reads; the agreement tables only exist with double coding.
AGREEMENT_TABLES = ("agreement_segments", "agreement_documents", "disagreements")
REPORT_TABLES = (
    "ingest_ledger",
    "segments",
    "code_by_municipality",
    "findings",
    "triangulation",
    "saturation",
    "quotes",
    "pseudonymisation",
    "tagger_evaluation",
    "suggestions",
)


def notebook_paths(name: str) -> tuple[str, str, str, str]:
    """The committed notebook (without outputs); as executed by Snakemake (restricted: its
    first cell holds the job's config); the shareable copy without that cell; its HTML."""
    return (
        f"{NOTEBOOKS_DIR}/{name}.ipynb",
        f"{RESTRICTED}/notebooks/{name}.ipynb",
        f"{EXECUTED_NOTEBOOKS}/{name}.ipynb",
        f"{EXECUTED_NOTEBOOKS}/{name}.html",
    )


def parsed_batch(batch: str) -> str:
    return f"{RESTRICTED}/parsed/{batch}.jsonl"


def annotated_batch(batch: str) -> str:
    return f"{RESTRICTED}/nlp/{batch}.jsonl"


def suggested_batch(batch: str) -> str:
    return f"{RESTRICTED}/suggestions/{batch}.csv"


def figure_paths(name: str) -> list[str]:
    return [f"{FIGURES_DIR}/{name}.{ext}" for ext in FIGURE_FORMATS]


def batch_count(documents: int, batch_size: int) -> int:
    """How many batches: a power of two, so that adding a few documents rarely changes it.

    Batch membership is a hash of the id modulo this count; as long as the count stays the
    same, adding or removing a document changes only its own batch.
    """
    needed = max(1, -(-documents // max(batch_size, 1)))
    return 1 << (needed - 1).bit_length()


def assign_batches(
    ids: Iterable[str], *, batch_size: int, prefix: str = "p"
) -> dict[str, list[str]]:
    """``{batch name: sorted ids}`` for documents keyed by id; names like ``p007``.

    The assignment depends only on each id and the batch count, never on the order or on
    other documents, so that reruns touch only the batches whose documents changed.
    """
    ids = sorted(set(ids))
    count = batch_count(len(ids), batch_size)
    batches: dict[str, list[str]] = {}
    for doc_id in ids:
        number = zlib.crc32(doc_id.encode("utf-8")) % count
        batches.setdefault(f"{prefix}{number:03d}", []).append(doc_id)
    return dict(sorted(batches.items()))


def stale_batch_files(batches: Iterable[str], root: str = ".") -> list:
    """Derived per-batch files under ``results/restricted`` whose batch no longer exists."""
    from pathlib import Path

    keep = set(batches)
    stale = []
    for kind in ("parsed", "nlp", "suggestions"):
        folder = Path(root, RESTRICTED, kind)
        if folder.is_dir():
            stale += [p for p in sorted(folder.iterdir()) if p.is_file() and p.stem not in keep]
    return stale
