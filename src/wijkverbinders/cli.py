"""The ``wijkverbinders`` console command.

Each pipeline subcommand calls the same function in :mod:`wijkverbinders.stages` that the
Snakemake rule calls. A user's mistake ends with a clear message and a non-zero exit code, never
with a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from wijkverbinders import stages
from wijkverbinders.codebook import load_codebook
from wijkverbinders.corpus import find_transcripts, load_documents, load_study, validate_paths
from wijkverbinders.corpus_stats import datasheet_tables, format_report
from wijkverbinders.errors import InputError, ValidationFailed

DEFAULT_CODEBOOK = "data/codebook.yaml"
# Kept in step with figures.FIGURES by a test; listed here so --help does not import matplotlib.
FIGURE_NAMES = [
    "barriers_by_municipality",
    "interview_vs_observation",
    "roles_by_barriers",
    "roles_by_municipality",
]


def _validate(args: argparse.Namespace) -> int:
    codebook = load_codebook(args.codebook)
    problems = validate_paths(args.paths, codebook, second_coding=args.second_coding)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    count = len(find_transcripts([*args.paths, *args.second_coding]))
    print(f"ok: {count} file(s), no problems")
    return 0


def _corpus_stats(args: argparse.Namespace) -> int:
    codebook = load_codebook(args.codebook)
    if args.datasheet:
        documents, second = load_study(args.paths, args.second_coding, codebook)
        print(datasheet_tables(documents, second))
    else:
        documents = load_documents(find_transcripts(args.paths), codebook)
        print(format_report(documents))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wijkverbinders",
        description="Coded interviews with wijkverbinders in, comparative tables and figures out.",
    )
    parser.add_argument(
        "--codebook", default=DEFAULT_CODEBOOK, help=f"codebook YAML (default {DEFAULT_CODEBOOK})"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check transcript files and folders; list every problem")
    p.add_argument("paths", nargs="+")
    p.add_argument(
        "--second-coding",
        action="append",
        default=[],
        metavar="DIR",
        help="folder with a second coder's copies; checked against the corpus (repeatable)",
    )
    p.set_defaults(run=_validate)

    p = sub.add_parser("corpus-stats", help="words, segments, codes and label-word share")
    p.add_argument("paths", nargs="+")
    p.add_argument(
        "--datasheet", action="store_true", help="print the count tables of a datasheet (Markdown)"
    )
    p.add_argument("--second-coding", action="append", default=[], metavar="DIR")
    p.set_defaults(run=_corpus_stats)

    p = sub.add_parser("parse", help="parse one transcript into JSON (restricted output)")
    p.add_argument("transcript")
    p.add_argument("--corpus-root", default=None, help="corpus folder, for the default id")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(
        run=lambda a: stages.parse(
            a.transcript, codebook=a.codebook, corpus_root=a.corpus_root, output=a.output
        )
    )

    p = sub.add_parser("annotate", help="Dutch NLP (sentences, lemmas) for one parsed document")
    p.add_argument("parsed")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(run=lambda a: stages.annotate_document(a.parsed, output=a.output))

    p = sub.add_parser("suggest", help="suggest codes for annotated documents (one table)")
    p.add_argument("annotations", nargs="+")
    p.add_argument("--min-indicators", type=int, default=1)
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(
        run=lambda a: stages.suggest(
            a.annotations, codebook=a.codebook, min_indicators=a.min_indicators, output=a.output
        )
    )

    p = sub.add_parser("segments", help="table of all segments of parsed documents")
    p.add_argument("parsed", nargs="+")
    p.add_argument("-o", "--output", required=True, help="full table, with text (restricted)")
    p.add_argument("--shareable", default=None, help="the same table without the text column")
    p.set_defaults(run=lambda a: stages.segments(a.parsed, output=a.output, shareable=a.shareable))

    p = sub.add_parser("ledger", help="counts in versus counts out, per file")
    p.add_argument("parsed", nargs="+")
    p.add_argument("--segments-table", required=True)
    p.add_argument("--second-parsed", nargs="*", default=[])
    p.add_argument("--second-table", default=None)
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(
        run=lambda a: stages.ledger(
            a.parsed,
            segments_table=a.segments_table,
            output=a.output,
            second_parsed=a.second_parsed,
            second_table=a.second_table,
        )
    )

    p = sub.add_parser("agreement", help="pair a second coding with the primary; per-code alpha")
    p.add_argument("parsed", nargs="+", help="parsed primary documents")
    p.add_argument("--second-parsed", nargs="+", required=True)
    p.add_argument("--pairs", required=True, help="output: paired codings per segment")
    p.add_argument("-o", "--output", required=True, help="output: agreement per code")
    p.set_defaults(
        run=lambda a: stages.second_coding(
            a.parsed,
            a.second_parsed,
            codebook=a.codebook,
            pairs_output=a.pairs,
            agreement_output=a.output,
        )
    )

    p = sub.add_parser("tables", help="comparative tables of human codes")
    p.add_argument("parsed", nargs="+")
    p.add_argument("--outdir", required=True)
    p.set_defaults(
        run=lambda a: stages.comparative_tables(
            a.parsed,
            codebook=a.codebook,
            by_municipality=f"{a.outdir}/code_by_municipality.csv",
            by_job_title=f"{a.outdir}/code_by_job_title.csv",
            by_source_type=f"{a.outdir}/code_by_source_type.csv",
            cooccurrence=f"{a.outdir}/role_barrier_cooccurrence.csv",
        )
    )

    p = sub.add_parser("figure", help="draw one figure from a comparative table")
    p.add_argument("name", choices=FIGURE_NAMES)
    p.add_argument("--table", required=True)
    p.add_argument("-o", "--output", required=True, nargs="+", help="PNG and/or SVG paths")
    p.set_defaults(
        run=lambda a: stages.make_figure(
            a.name, table=a.table, codebook=a.codebook, outputs=a.output
        )
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        result = args.run(args)
    except ValidationFailed as failed:
        for problem in failed.problems:
            print(problem, file=sys.stderr)
        print(f"{len(failed.problems)} problem(s) found", file=sys.stderr)
        return 1
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # a missing or unreadable file named on the command line
        print(f"error: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 2
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
