# Helpers, configuration and input checks. No rules here.
import hashlib
import os
import shlex
import sys
from pathlib import Path

from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

from wijkverbinders import outputs
from wijkverbinders.codebook import load_codebook
from wijkverbinders.corpus import PRIMARY, SECOND, SummaryCache, survey
from wijkverbinders.errors import NOTE, InputError
from wijkverbinders.formats import ReadOptions

validate(config, schema="../schemas/config.schema.yaml")

# Snakemake runs `script:` rules as `<sys.executable> '<script>'` without quoting the
# interpreter, so a project folder with a space in its path (and the .venv inside it) breaks
# every job. Quoting the path once here makes that command line valid.
if any(c.isspace() for c in sys.executable) and not sys.executable.startswith("'"):
    sys.executable = shlex.quote(sys.executable)

# Notebook jobs call `jupyter-nbconvert` from PATH: the environment Snakemake runs in comes
# first, also when it was started as .venv/bin/snakemake without activating the environment.
_BIN = str(Path(sys.executable.strip("'")).parent)
if os.environ.get("PATH", "").split(os.pathsep)[0] != _BIN:
    os.environ["PATH"] = os.pathsep.join([_BIN, os.environ.get("PATH", "")])

LABELS = config["transcripts"]
OPTIONS = ReadOptions(
    interviewer_labels=tuple(LABELS["interviewer_labels"]),
    respondent_labels=tuple(LABELS["respondent_labels"]),
    code_map=tuple(sorted(config["code_map"].items())),
)


def _stop(message):
    """Stop before any job runs, with the user's problem and no traceback."""
    print(message, file=sys.stderr)
    sys.exit(1)


def _fingerprint():
    """What reading a file depends on besides the file: the codebook and the labels."""
    digest = hashlib.sha1(Path(config["codebook"]).read_bytes())
    digest.update(repr(sorted(LABELS.items())).encode("utf-8"))
    digest.update(repr(sorted(config["code_map"].items())).encode("utf-8"))
    return digest.hexdigest()


# Read and check every file before building the DAG, with the same checks as
# `wijkverbinders validate`. Summaries of unchanged files come from a cache, so a large study
# is not re-read on every call (nor in every cluster job).
try:
    CODEBOOK = load_codebook(config["codebook"])
    STUDY = survey(
        config["corpus"],
        config["second_coding"],
        CODEBOOK,
        options=OPTIONS,
        cache=SummaryCache(outputs.SUMMARY_CACHE, _fingerprint()),
    )
except InputError as error:
    _stop(f"error: {error}")
if workflow.is_main_process:
    shown = [p for p in STUDY.problems if p.severity != NOTE]
    for problem in shown:
        print(problem, file=sys.stderr)
    if STUDY.errors:
        _stop(
            f"{len(STUDY.errors)} problem(s) in the input. Fix these and run again "
            "(check with: wijkverbinders validate)."
        )

SKIPPED = [f"{note.path}\t{note.message}" for note in STUDY.notes]
_IDS_OF = {}
_CODINGS_OF = {}
for _summary in STUDY.summaries:
    _IDS_OF.setdefault(_summary.path, []).append(_summary.id)
    _CODINGS_OF[_summary.path] = _CODINGS_OF.get(_summary.path, 0) + _summary.codings


def _key(path):
    """A file's batch key: its document's id, or its path when it holds several documents
    (a QDA project or a spreadsheet is read as a whole)."""
    ids = _IDS_OF[path]
    return ids[0] if len(ids) == 1 else f"{path}\t" + ",".join(ids)


def _batches(role, prefix, coded=None):
    # Primary documents are keyed by id (unique: checked above); second codings by id and
    # file, since each coder of a double-coded document keeps a copy with the same id.
    # Coded and uncoded documents go to separate batches, so that adding an uncoded document
    # (a new municipality to get suggestions for) leaves the training data untouched.
    sources = {
        (_key(str(s.path)) if role == PRIMARY else f"{_key(str(s.path))}\t{s.path}"): s
        for s in STUDY.sources
        if s.role == role and (coded is None or (_CODINGS_OF[str(s.path)] > 0) == coded)
    }
    grouped = outputs.assign_batches(
        sources, batch_size=config["batch_size"], prefix=prefix
    )
    return {name: [sources[i] for i in ids] for name, ids in grouped.items()}


BATCHES = {
    **_batches(PRIMARY, "p", coded=True),
    **_batches(PRIMARY, "u", coded=False),
    **_batches(SECOND, "c"),
}
CODED_BATCHES = sorted(b for b in BATCHES if b.startswith("p"))
PRIMARY_BATCHES = sorted(b for b in BATCHES if b.startswith(("p", "u")))
SECOND_BATCHES = sorted(b for b in BATCHES if b.startswith("c"))


wildcard_constraints:
    batch=outputs.BATCH_PATTERN,


def _batch(wildcards):
    try:
        return BATCHES[wildcards.batch]
    except KeyError:
        raise WorkflowError(
            f"unknown batch '{wildcards.batch}': this study has batches "
            f"{', '.join(sorted(BATCHES)) or '(none)'}; request `all` or a listed batch"
        ) from None


def batch_sources(wildcards):
    return [str(source.path) for source in _batch(wildcards)]


def batch_roots(wildcards):
    return [str(source.corpus_root) for source in _batch(wildcards)]


