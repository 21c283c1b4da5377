"""The ``wijkverbinders`` console command.

Each pipeline subcommand calls the same function in :mod:`wijkverbinders.stages` that the
Snakemake rule calls. A user's mistake ends with a clear message and a non-zero exit code, never
with a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from wijkverbinders import outputs, stages
from wijkverbinders.codebook import load_codebook
from wijkverbinders.corpus import load_study, survey
from wijkverbinders.corpus_stats import datasheet_tables, format_report, measures_report
from wijkverbinders.errors import InputError, ValidationFailed

DEFAULT_CODEBOOK = "data/codebook.yaml"


def _validate(args: argparse.Namespace) -> int:
    codebook = load_codebook(args.codebook)
    study = survey(args.paths, args.second_coding, codebook)
    for problem in study.problems:
        print(problem, file=sys.stderr)
    if study.errors:
        print(f"{len(study.errors)} problem(s) found", file=sys.stderr)
        return 1
    read = sum(s.ok for s in study.summaries)
    files = len({s.path for s in study.summaries})
    warnings = len(study.problems) - len(study.notes)
    print(
        f"ok: {read} document(s) in {files} file(s) readable, {warnings} warning(s), "
        f"{len(study.notes)} note(s)"
    )
    return 0


def _corpus_stats(args: argparse.Namespace) -> int:
    codebook = load_codebook(args.codebook)
    documents, second = load_study(args.paths, args.second_coding, codebook)
    if args.datasheet:
        print(datasheet_tables(documents, second))
    else:
        print(format_report(documents))
        print()
        print(measures_report(documents, codebook, second))
    return 0


def _validate_examples(args: argparse.Namespace) -> int:
    from wijkverbinders.examples import datasheet_tables, load_bank

    codebook = load_codebook(args.codebook)
    examples = load_bank(args.paths, codebook)  # ValidationFailed lists every problem
    print(datasheet_tables(examples, codebook))
    return 0


def _export_codebook(args: argparse.Namespace) -> int:
    from wijkverbinders.formats.refi import codebook_qdc
    from wijkverbinders.io import ensure_parent

    codebook = load_codebook(args.codebook)
    ensure_parent(args.out).write_bytes(codebook_qdc(codebook))
    print(f"wrote {len(codebook.codes)} codes in {len(codebook.group_labels)} groups to {args.out}")
    return 0


def _export_qdpx(args: argparse.Namespace) -> int:
    from wijkverbinders.formats.refi_export import project_qdpx
    from wijkverbinders.io import ensure_parent, read_table

    codebook = load_codebook(args.codebook)
    documents, second = load_study(args.paths, args.second_coding, codebook)
    rows = read_table(args.suggestions).to_dict("records") if args.suggestions else []
    try:
        data = project_qdpx(documents, codebook, second=second, suggestions=rows)
    except ValueError as exc:
        raise InputError(f"{args.suggestions}: {exc} (suggestions of another corpus?)") from None
    ensure_parent(args.out).write_bytes(data)
    print(
        f"wrote {len(documents)} document(s), {len(second)} second coding(s) and {len(rows)} "
        f"suggestion(s) to {args.out} (it holds transcript text: do not share)"
    )
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

    p = sub.add_parser(
        "corpus-stats",
        help="words, turns, fillers, codes, indicator lift, shared sequences, scenes, agreement",
    )
    p.add_argument("paths", nargs="+")
    p.add_argument(
        "--datasheet", action="store_true", help="print the count tables of a datasheet (Markdown)"
    )
    p.add_argument("--second-coding", action="append", default=[], metavar="DIR")
    p.set_defaults(run=_corpus_stats)

    p = sub.add_parser("validate-examples", help="check the example bank; print its counts")
    p.add_argument("paths", nargs="+", help="bank folders or YAML files")
    p.set_defaults(run=_validate_examples)

    p = sub.add_parser(
        "import",
        help="convert a QDA project (.qdpx, .qde), a codebook (.qdc), a coded Word file (.docx) "
        "or a coded-segment spreadsheet (.xlsx, .csv) into CSV tables",
    )
    p.add_argument("path", help="the file to convert")
    p.add_argument("--out", required=True, help="folder for documents/segments/codings/codes.csv")
    p.add_argument(
        "--allow-partial", action="store_true", help="import what is sound; list problems"
    )
    p.set_defaults(
        run=lambda a: stages.import_file(
            a.path, out=a.out, codebook=a.codebook, allow_partial=a.allow_partial
        )
    )

    p = sub.add_parser(
        "export-qdpx",
        help="the study as a REFI-QDA project (.qdpx) for ATLAS.ti, NVivo, MAXQDA, QualCoder",
    )
    p.add_argument("paths", nargs="+", help="corpus folders or files")
    p.add_argument("--second-coding", action="append", default=[], metavar="DIR")
    p.add_argument(
        "--suggestions",
        metavar="CSV",
        help=f"the tagger's suggestions to add as user wijkverbinders-tagger "
        f"(e.g. {outputs.TABLES['suggestions'].path})",
    )
    p.add_argument(
        "--out",
        default=outputs.PROJECT_QDPX,
        help=f"the .qdpx to write (default {outputs.PROJECT_QDPX}: it holds transcript text)",
    )
    p.set_defaults(run=_export_qdpx)

    p = sub.add_parser(
        "export-codebook", help="the codebook as a REFI-QDA .qdc file for QDA software"
    )
    p.add_argument("--out", required=True, help="the .qdc file to write")
    p.set_defaults(run=_export_codebook)

    p = sub.add_parser("read", help="read source files into documents (restricted JSONL)")
    p.add_argument("sources", nargs="+")
    p.add_argument("--corpus-root", default=None, help="corpus folder, for default ids")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(
        run=lambda a: stages.read_batch(
            a.sources,
            roots=[a.corpus_root or str(Path(s).parent.parent) for s in a.sources],
            codebook=a.codebook,
            output=a.output,
        )
    )

    p = sub.add_parser("annotate", help="Dutch NLP (sentences, lemmas) and rule matches")
    p.add_argument("parsed")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(
        run=lambda a: stages.annotate_batch(a.parsed, output=a.output, codebook=a.codebook)
    )

    p = sub.add_parser(
        "suggest", help="suggest codes for the segments of transcript files (any input format)"
    )
    p.add_argument("sources", nargs="+", help="transcript files or corpus folders")
    p.add_argument("--out", required=True, help="CSV: doc_id, segment_id, code, score, ...")
    p.add_argument(
        "--method",
        choices=["rules", "learned", "combined"],
        default=None,
        help="default: the trained model's method, or rules when there is no model",
    )
    p.add_argument(
        "--model", default=outputs.MODEL, help=f"trained model (default {outputs.MODEL})"
    )
    p.add_argument("--min-indicators", type=int, default=1, help="rules method only")
    p.add_argument(
        "--with-text", action="store_true", help="add each segment's text (restricted output!)"
    )
    p.set_defaults(
        run=lambda a: stages.suggest_files(
            a.sources,
            codebook=a.codebook,
            method=a.method,
            model=a.model,
            min_indicators=a.min_indicators,
            output=a.out,
            with_text=a.with_text,
        )
    )

    p = sub.add_parser("segments", help="table of all segments of read documents")
    p.add_argument("parsed", nargs="+")
    p.add_argument("-o", "--output", required=True, help="full table, with text (restricted)")
    p.add_argument("--shareable", default=None, help="the same table without the text column")
    p.add_argument("--memos", default=None, help="the coders' memos per document (restricted)")
    p.set_defaults(
        run=lambda a: stages.segments(
            a.parsed, output=a.output, shareable=a.shareable, memos=a.memos
        )
    )

    p = sub.add_parser("ledger", help="counts in versus counts out, per file")
    p.add_argument("parsed", nargs="+")
    p.add_argument("--segments-table", required=True)
    p.add_argument("--second-parsed", nargs="*", default=[])
    p.add_argument("--pairs-table", default=None)
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(
        run=lambda a: stages.ledger(
            a.parsed,
            segments_table=a.segments_table,
            output=a.output,
            second_parsed=a.second_parsed,
            pairs_table=a.pairs_table,
        )
    )

    p = sub.add_parser(
        "agreement", help="pair independent codings; agreement per code, disagreements"
    )
    p.add_argument("parsed", nargs="+", help="read primary documents")
    p.add_argument("--second-parsed", nargs="+", required=True)
    p.add_argument("--pairs", required=True, help="output: paired codings per segment")
    p.add_argument("--outdir", required=True, help="output folder for the agreement tables")
    p.set_defaults(
        run=lambda a: stages.second_coding(
            a.parsed,
            a.second_parsed,
            codebook=a.codebook,
            pairs_output=a.pairs,
            outputs_by_name={
                name: str(Path(a.outdir) / f"{name}.csv")
                for name in ("agreement_segments", "agreement_documents", "disagreements")
            },
        )
    )

    p = sub.add_parser(
        "blind-copy", help="copies without code markers, for an independent second coder"
    )
    p.add_argument("paths", nargs="+", help="corpus folders or files")
    p.add_argument("--out", required=True, help="folder for the copies (outside the corpus)")
    p.add_argument("--id", action="append", default=[], dest="ids", help="only this document")
    p.add_argument("--coder", default=None, help="coder: value for the copies (e.g. B)")
    p.set_defaults(
        run=lambda a: stages.blind_copies(
            a.paths, codebook=a.codebook, out=a.out, ids=a.ids, coder=a.coder
        )
    )

    p = sub.add_parser(
        "adjudicate", help="apply an adjudication log to two coders' copies; final codings"
    )
    p.add_argument("paths", nargs="+", help="corpus folders or files")
    p.add_argument(
        "--second-coding",
        action="append",
        required=True,
        metavar="DIR",
        help="folder with one coder's copies (give two: both coders' independent codings)",
    )
    p.add_argument("--log", required=True, help="adjudication log (CSV, see disagreements.csv)")
    p.add_argument("--out", required=True, help="folder for the adjudicated documents")
    p.set_defaults(
        run=lambda a: stages.adjudicate(
            a.paths, second_coding=a.second_coding, log_path=a.log, codebook=a.codebook, out=a.out
        )
    )

    p = sub.add_parser("tables", help="comparative tables of human codes")
    p.add_argument("segments_table", help="the restricted segments table")
    p.add_argument("--outdir", required=True)
    p.set_defaults(
        run=lambda a: stages.comparative_tables(
            a.segments_table,
            codebook=a.codebook,
            outputs_by_name={
                name: str(Path(a.outdir) / Path(outputs.TABLES[name].path).name)
                for name in [*outputs.COMPARATIVE, "role_barrier_cooccurrence"]
            },
        )
    )

    p = sub.add_parser("figure", help="draw one figure from a comparative table")
    p.add_argument("name", choices=sorted(outputs.FIGURES))
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
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
