"""The pipeline's steps as functions from input files to output files.

The Snakemake scripts in ``workflow/scripts/`` and the ``wijkverbinders`` console command both
call these functions, so there is one implementation of each step. Per-document work (reading,
NLP, suggestions) runs on batches of documents: one process and one spaCy load per batch.
Every step reports what it read, wrote and counted on standard error (the rule's log).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from wijkverbinders import outputs, tables
from wijkverbinders.codebook import load_codebook
from wijkverbinders.errors import InputError, Problem, ValidationFailed, errors_only
from wijkverbinders.formats import ReadOptions, read_source
from wijkverbinders.io import (
    ensure_parent,
    read_documents,
    read_jsonl,
    read_table,
    suggestions_frame,
    write_documents,
    write_jsonl,
    write_table,
)
from wijkverbinders.model import CodedDocument


def log(message: str) -> None:
    """One line in the step's log (standard error, redirected to the rule's log file)."""
    print(message, file=sys.stderr, flush=True)


def read_batch(
    sources: Sequence[str],
    *,
    roots: Sequence[str],
    codebook: str,
    output: str,
    interviewer_labels: Sequence[str] | None = None,
    respondent_labels: Sequence[str] | None = None,
    code_map: Mapping[str, str] | None = None,
) -> list[CodedDocument]:
    """Read a batch of source files (any supported format) into documents (restricted JSONL).

    Args:
        sources: The files.
        roots: For each file, the corpus folder it was found in (for default ids).
        codebook: The codebook file.
        output: The JSON Lines file to write.
        interviewer_labels: Default interviewer labels (the config's), if any.
        respondent_labels: Default respondent labels (the config's), if any.
        code_map: The config's ``code_map`` for code names of imported files.

    Raises:
        ValidationFailed: When a file has errors (the workflow checks before, so only when a
            file changed during the run).
    """
    book = load_codebook(codebook)
    defaults = ReadOptions()
    documents, problems = [], []
    for source, root in zip(sources, roots, strict=True):
        options = ReadOptions(
            corpus_root=Path(root),
            interviewer_labels=tuple(interviewer_labels or defaults.interviewer_labels),
            respondent_labels=tuple(respondent_labels or defaults.respondent_labels),
            code_map=tuple(sorted((code_map or {}).items())),
        )
        read, found = read_source(source, codebook=book, options=options)
        problems += found
        documents += read
    if errors_only(problems):
        raise ValidationFailed(problems)
    for problem in problems:
        log(str(problem))
    documents.sort(key=lambda d: d.id)
    write_documents(documents, output)
    log(
        f"read {len(sources)} file(s); wrote {len(documents)} document(s), "
        f"{sum(len(d.segments) for d in documents)} segment(s), "
        f"{sum(len(d.codings) for d in documents)} coding(s) to {output}"
    )
    return documents


def annotate_batch(parsed: str, *, output: str, codebook: str) -> None:
    """Dutch NLP (tokens, lemmas, sentences) and the rule matches for a batch of documents.

    Args:
        parsed: The batch of documents (JSON Lines).
        output: The annotations to write (JSON Lines, restricted).
        codebook: The codebook file (its indicators are matched once, here).
    """
    documents = read_documents(parsed)
    log(f"read {len(documents)} document(s) from {parsed}")
    _annotate(documents, output=output, codebook=codebook)


def process_batch(
    sources: Sequence[str],
    *,
    roots: Sequence[str],
    codebook: str,
    parsed: str,
    annotations: str,
    interviewer_labels: Sequence[str] | None = None,
    respondent_labels: Sequence[str] | None = None,
    code_map: Mapping[str, str] | None = None,
) -> None:
    """Read and annotate one batch in one process: :func:`read_batch`, then
    :func:`annotate_batch`, without writing and reading the documents twice.
    """
    documents = read_batch(
        sources,
        roots=roots,
        codebook=codebook,
        output=parsed,
        interviewer_labels=interviewer_labels,
        respondent_labels=respondent_labels,
        code_map=code_map,
    )
    _annotate(documents, output=annotations, codebook=codebook)


def _annotate(documents: Sequence[CodedDocument], *, output: str, codebook: str) -> None:
    from wijkverbinders.nlp import annotate, build_pipeline  # spaCy: import only where needed
    from wijkverbinders.tagging import RuleTagger

    nlp = build_pipeline()
    rules = RuleTagger(load_codebook(codebook), nlp=nlp)
    records = []
    for document in documents:
        record = annotate(document, nlp)
        record["rules"] = rules.match_document(record)
        records.append(record)
    write_jsonl(records, output)
    log(f"wrote {len(records)} annotation(s) with rule matches to {output}")


def annotate_bank(paths: Sequence[str], *, codebook: str, output: str) -> None:
    """NLP and rule matches for the example bank, one record per example (restricted)."""
    from wijkverbinders.examples import load_bank
    from wijkverbinders.nlp import build_pipeline, doc_record
    from wijkverbinders.tagging import RuleTagger

    book = load_codebook(codebook)
    examples = load_bank(paths, book) if paths else []
    nlp = build_pipeline()
    rules = RuleTagger(book, nlp=nlp)
    records = []
    for example, doc in zip(examples, nlp.pipe(e.text for e in examples), strict=True):
        record = doc_record(doc)
        records.append(
            {
                "id": example.id,
                "codes": list(example.codes),
                "register": example.register,
                "writer": example.writer,
                "hard": example.hard,
                "record": record,
                "rules": rules.match(record),
            }
        )
    write_jsonl(records, output)
    log(f"annotated {len(records)} example(s) from {', '.join(paths) or '(no bank)'}")


def training_items(parsed: Sequence[str], annotations: Sequence[str], bank: str | None):
    """Human-coded segments of the corpus (with municipality and respondent) and the bank."""
    from wijkverbinders.learned import item_from_record, items_from_annotations

    coded = {d.id: d for d in read_documents(parsed) if d.coded}
    corpus_items = []
    for record in read_jsonl(annotations):
        document = coded.get(record["doc_id"])
        if document is None:
            continue
        speakers = {s.id: s.speaker for s in document.segments}
        for item in items_from_annotations(
            record, record["rules"], document.codes_by_segment(), doc_id=document.id
        ):
            person = document.document.respondent(speakers[item.id])
            item.group.update(
                source="corpus",
                municipality=document.document.municipality,
                respondent=person.pseudonym if person and person.pseudonym else document.id,
            )
            corpus_items.append(item)
    bank_items = [
        item_from_record(
            entry["id"],
            entry["record"],
            entry["rules"],
            entry["codes"],
            {"source": "bank", "register": entry["register"]},
        )
        for entry in (read_jsonl(bank) if bank else [])
    ]
    return corpus_items, bank_items


def train_tagger(
    parsed: Sequence[str],
    annotations: Sequence[str],
    *,
    bank: str | None,
    codebook: str,
    method: str,
    model_output: str,
    info_output: str,
    max_segments: int | None = None,
) -> None:
    """Train the learned or combined tagger on the corpus's human codes (and the bank).

    Args:
        max_segments: Train on at most about this many coded segments of the corpus (whole
            documents, seeded), so that a national study trains in minutes; None: all.
    """
    from wijkverbinders import learned
    from wijkverbinders.io import write_json

    book = load_codebook(codebook)
    corpus_items, bank_items = training_items(parsed, annotations, bank)
    available = len(corpus_items)
    corpus_items = learned.sample_documents(corpus_items, max_segments)
    model = learned.train([*corpus_items, *bank_items], tagged_codes(book), method=method)
    learned.save(model, model_output)
    info = {
        "method": method,
        "format": "skops (load with wijkverbinders.learned.load; no code runs on load)",
        "seed": learned.SEED,
        "training": {
            "corpus_segments": len(corpus_items),
            "corpus_segments_available": available,
            "bank_examples": len(bank_items),
            "positives": model.training["positives"],
        },
        "thresholds": model.thresholds,
        "not_trained": model.skipped,
    }
    write_json(info, info_output)
    log(
        f"trained {method} tagger on {len(corpus_items)} coded segment(s) and "
        f"{len(bank_items)} example(s): {len(model.classifiers)} code(s), "
        f"{len(model.skipped)} without enough examples"
    )


def tagged_codes(book) -> list[str]:
    """The codes a tagger suggests: every code of the codebook."""
    return list(book.ids)


def suggest_batch(
    annotations: str,
    *,
    codebook: str,
    method: str,
    output: str,
    model: str | None = None,
    min_indicators: int = 1,
) -> None:
    """Code suggestions for every segment of a batch of annotated documents."""
    from wijkverbinders.tagging import METHOD_RULES, rule_suggestions

    records = list(read_jsonl(annotations))
    book = load_codebook(codebook)
    if method == METHOD_RULES:
        found = [
            s
            for r in records
            for s in rule_suggestions(
                r["doc_id"],
                r["rules"],
                book.ids,
                min_indicators=min_indicators,
                synthetic=bool(r.get("synthetic")),
            )
        ]
    else:
        from wijkverbinders import learned

        if model is None:
            raise InputError(f"the {method} tagger needs a trained model")
        found = learned.suggest(learned.load(model), records)
    found.sort(key=lambda s: (s.doc_id, s.segment_id, s.code))
    write_table(suggestions_frame(found), output)
    log(f"wrote {len(found)} {method} suggestion(s) for {len(records)} document(s) to {output}")


def _with_text(suggestions: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Suggestions with each segment's speaker and text beside them (restricted)."""
    texts = segments[["segment_id", "speaker", "text"]]
    return suggestions.merge(texts, on="segment_id", how="left", validate="many_to_one")


def gather_suggestions(
    parts: Sequence[str], *, segments: str, output: str, with_text: str | None = None
) -> None:
    """All batches' suggestions in one table; optionally a restricted copy with each segment's
    speaker and text beside the suggestion, for review without joining files."""
    gather_tables(parts, output=output)
    if with_text:
        table = read_table(output)
        write_table(_with_text(table, read_table(segments)), with_text)
        log(f"wrote {len(table)} suggestion(s) with their segment text to {with_text}")


def gather_tables(parts: Sequence[str], *, output: str) -> None:
    """One table from per-batch tables with the same columns, sorted by its first columns."""
    frames = [read_table(p) for p in parts]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if len(frame.columns):
        frame = frame.sort_values(list(frame.columns[:3]), kind="stable")
    write_table(frame, output)
    log(f"read {len(parts)} part(s); wrote {len(frame)} row(s) to {output}")


def segments(
    parsed: Sequence[str],
    *,
    output: str,
    shareable: str | None = None,
    memos: str | None = None,
) -> None:
    """Write the table of all segments.

    Args:
        parsed: Batches of documents.
        output: The full table, with the raw text (restricted).
        shareable: Optionally, the same table without the ``text`` column, for sharing.
        memos: Optionally, the coders' memos, one row per document with a memo (restricted).
    """
    documents = read_documents(parsed)
    frame = tables.segments_frame(documents)
    write_table(frame, output)
    if shareable:
        write_table(frame.drop(columns=["text"]), shareable)
    if memos:
        write_table(tables.memo_frame(documents), memos)
    log(f"read {len(documents)} document(s); wrote {len(frame)} segment(s) to {output}")


def quotes(
    parsed: Sequence[str],
    *,
    codebook: str,
    output: str,
    counts_output: str,
    allow: Sequence[str] = (),
    deny: Sequence[str] = (),
    per_cell: int = 2,
    engine=None,
) -> None:
    """Exemplar quotes per code and municipality, pseudonymised, and the count of replaced spans.

    Args:
        parsed: Batches of coded documents (quotes come from human codes only, so adding an
            uncoded document does not redo them).
        codebook: The codebook file.
        output: ``quotes.csv`` (shareable).
        counts_output: ``pseudonymisation.csv`` (spans replaced per kind).
        allow: Words and names to keep besides the study's municipalities and job titles.
        deny: Names and places to replace wherever they occur (with every document's
            ``names``).
        per_cell: Quotes per code and municipality.
        engine: A loaded deduce (tests); loaded here when None.
    """
    from wijkverbinders.pseudonymise import Pseudonymiser
    from wijkverbinders.quotes import exemplar_quotes, pseudonymisation_counts

    documents = read_documents(parsed)
    frame = tables.segments_frame(documents)
    keep = [*allow, *frame["municipality"].astype(str), *frame["job_title"].astype(str)]
    # The names each document lists in its metadata are replaced wherever they occur.
    listed = sorted({name for d in documents for name in d.document.names})
    pseudonymiser = Pseudonymiser(allow=sorted(set(keep)), deny=[*deny, *listed], engine=engine)
    table = exemplar_quotes(frame, load_codebook(codebook), pseudonymiser, per_cell=per_cell)
    write_table(table, output)
    counts = pseudonymisation_counts(pseudonymiser, frame["synthetic"])
    write_table(counts, counts_output)
    replaced = ", ".join(f"{r.kind} {r.replaced}" for r in counts.itertuples())
    log(f"wrote {len(table)} quote(s) to {output}; spans replaced: {replaced}")


def _notes(skipped: Sequence[str]) -> list[Problem]:
    """Skipped files as passed by the workflow: ``path<TAB>reason``."""
    notes = []
    for entry in skipped:
        path, _, message = entry.partition("\t")
        notes.append(Problem(path, 0, message, "note"))
    return notes


def ledger(
    parsed: Sequence[str],
    *,
    segments_table: str,
    output: str,
    second_parsed: Sequence[str] = (),
    pairs_table: str | None = None,
    skipped: Sequence[str] = (),
) -> None:
    """Compare what was read from each file with what reached the tables.

    Raises:
        InputError: After writing the ledger, when any file's counts do not balance.
    """
    documents = read_documents(parsed)
    second = read_documents(second_parsed) if second_parsed else []
    table = tables.ingest_ledger(
        documents,
        read_table(segments_table),
        second=second,
        pairs=read_table(pairs_table) if pairs_table else None,
        notes=_notes(skipped),
    )
    write_table(table, output)
    total = table[table["path"] == "TOTAL"].iloc[0]
    log(
        f"ledger: {len(documents) + len(second)} document(s), {len(skipped)} skipped file(s); "
        f"segments {total['segments_read']} read / {total['segments_out']} out, codings "
        f"{total['codings_read']} read / {total['codings_out']} out; status {total['status']}"
    )
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
    outputs_by_name: Mapping[str, str],
) -> None:
    """Pair the independent codings of each double-coded document; write agreement tables.

    Args:
        outputs_by_name: Paths for ``agreement_segments``, ``agreement_documents`` and
            ``disagreements``.
    """
    from wijkverbinders.agreement import agreement_table, disagreements, paired_codings

    book = load_codebook(codebook)
    pairs = paired_codings(read_documents(parsed), read_documents(second_parsed))
    write_table(pairs, pairs_output)
    for level in ("segment", "document"):
        write_table(
            agreement_table(pairs, book, level=level), outputs_by_name[f"agreement_{level}s"]
        )
    differ = disagreements(pairs)
    write_table(differ, outputs_by_name["disagreements"])
    log(
        f"paired {pairs['doc_id'].nunique()} double-coded document(s), {len(pairs)} segment(s), "
        f"{len(differ)} disagreement(s)"
    )


def comparative_tables(
    segments_table: str, *, codebook: str, outputs_by_name: Mapping[str, str]
) -> None:
    """Write the comparative tables of human codes (coded documents only).

    Args:
        segments_table: The restricted segments table.
        codebook: The codebook file.
        outputs_by_name: ``{table name: path}`` for the names in ``outputs.COMPARATIVE`` and
            ``role_barrier_cooccurrence``.
    """
    book = load_codebook(codebook)
    frame = pd.read_csv(segments_table, keep_default_na=False, dtype=str)
    if not (frame["coded"] == "True").any():
        raise InputError("no coded document in the corpus: comparative tables need human codes")
    for name, path in outputs_by_name.items():
        if name in outputs.COMPARATIVE:
            table = tables.code_table(frame, book, by=outputs.COMPARATIVE[name])
        elif name == "role_barrier_cooccurrence":
            table = tables.role_barrier_cooccurrence(frame, book)
        else:
            raise InputError(f"unknown comparative table '{name}'")
        write_table(table, path)
        log(f"wrote {len(table)} row(s) to {path}")


def findings(
    segments_table: str,
    *,
    codebook: str,
    by_municipality_and_source: str,
    by_source: str,
    outputs_by_name: Mapping[str, str],
    supported: float = 0.5,
    partly: float = 0.25,
    margin: float = 0.05,
    orders: int = 1000,
) -> None:
    """The study's claims against the data, interviews against observations, and saturation.

    Args:
        segments_table: The shareable segments table (no text).
        codebook: The codebook file.
        by_municipality_and_source: The ``code_by_municipality_and_source_type`` table.
        by_source: The ``code_by_source_type`` table.
        outputs_by_name: Paths for ``findings``, ``triangulation`` and ``saturation``.
        supported, partly: Shares of respondents for the verdicts (see ``findings.Thresholds``).
        margin: Share difference below which interviews and observations agree.
        orders: Random orders of the interviews for the saturation curve.
    """
    from wijkverbinders import findings as claims
    from wijkverbinders import saturation

    book = load_codebook(codebook)
    frame = read_table(segments_table)
    if not (frame["coded"] == "True").any():
        raise InputError("no coded document in the corpus: the findings need human codes")
    thresholds = claims.Thresholds(supported=supported, partly=partly)
    table = claims.findings(frame, book, thresholds)
    write_table(table, outputs_by_name["findings"])
    verdicts = claims.claim_verdicts(table)
    log(
        f"wrote {len(table)} finding row(s) to {outputs_by_name['findings']}; claims: "
        + ", ".join(f"{row.claim} {row.verdict}" for row in verdicts.itertuples())
    )
    triangulated = claims.triangulation(
        pd.read_csv(by_municipality_and_source, keep_default_na=False),
        pd.read_csv(by_source, keep_default_na=False),
        margin=margin,
    )
    write_table(triangulated, outputs_by_name["triangulation"])
    log(f"wrote {len(triangulated)} row(s) to {outputs_by_name['triangulation']}")
    main = [c.id for group in ("role", "barrier") for c in book.in_group(group)]
    curve = saturation.saturation_table(frame, main_codes=main, orders=orders)
    write_table(curve, outputs_by_name["saturation"])
    points = curve.drop_duplicates(["codes", "scope"])
    log(
        f"wrote {len(curve)} row(s) to {outputs_by_name['saturation']}; saturation point "
        "(interviews): "
        + ", ".join(
            f"{row.codes} {row.scope}: "
            + ("not reached" if pd.isna(row.saturation_point) else str(row.saturation_point))
            + f" of {row.interviews}"
            for row in points.itertuples()
        )
    )


def report(
    *,
    tables: Mapping[str, str],
    figures: Sequence[str],
    evaluation: str,
    codebook: str,
    output: str,
    model_info: str | None = None,
    settings: Mapping[str, object] | None = None,
) -> None:
    """Write the self-contained HTML report from the shareable outputs."""
    from wijkverbinders import report as pages

    inputs = pages.report_inputs(
        table_paths=tables,
        figure_paths=figures,
        evaluation=evaluation,
        codebook=load_codebook(codebook),
        model_info=model_info,
        config=settings,
    )
    html = pages.build_report(inputs)
    ensure_parent(output).write_text(html, encoding="utf-8")
    log(
        f"wrote {output} ({len(html) // 1024} KiB) from {len(tables)} table(s) and "
        f"{len(inputs.figures)} figure(s)"
    )


SNAKEMAKE_PREAMBLE = "######## snakemake preamble start"


def publish_notebook(executed: str, *, ipynb: str, html: str) -> None:
    """A shareable copy of an executed notebook, and that copy as HTML.

    Snakemake runs a notebook with a first cell that holds the whole job (a pickled object
    with the config, including the pseudonymisation deny list of names, and local paths). The
    executed notebook stays restricted; the copy leaves that cell out.
    """
    import nbformat
    from nbconvert import HTMLExporter

    notebook = nbformat.read(executed, as_version=4)
    kept = [c for c in notebook.cells if not c.source.lstrip().startswith(SNAKEMAKE_PREAMBLE)]
    removed = len(notebook.cells) - len(kept)
    notebook.cells = kept
    nbformat.write(notebook, ensure_parent(ipynb))
    body, _ = HTMLExporter().from_notebook_node(notebook)
    ensure_parent(html).write_text(body, encoding="utf-8")
    log(f"{executed}: {len(kept)} cell(s) to {ipynb} and {html} ({removed} preamble cell left out)")


def make_figure(name: str, *, table: str, codebook: str, outputs: Sequence[str]) -> None:
    """Draw one named figure (see ``outputs.FIGURES``) and save it to each output (PNG/SVG)."""
    from wijkverbinders import figures

    if name not in figures.FIGURES:
        raise InputError(f"unknown figure '{name}' (known: {', '.join(figures.FIGURES)})")
    frame = pd.read_csv(table, keep_default_na=False)
    figure = figures.FIGURES[name](frame, load_codebook(codebook))
    for path in outputs:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        figures.save_figure(figure, path)
        log(f"drew {name} from {table} ({len(frame)} rows) to {path}")


def _write_copies(documents, out: str, render, *, keep_existing: bool) -> list[str]:
    """Each document as ``OUT/<folder of its source>/<id>.txt``, rendered by ``render``."""
    written = []
    for coded in sorted(documents, key=lambda d: d.id):
        folder = Path(coded.document.source_path).parent.name
        target = Path(out) / folder / f"{coded.id}.txt"
        if keep_existing and target.exists():
            raise InputError(f"{target} exists: a second coder's work is never overwritten")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(coded), encoding="utf-8")
        written.append(str(target))
    return written


