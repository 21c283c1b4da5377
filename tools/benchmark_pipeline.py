"""Benchmark: how the whole pipeline scales with the number of transcripts.

For each size N, a temporary folder gets N synthetic transcripts (`wijkverbinders.synthetic`;
with `--demo`, N=21 uses the demo corpus data/demo instead) and a `config.yaml` pointing at them
and at the repository's codebook; nothing else is copied. Snakemake then runs the repository's
Snakefile there (`--directory`), and the benchmark measures:

- cold run: wall time and peak memory of the first `snakemake all`;
- words per second of the whole pipeline (body words / cold wall time), next to spaCy alone
  (`wijkverbinders.nlp.build_pipeline`, `nlp.pipe` over the same bodies, in this process);
- no-op rerun: a second identical call;
- add one: one more transcript without codes (`synthetic.add_document`, markers removed: a
  consultant's new interview to get suggestions for), then a rerun; then one more coded
  transcript (new training data: the tagger is trained and evaluated again), then a rerun;
- where the cold run spent its time: the summed `s` column of the rules' benchmark files.

With `--dry-run-documents D`, D transcripts are generated and `snakemake --dry-run` is timed
twice (first and second call), without a full run.

Peak memory: the sum of the resident memory (RSS) of Snakemake and all its descendant processes,
sampled every 50 ms with psutil (a Snakemake dependency), and never less than the largest single
process's own peak, which the kernel reports through `os.wait4` (`ru_maxrss`, as
`/usr/bin/time -f %M` does). Without psutil only the latter is shown.

Usage (from the repository root):

    .venv/bin/python tools/benchmark_pipeline.py --documents 21 300 1000 --demo \\
        [--cores 2] [--dry-run-documents 10000] [--batch-size N] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from wijkverbinders.synthetic import add_document, generate_corpus

try:
    import psutil
except ImportError:  # pragma: no cover
    psutil = None

ROOT = Path(__file__).resolve().parent.parent

DEMO = ROOT / "data" / "demo"
DEMO_SIZE = 21
SAMPLE_SECONDS = 0.05
# What is fed to spaCy: the body without front matter, markers and speaker labels.
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n.*?\n---[ \t]*\n", re.S)
_MARKER = re.compile(r"[ \t]*\{\{[^{}\n]*\}\}")
_LABEL = re.compile(r"^[ \t]*(?:I|INT|Interviewer|R|WR|Respondent)[ \t]*:[ \t]*", re.M | re.I)

# Targets (seconds, percent, MB).
COLD_MAX_1000 = 600.0
RATIO_MIN = 25.0
NOOP_MAX_21 = 3.0
NOOP_MAX_1000 = 20.0
ADD_ONE_MAX_PCT = 10.0
DRY_RUN_MAX_10000 = 60.0
PEAK_MAX_MB = 4096.0


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_mb: float  # sampled sum over the process tree (or the single-process peak)
    max_process_mb: float  # the largest single process's peak RSS (wait4)


@dataclass(frozen=True)
class Row:
    n: int
    source: str
    documents: int
    words: int
    cold: Measured
    spacy_wps: float
    noop: Measured
    add_one: Measured
    add_coded: Measured
    rule_seconds: dict[str, float]

    @property
    def wps(self) -> float:
        return self.words / self.cold.seconds

    @property
    def ratio(self) -> float:
        return 100.0 * self.wps / self.spacy_wps

    @property
    def add_pct(self) -> float:
        return 100.0 * self.add_one.seconds / self.cold.seconds

    @property
    def add_coded_pct(self) -> float:
        return 100.0 * self.add_coded.seconds / self.cold.seconds


def memory_method() -> str:
    if psutil is not None:
        return (
            "sum of RSS over snakemake and all its descendants, sampled every "
            f"{SAMPLE_SECONDS * 1000:.0f} ms (psutil), at least the largest single process's "
            "ru_maxrss from os.wait4"
        )
    return "largest single process's ru_maxrss from os.wait4 (psutil not available)"


def _tree_rss(process) -> int:
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def _print_failed_job_logs(work: Path) -> None:
    """`snakemake --quiet` hides job errors: show the job logs that hold a traceback."""
    failed = [
        log
        for log in sorted((work / "logs").rglob("*.log"))
        if "Traceback" in log.read_text(encoding="utf-8", errors="replace")
    ]
    for log in failed[:3]:
        text = log.read_text(encoding="utf-8", errors="replace")
        print(f"--- {log.relative_to(work)} (last 3000 characters)", file=sys.stderr)
        print(text[-3000:], file=sys.stderr)


def measure(command: list[str], cwd: Path) -> tuple[Measured, str]:
    """Run ``command``; its wall time, peak memory and stderr. Exits with 1 if it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err)
        peak = 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak
            try:
                process = psutil.Process(proc.pid)
            except psutil.Error:
                return
            while not stop.is_set():
                peak = max(peak, _tree_rss(process))
                stop.wait(SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        if psutil is not None:
            sampler.start()
        # wait4 instead of proc.wait(): it also returns the resource usage of the process and
        # of every descendant it waited for (ru_maxrss = the largest single peak among them).
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        if psutil is not None:
            sampler.join()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    max_process = usage.ru_maxrss * unit
    if proc.returncode != 0:
        print(f"command failed (exit {proc.returncode}): {' '.join(command)}", file=sys.stderr)
        print(stderr[-3000:], file=sys.stderr)
        _print_failed_job_logs(cwd)
        sys.exit(1)
    mb = 1024 * 1024
    return Measured(seconds, max(peak, max_process) / mb, max_process / mb), stderr


def snakemake(work: Path, cores: int, *extra: str) -> Measured:
    command = [
        sys.executable,
        "-m",
        "snakemake",
        "--snakefile",
        str(ROOT / "Snakefile"),
        "--directory",
        str(work),
        "--cores",
        str(cores),
        *extra,
        # `--quiet` takes optional values, so this "all" is read as `--quiet all`, not as the
        # target; the target is the Snakefile's default one, rule `all`, all the same.
        "--quiet",
        "all",
    ]
    return measure(command, cwd=work)[0]


def write_config(work: Path, batch_size: int | None) -> None:
    lines = [
        "corpus: [corpus]",
        "second_coding: []",
        f"codebook: {json.dumps((ROOT / 'data' / 'codebook.yaml').as_posix())}",
        f"tagger: {{example_bank: {json.dumps((ROOT / 'data' / 'examples').as_posix())}}}",
    ]
    if batch_size is not None:
        lines.append(f"batch_size: {batch_size}")
    (work / "config.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def body(text: str) -> str:
    """The text of a transcript as fed to spaCy: no front matter, markers or speaker labels."""
    return _LABEL.sub("", _MARKER.sub("", _FRONT_MATTER.sub("", text, count=1)))


def prepare(work: Path, n: int, *, demo: bool, batch_size: int | None, seed: int) -> str:
    """Fill ``work`` with a corpus of ``n`` documents and a config; the corpus' description."""
    corpus = work / "corpus"
    if demo and n == DEMO_SIZE:
        for folder in sorted(DEMO.iterdir()):
            if folder.is_dir() and not folder.name.startswith(("_", ".")):
                shutil.copytree(folder, corpus / folder.name)
        source = "demo"
    else:
        generate_corpus(corpus, n, seed=seed)
        source = "generated"
    write_config(work, batch_size)
    return source


def spacy_words_per_second(texts: list[str], words: int) -> float:
    from wijkverbinders.nlp import build_pipeline

    # A fresh pipeline (fresh vocabulary) per size, as each pipeline job starts with; building it
    # is not timed.
    build_pipeline.cache_clear()
    nlp = build_pipeline()
    nlp("Warm-up.")
    start = time.perf_counter()
    list(nlp.pipe(texts))
    return words / (time.perf_counter() - start)


def bench_size(n: int, args: argparse.Namespace, base: Path) -> Row:
    work = base / f"n{n}"
    work.mkdir()
    source = prepare(work, n, demo=args.demo, batch_size=args.batch_size, seed=args.seed)
    paths = sorted((work / "corpus").rglob("*.txt"))
    texts = [body(p.read_text(encoding="utf-8")) for p in paths]
    words = sum(len(t.split()) for t in texts)
    print(f"N={n}: {len(paths)} {source} documents, {words:,} words; cold run ...", flush=True)
    cold = snakemake(work, args.cores)
    rule_times = rule_seconds(work)
    print(f"N={n}: cold {cold.seconds:.1f} s; no-op rerun ...", flush=True)
    noop = snakemake(work, args.cores)
    first = 1 if source == "demo" else n + 1  # GEN-00001 is no demo id
    extra = add_document(work / "corpus", first, seed=args.seed)
    extra.write_text(_MARKER.sub("", extra.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"N={n}: added {extra.name} (no codes); rerun ...", flush=True)
    add_one = snakemake(work, args.cores)
    coded = add_document(work / "corpus", first + 1, seed=args.seed)
    print(f"N={n}: added {coded.name} (coded); rerun ...", flush=True)
    add_coded = snakemake(work, args.cores)
    print(f"N={n}: spaCy alone on the same {len(texts)} bodies ...", flush=True)
    spacy_wps = spacy_words_per_second(texts, words)
    return Row(n, source, len(paths), words, cold, spacy_wps, noop, add_one, add_coded, rule_times)


def rule_seconds(work: Path) -> dict[str, float]:
    """Summed wall seconds per rule, from the `benchmark:` files the run wrote."""
    totals: dict[str, float] = {}
    folder = work / "benchmarks"
    for path in sorted(folder.rglob("*.tsv")) if folder.is_dir() else []:
        rel = path.relative_to(folder)
        rule = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) >= 2:
            totals[rule] = totals.get(rule, 0.0) + float(lines[1].split("\t")[0])
    return dict(sorted(totals.items(), key=lambda item: -item[1]))


def bench_dry_run(d: int, args: argparse.Namespace, base: Path) -> tuple[Measured, Measured]:
    work = base / f"dry{d}"
    work.mkdir()
    prepare(work, d, demo=False, batch_size=args.batch_size, seed=args.seed)
    print(f"dry run: {d} generated documents; first call ...", flush=True)
    first = snakemake(work, args.cores, "--dry-run")
    second = snakemake(work, args.cores, "--dry-run")
    return first, second


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("ok" if ok else "MISS")


def report(rows: list[Row], dry: tuple[int, Measured, Measured] | None, cores: int) -> None:
    print()
    print(f"cores: {cores}   CPUs on this machine: {os.cpu_count()}   python: {sys.executable}")
    print(f"peak memory: {memory_method()}")
    print()
    header = (
        f"{'N':>6} {'source':>9} {'docs':>6} {'words':>10} {'cold s':>8} {'peak MB':>8} "
        f"{'words/s':>9} {'spaCy w/s':>10} {'ratio %':>8} {'no-op s':>8} {'add-one s':>9} "
        f"{'add %':>6} {'coded s':>8} {'coded %':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r.n:>6} {r.source:>9} {r.documents:>6} {r.words:>10,} {r.cold.seconds:>8.1f} "
            f"{r.cold.peak_mb:>8.0f} {r.wps:>9,.0f} {r.spacy_wps:>10,.0f} {r.ratio:>8.1f} "
            f"{r.noop.seconds:>8.2f} {r.add_one.seconds:>9.2f} {r.add_pct:>6.1f} "
            f"{r.add_coded.seconds:>8.2f} {r.add_coded_pct:>8.1f}"
        )
    if rows:
        print()
        print("cold run, seconds per rule (summed over its jobs; the five largest):")
        for r in rows:
            top = list(r.rule_seconds.items())[:5]
            print(f"  N={r.n}: " + ", ".join(f"{rule} {sec:.1f}" for rule, sec in top))
        print()
        print("largest single process (MB), cold / no-op / add-one:")
        for r in rows:
            print(
                f"  N={r.n}: {r.cold.max_process_mb:.0f} / {r.noop.max_process_mb:.0f} / "
                f"{r.add_one.max_process_mb:.0f}"
            )
    if dry:
        d, first, second = dry
        print()
        print(
            f"dry run, {d:,} documents: first {first.seconds:.1f} s "
            f"(peak {first.peak_mb:.0f} MB), second {second.seconds:.1f} s "
            f"(peak {second.peak_mb:.0f} MB)"
        )
    print()
    print(f"{'target':<36} {'measured':<40} verdict")
    checks: list[tuple[str, str, bool | None]] = []
    for r in rows:
        tag = f"N={r.n}"
        if r.n == 1000:
            checks.append(
                (
                    f"cold <= {COLD_MAX_1000:.0f} s at 1,000",
                    f"{r.cold.seconds:.1f} s",
                    r.cold.seconds <= COLD_MAX_1000,
                )
            )
        checks.append(
            (f"ratio >= {RATIO_MIN:.0f}% ({tag})", f"{r.ratio:.1f}%", r.ratio >= RATIO_MIN)
        )
        if r.n <= DEMO_SIZE:
            checks.append(
                (
                    f"no-op <= {NOOP_MAX_21:.0f} s at 21 ({tag})",
                    f"{r.noop.seconds:.2f} s",
                    r.noop.seconds <= NOOP_MAX_21,
                )
            )
        if r.n == 1000:
            checks.append(
                (
                    f"no-op <= {NOOP_MAX_1000:.0f} s at 1,000",
                    f"{r.noop.seconds:.2f} s",
                    r.noop.seconds <= NOOP_MAX_1000,
                )
            )
        checks.append(
            (
                f"add one uncoded <= {ADD_ONE_MAX_PCT:.0f}% ({tag})",
                f"{r.add_one.seconds:.2f} s = {r.add_pct:.1f}%",
                r.add_pct <= ADD_ONE_MAX_PCT,
            )
        )
        checks.append(
            (
                f"add one coded <= {ADD_ONE_MAX_PCT:.0f}% ({tag})",
                f"{r.add_coded.seconds:.2f} s = {r.add_coded_pct:.1f}%",
                r.add_coded_pct <= ADD_ONE_MAX_PCT,
            )
        )
        peak = max(r.cold.peak_mb, r.noop.peak_mb, r.add_one.peak_mb, r.add_coded.peak_mb)
        checks.append(
            (f"peak <= {PEAK_MAX_MB:.0f} MB ({tag})", f"{peak:.0f} MB", peak <= PEAK_MAX_MB)
        )
    if dry:
        d, first, second = dry
        slowest = max(first.seconds, second.seconds)
        applies = d >= 10_000
        checks.append(
            (
                f"dry run <= {DRY_RUN_MAX_10000:.0f} s at 10,000",
                f"{slowest:.1f} s at {d:,}" + ("" if applies else " (target is for 10,000)"),
                slowest <= DRY_RUN_MAX_10000 if applies else None,
            )
        )
    for target, measured, ok in checks:
        print(f"{target:<36} {measured:<40} {_verdict(ok)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[21, 300, 1000])
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--dry-run-documents", type=int, default=None, metavar="D")
    parser.add_argument(
        "--batch-size", type=int, default=None, help="write batch_size: N into the config"
    )
    parser.add_argument(
        "--demo", action="store_true", help="use the demo corpus (21 documents) for N=21"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic text")
    parser.add_argument("--keep", action="store_true", help="keep the work folders; print them")
    args = parser.parse_args()
    if any(n < 1 for n in args.documents):
        parser.error("--documents: sizes must be 1 or more")

    base = Path(tempfile.mkdtemp(prefix="wijkverbinders-bench-"))
    try:
        rows = [bench_size(n, args, base) for n in args.documents]
        dry = None
        if args.dry_run_documents:
            dry = (args.dry_run_documents, *bench_dry_run(args.dry_run_documents, args, base))
        report(rows, dry, args.cores)
    finally:
        if args.keep:
            print(f"\nwork folders kept in {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
