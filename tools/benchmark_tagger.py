"""Benchmark of the tagger: training time and suggestion throughput.

Prints, for the demo corpus and for the same corpus replicated N times (default 10), the time to
train the learned tagger (corpus segments plus the example bank) and the number of segments per
second it suggests codes for, next to the rules method. Run from the repository root:

    .venv/bin/python tools/benchmark_tagger.py [--replicate 10] [--method learned]
"""

from __future__ import annotations

import argparse
import dataclasses
import time

from wijkverbinders import learned
from wijkverbinders.codebook import load_codebook
from wijkverbinders.corpus import load_study
from wijkverbinders.examples import load_bank
from wijkverbinders.nlp import annotate, build_pipeline, doc_record
from wijkverbinders.tagging import RuleTagger, rule_suggestions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="data/demo")
    parser.add_argument("--bank", default="data/examples")
    parser.add_argument("--codebook", default="data/codebook.yaml")
    parser.add_argument("--replicate", type=int, default=10)
    parser.add_argument("--method", default="learned", choices=["learned", "combined"])
    args = parser.parse_args()

    book = load_codebook(args.codebook)
    documents, _ = load_study([args.corpus], [], book)
    nlp = build_pipeline()
    rules = RuleTagger(book, nlp=nlp)
    started = time.perf_counter()
    records = []
    for document in documents:
        record = annotate(document, nlp)
        record["rules"] = rules.match_document(record)
        records.append(record)
    annotate_seconds = time.perf_counter() - started
    segments = sum(len(r["segments"]) for r in records)
    print(
        f"corpus: {len(documents)} documents, {segments} segments; NLP and rule matching "
        f"{annotate_seconds:.1f} s ({segments / annotate_seconds:,.0f} segments/s)"
    )

    examples = load_bank([args.bank], book) if args.bank else []
    bank = [
        learned.item_from_record(e.id, record, rules.match(record), e.codes)
        for e, record in zip(
            examples, map(doc_record, nlp.pipe(e.text for e in examples)), strict=True
        )
    ]

    coded = {d.id: d for d in documents if d.coded}
    base = [
        item
        for r in records
        if r["doc_id"] in coded
        for item in learned.items_from_annotations(
            r, r["rules"], coded[r["doc_id"]].codes_by_segment()
        )
    ]
    for copies in (1, args.replicate):
        corpus = [dataclasses.replace(i, id=f"{i.id}#{k}") for k in range(copies) for i in base]
        started = time.perf_counter()
        model = learned.train([*corpus, *bank], list(book.ids), method=args.method)
        train_seconds = time.perf_counter() - started
        batch = [dict(r, doc_id=f"{r['doc_id']}#{k}") for k in range(copies) for r in records]
        n = segments * copies
        started = time.perf_counter()
        learned.suggest(model, batch)
        suggest_seconds = time.perf_counter() - started
        started = time.perf_counter()
        for r in batch:
            rule_suggestions(r["doc_id"], r["rules"], book.ids, min_indicators=1, synthetic=True)
        rules_seconds = time.perf_counter() - started
        print(
            f"x{copies}: train {args.method} on {len(corpus)} segments + {len(bank)} examples: "
            f"{train_seconds:.1f} s; suggest {n} segments: {suggest_seconds:.1f} s "
            f"({n / suggest_seconds:,.0f} segments/s); rules from stored matches: "
            f"{n / max(rules_seconds, 1e-9):,.0f} segments/s"
        )


if __name__ == "__main__":
    main()