def blind_copies(
    paths: Sequence[str],
    *,
    codebook: str,
    out: str,
    ids: Sequence[str] = (),
    coder: str | None = None,
) -> list[str]:
    """Write copies of documents without code markers, memo or coder, for a blind second coder.

    The copies keep the text exactly, so that the second coder's markers are all that differs
    and the pipeline can pair the codings. Each copy goes to ``OUT/<folder>/<id>.txt``, where
    folder is the one the original is in (the municipality folder of a corpus).

    Raises:
        InputError: An id in ``ids`` is not in the corpus, or a copy would overwrite a file.
    """
    from wijkverbinders.corpus import load_study
    from wijkverbinders.formats import native

    documents, _ = load_study(paths, [], load_codebook(codebook))
    wanted = set(ids)
    unknown = sorted(wanted - {d.id for d in documents})
    if unknown:
        raise InputError(
            f"no document with id {', '.join(map(repr, unknown))} in {', '.join(paths)}"
        )
    chosen = [d for d in documents if not wanted or d.id in wanted]
    written = _write_copies(
        chosen,
        out,
        lambda coded: native.write(coded, codes=False, coder=coder, notes=False),
        keep_existing=True,
    )
    log(f"wrote {len(written)} blind cop{'y' if len(written) == 1 else 'ies'} to {out}")
    return written


