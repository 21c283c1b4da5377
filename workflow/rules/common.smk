# Helpers, configuration and input validation. No rules here.
import sys

from snakemake.utils import validate

from wijkverbinders.codebook import load_codebook
from wijkverbinders.corpus import find_transcripts, load_study
from wijkverbinders.errors import InputError, ValidationFailed
from wijkverbinders.figures import FIGURES

validate(config, schema="../schemas/config.schema.yaml")


def _stop(message):
    """Stop before any job runs, with the user's problem and no traceback."""
    print(message, file=sys.stderr)
    sys.exit(1)


# Validate every transcript before building the DAG: the same checks as
# `wijkverbinders validate`, so the pipeline stops with the same messages.
try:
    CODEBOOK = load_codebook(config["codebook"])
    load_study(config["corpus"], config["second_coding"], CODEBOOK)
    PRIMARY = find_transcripts(config["corpus"])
    SECOND = find_transcripts(config["second_coding"])
except ValidationFailed as failed:
    _stop(
        str(failed) + "\nFix these and run again (check with: wijkverbinders validate)."
    )
except InputError as error:
    _stop(f"error: {error}")

SOURCES = {
    source.path.with_suffix("").as_posix(): source for source in [*PRIMARY, *SECOND]
}
DOCS = sorted(source.path.with_suffix("").as_posix() for source in PRIMARY)
SECOND_DOCS = sorted(source.path.with_suffix("").as_posix() for source in SECOND)
TABLES = {
    "by_municipality": "results/tables/code_by_municipality.csv",
    "by_job_title": "results/tables/code_by_job_title.csv",
    "by_source_type": "results/tables/code_by_source_type.csv",
    "cooccurrence": "results/tables/role_barrier_cooccurrence.csv",
}
FIGURE_TABLE = {
    "roles_by_municipality": TABLES["by_municipality"],
    "barriers_by_municipality": TABLES["by_municipality"],
    "roles_by_barriers": TABLES["cooccurrence"],
    "interview_vs_observation": TABLES["by_source_type"],
}
assert set(FIGURE_TABLE) == set(FIGURES), "every figure needs its source table"


wildcard_constraints:
    figure="|".join(FIGURES),


def transcript_of(wildcards):
    return SOURCES[wildcards.doc].path


def corpus_root_of(wildcards):
    return str(SOURCES[wildcards.doc].corpus_root)


def table_for_figure(wildcards):
    return FIGURE_TABLE[wildcards.figure]


def parsed_documents():
    return expand("results/restricted/parsed/{doc}.json", doc=DOCS)


def second_parsed_documents():
    return expand("results/restricted/parsed/{doc}.json", doc=SECOND_DOCS)


def second_coding_table():
    return "results/restricted/second_coding.csv" if SECOND_DOCS else []


def annotated_documents():
    return expand("results/restricted/nlp/{doc}.json", doc=DOCS)


def all_targets():
    return [
        "results/tables/ingest_ledger.csv",
        "results/restricted/segments.csv",
        "results/tables/segments.csv",
        "results/tables/suggestions.csv",
        *TABLES.values(),
        *(["results/tables/agreement.csv"] if SECOND_DOCS else []),
        *expand(
            "results/figures/{figure}.{ext}", figure=sorted(FIGURES), ext=["png", "svg"]
        ),
    ]
