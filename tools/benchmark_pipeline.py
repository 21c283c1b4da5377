"""Benchmark: cold and no-op run time of the whole pipeline on the demo corpus.

Copies the workflow, config and data into a temporary folder, runs `snakemake --cores N` twice
and prints wall-clock seconds for each run. Usage:

    .venv/bin/python tools/benchmark_pipeline.py [--cores 2]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(workdir: Path, cores: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "--snakefile",
            str(ROOT / "Snakefile"),
            "--directory",
            str(workdir),
            "--cores",
            str(cores),
            "--quiet",
            "all",
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "data", work / "data", ignore=shutil.ignore_patterns("raw"))
        shutil.copy(ROOT / "config.yaml", work / "config.yaml")
        documents = len([p for p in (work / "data" / "demo").rglob("*.txt")])
        cold = run(work, args.cores)
        noop = run(work, args.cores)
    print(f"files: {documents} (corpus + second coding), cores: {args.cores}")
    print(f"cold run:  {cold:6.1f} s")
    print(f"no-op run: {noop:6.1f} s")


if __name__ == "__main__":
    main()