def adjudicate(
    paths: Sequence[str],
    *,
    second_coding: Sequence[str],
    log_path: str,
    codebook: str,
    out: str,
) -> list[str]:
    """Write the adjudicated coding of each double-coded document (see ``agreement.adjudicate``).

    Each result goes to ``OUT/<folder>/<id>.txt`` with ``coder: adjudicated``; copy it over the
    primary document once it has been checked.
    """
    from wijkverbinders.agreement import adjudicate as apply_log
    from wijkverbinders.corpus import load_study
    from wijkverbinders.formats import native

    documents, copies = load_study(paths, second_coding, load_codebook(codebook))
    log_table = pd.read_csv(log_path, dtype=str, keep_default_na=False)
    final = apply_log(documents, copies, log_table, where=log_path)
    written = _write_copies(final, out, native.write, keep_existing=False)
    log(f"wrote {len(written)} adjudicated document(s) to {out}")
    return written


def evaluate_tagger(
    parsed: Sequence[str],
    annotations: Sequence[str],
    *,
    bank: str | None,
    codebook: str,
    json_output: str,
    table_output: str,
    figure_outputs: Sequence[str] = (),
    schemes: Sequence[str] | None = None,
    methods: Sequence[str] | None = None,
    max_segments: int | None = None,
    max_folds: int | None = None,
) -> None:
    """Grouped cross-validation of the tagger against the corpus's human codes.

    Args:
        max_segments: Evaluate on at most about this many coded segments (whole documents,
            seeded; the JSON says how many were available); None: all.
        max_folds: More groups than this are split into this many folds of whole groups.
    """
    import time

    from wijkverbinders import evaluation, figures, learned
    from wijkverbinders.io import write_json
    from wijkverbinders.model import synthetic_status

    book = load_codebook(codebook)
    corpus_items, bank_items = training_items(parsed, annotations, bank)
    available = len(corpus_items)
    corpus_items = learned.sample_documents(corpus_items, max_segments)
    main = [c.id for c in book.codes if c.group in evaluation.ROLE_BARRIER_GROUPS]
    started = time.perf_counter()
    result = evaluation.evaluate(
        corpus_items,
        bank_items,
        tagged_codes(book),
        main,
        schemes=schemes or evaluation.SCHEMES,
        methods=methods or evaluation.METHODS,
        max_folds=max_folds or evaluation.MAX_FOLDS,
    )
    flag = synthetic_status(d.document.synthetic for d in read_documents(parsed) if d.coded)
    result["data"] = {
        "corpus_segments": len(corpus_items),
        "corpus_segments_available": available,
        "bank_examples": len(bank_items),
        "synthetic": flag,
        "seconds": round(time.perf_counter() - started, 1),
    }
    write_json(result, json_output)
    table = evaluation.evaluation_table(result)
    table["synthetic"] = flag
    write_table(table, table_output)
    if figure_outputs:
        fig = figures.tagger_evaluation(table, synthetic=flag)
        for path in figure_outputs:
            figures.save_figure(fig, path)
    summary = "; ".join(
        f"{scheme} {method} micro-F1 {entry['methods'][method]['role_barrier']['micro_f1']:.3f}"
        for scheme, entry in result["schemes"].items()
        for method in entry.get("methods", {})
    )
    log(f"evaluated on {len(corpus_items)} segment(s), {len(bank_items)} example(s): {summary}")