def parsed_primary():
    return [outputs.parsed_batch(b) for b in PRIMARY_BATCHES]


def parsed_second():
    return [outputs.parsed_batch(b) for b in SECOND_BATCHES]


TAGGER = config["tagger"]
METHOD = TAGGER["method"]
BANK = TAGGER["example_bank"]


if BANK and not Path(BANK).exists():
    _stop(
        f"error: tagger: example_bank: {BANK}: no such file or folder (give the path to the "
        'example bank, relative to the working directory, or "" to train without it)'
    )


def bank_files():
    path = Path(BANK)
    return sorted(str(p) for p in path.glob("*.yaml")) if path.is_dir() else [BANK]


def parsed_coded():
    """Parsed batches of coded documents: what the tagger trains and is evaluated on."""
    return [outputs.parsed_batch(b) for b in CODED_BATCHES]


def annotations_coded():
    return [outputs.annotated_batch(b) for b in CODED_BATCHES]


def suggestion_parts():
    return [outputs.suggested_batch(b) for b in PRIMARY_BATCHES]


def paired_codings():
    return outputs.PAIRED_CODINGS if SECOND_BATCHES else []


def figure_tables():
    """The table each figure is drawn from, in the order of ``sorted(outputs.FIGURES)``."""
    return [
        outputs.TABLES[outputs.FIGURES[name].table].path
        for name in sorted(outputs.FIGURES)
    ]


def figure_files():
    return [
        path for name in sorted(outputs.FIGURES) for path in outputs.figure_paths(name)
    ]


def reported_figures():
    """The figure files, the PNGs registered for Snakemake's report with their captions."""
    files = []
    for name in sorted(outputs.FIGURES):
        spec = outputs.FIGURES[name]
        for path in outputs.figure_paths(name):
            if path.endswith(".png"):
                path = report(
                    path,
                    caption="../report/figure.rst",
                    category="Figures",
                    labels={
                        "figure": name,
                        "table": spec.table,
                        "caption": spec.caption,
                    },
                )
            files.append(path)
    return files


def reported_table(name):
    """A shareable table, registered for Snakemake's report with what one row is."""
    spec = outputs.TABLES[name]
    return report(
        spec.path,
        caption="../report/table.rst",
        category="Tables",
        labels={"table": name, "row": spec.row},
    )


FINDINGS = config["findings"]


def notebook_inputs(wildcards):
    """Named inputs of a reviewer notebook (see outputs.NOTEBOOK_INPUTS)."""
    named = {"codebook": config["codebook"]}
    for name in outputs.NOTEBOOK_INPUTS[wildcards.name]:
        if name == "figures":
            named[name] = [p for p in figure_files() if p.endswith(".png")] + [
                p for p in outputs.EVALUATION_FIGURES if p.endswith(".png")
            ]
        elif name == "evaluation":
            named[name] = outputs.EVALUATION
        elif name in outputs.AGREEMENT_TABLES and not SECOND_BATCHES:
            continue  # no double coding: the notebook says so
        else:
            named[name] = outputs.TABLES[name].path
    return named


REPORT_TABLES = {
    name: outputs.TABLES[name].path
    for name in [
        *outputs.REPORT_TABLES,
        *(outputs.AGREEMENT_TABLES if SECOND_BATCHES else ()),
    ]
}


def notebook_files():
    return [
        path for name in outputs.NOTEBOOKS for path in outputs.notebook_paths(name)[2:]
    ]


COMPARATIVE_TABLES = {
    name: outputs.TABLES[name].path
    for name in [*outputs.COMPARATIVE, "role_barrier_cooccurrence"]
}


def all_targets():
    tables = ["ingest_ledger", "segments", "suggestions", "quotes", "pseudonymisation"]
    tables += ["findings", "triangulation", "saturation"]
    tables += list(COMPARATIVE_TABLES)
    if SECOND_BATCHES:
        tables += ["agreement_segments", "agreement_documents", "disagreements"]
    tables.append("tagger_evaluation")
    return [
        outputs.RESTRICTED_SEGMENTS,
        outputs.SUGGESTIONS_WITH_TEXT,
        outputs.EVALUATION,
        *([] if config["tagger"]["method"] == "rules" else [outputs.MODEL_INFO]),
        *(outputs.TABLES[name].path for name in tables),
        *figure_files(),
        *outputs.EVALUATION_FIGURES,
        *notebook_files(),
        outputs.REPORT,
    ]


onstart:
    # The trained tagger used to be written beside tagger.json; it holds transcript words, so
    # a copy left there from an earlier version goes (it now lives under results/restricted).
    _old_model = Path("results/models/tagger.skops")
    if _old_model.exists():
        print(
            f"removing {_old_model}: the model now lives in {outputs.MODEL}",
            file=sys.stderr,
        )
        _old_model.unlink()
    # Derived files of documents that left the study (a withdrawn consent) go too.
    for path in outputs.stale_batch_files(BATCHES):
        print(
            f"removing {path}: its documents are no longer in the study",
            file=sys.stderr,
        )
        path.unlink()


onsuccess:
    print(
        f"Results: {outputs.REPORT} (the report), results/notebooks/ (executed notebooks), "
        "results/tables/ (shareable tables), results/figures/ (figures), "
        "results/restricted/ (transcript text: do not share); the ingest ledger is "
        f"{outputs.TABLES['ingest_ledger'].path}.",
        file=sys.stderr,
    )