def suggest_files(
    sources: Sequence[str],
    *,
    codebook: str,
    output: str,
    method: str | None = None,
    model: str = outputs.MODEL,
    min_indicators: int = 1,
    with_text: bool = False,
) -> None:
    """Suggestions for transcript files outside the pipeline, with the model it trained.

    Without ``method``, the model's own method is used when the model exists, else ``rules``.
    """
    import tempfile

    from wijkverbinders.corpus import load_study

    if method is None:
        method = "learned" if Path(model).exists() else "rules"
        if method == "learned":
            from wijkverbinders import learned

            method = learned.load(model).method
    documents, _ = load_study(sources, [], load_codebook(codebook))
    with tempfile.TemporaryDirectory() as folder:
        annotations = str(Path(folder) / "annotations.jsonl")
        _annotate(documents, output=annotations, codebook=codebook)
        suggest_batch(
            annotations,
            codebook=codebook,
            method=method,
            model=None if method == "rules" else model,
            min_indicators=min_indicators,
            output=output,
        )
    if with_text:
        write_table(_with_text(read_table(output), tables.segments_frame(documents)), output)


def export_project(
    parsed: Sequence[str],
    *,
    codebook: str,
    output: str,
    second_parsed: Sequence[str] = (),
    suggestions: str | None = None,
) -> None:
    """The study as a REFI-QDA project for QDA software (restricted: it holds the text).

    Args:
        parsed: Batches of documents.
        codebook: The codebook file.
        output: The ``.qdpx`` file to write.
        second_parsed: Batches of second codings (their codings are added per coder).
        suggestions: The tagger's ``suggestions.csv``, added as codings by the user
            ``wijkverbinders-tagger``.
    """
    from wijkverbinders.formats.refi_export import project_qdpx

    documents = read_documents(parsed)
    second = read_documents(second_parsed) if second_parsed else []
    rows = read_table(suggestions).to_dict("records") if suggestions else []
    data = project_qdpx(documents, load_codebook(codebook), second=second, suggestions=rows)
    ensure_parent(output).write_bytes(data)
    log(
        f"wrote {len(documents)} document(s), {len(second)} second coding(s) and "
        f"{len(rows)} suggestion(s) to {output}"
    )


def _import_codebook(path: str, *, out: str) -> int:
    """A REFI-QDA codebook (``.qdc``) into ``codes.csv``."""
    from wijkverbinders.formats.imported import TABLE_COLUMNS
    from wijkverbinders.formats.refi import ImportProblem, codes_of

    try:
        rows = codes_of(path)
    except ImportProblem as exc:
        raise InputError(str(exc)) from None
    write_table(pd.DataFrame(rows, columns=TABLE_COLUMNS["codes"]), str(Path(out) / "codes.csv"))
    log(f"imported {path}: {len(rows)} codes -> {out}")
    return 0


def import_file(
    path: str, *, out: str, codebook: str | None = None, allow_partial: bool = False
) -> int:
    """Convert a file of a QDA tool or Word (.qdpx, .qde, .docx, .xlsx, .csv) into
    ``documents.csv``, ``segments.csv``, ``codings.csv`` (the tool's code names; ``text`` is
    exactly the coded text) and ``codes.csv`` in ``out``.

    Returns:
        0, or 1 when the file has problems: without ``allow_partial`` nothing is written and the
        problems are printed; with it, what is sound is written plus ``problems.csv``.
    """
    from wijkverbinders.formats import EXTRACTORS, refi
    from wijkverbinders.formats.imported import TABLE_COLUMNS, conversion_tables

    suffix = Path(path).suffix.lower()
    if suffix == ".qdc":
        return _import_codebook(path, out=out)
    if suffix not in EXTRACTORS:
        raise InputError(
            f"{path}: cannot import '{suffix or Path(path).name}' files (importable: "
            f"{', '.join(sorted([*EXTRACTORS, '.qdc']))}); native transcripts (.txt) need no "
            "import"
        )
    if not Path(path).is_file():
        raise InputError(f"{path}: no such file")
    sources, problems = EXTRACTORS[suffix](Path(path))
    book = load_codebook(codebook or "data/codebook.yaml")
    tables_, more = conversion_tables(sources, codebook=book)
    problems = [*problems, *more]
    if suffix in refi.SUFFIXES and sources:
        tables_["codes"] = refi.codes_of(path)
    else:
        names = sorted({name for s in sources for _, _, name, _ in s.codings})
        tables_["codes"] = [{"guid": "", "name": n, "parent": "", "description": ""} for n in names]
    if problems and not allow_partial:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(
            f"{len(problems)} problem(s); nothing written (--allow-partial imports what is "
            "sound and lists the problems in problems.csv)",
            file=sys.stderr,
        )
        return 1
    folder = Path(out)
    for name, rows in tables_.items():
        write_table(pd.DataFrame(rows, columns=TABLE_COLUMNS[name]), str(folder / f"{name}.csv"))
    if problems:
        write_table(
            pd.DataFrame([(p.severity, str(p)) for p in problems], columns=["severity", "problem"]),
            str(folder / "problems.csv"),
        )
    counts = ", ".join(f"{len(v)} {k}" for k, v in tables_.items())
    log(f"imported {path}: {counts} -> {out}")
    return 1 if problems else 0
