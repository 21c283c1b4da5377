"""Helpers of tools/cluster/test_cluster.sh (the SLURM cluster test).

Subcommands:

- ``corpus WORK --documents N``: write N synthetic transcripts (``wijkverbinders.synthetic``)
  into ``WORK/corpus`` and a ``WORK/config.yaml`` pointing at them and at the repository's
  codebook and example bank (as tools/benchmark_pipeline.py does). The tagger evaluation is
  capped (``--train-segments``; one evaluation scheme, ``--eval-segments``, ``--eval-folds``)
  to keep the test short.
- ``default-resources PROFILE [KEY=VALUE ...]``: the profile's ``default-resources`` as
  ``KEY=VALUE`` lines for ``--default-resources``, without the site settings (slurm_account,
  slurm_partition), followed by the given ones. (A command-line ``--default-resources``
  replaces the profile's whole list, so the rest is repeated.)
- ``same-json A B``: whether two JSON files hold the same data apart from the run time
  (``data.seconds``); prints where they differ. (``results/tagging/evaluation.json`` records
  how long the evaluation took.)
- ``max-mem PROFILE``: the largest ``mem_mb`` the profile asks for (MB).
- ``memory-report WORK PROFILE``: per rule, the measured peak memory and time of a run
  (its ``benchmarks/``) next to what the profile asks for.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SITE_KEYS = ("slurm_account", "slurm_partition")


def _profile(path: str) -> dict:
    folder = Path(path)
    file = folder / "config.yaml" if folder.is_dir() else folder
    return yaml.safe_load(file.read_text(encoding="utf-8")) or {}


def corpus(args: argparse.Namespace) -> None:
    from wijkverbinders.synthetic import generate_corpus

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    generate_corpus(
        work / "corpus", args.documents, municipalities=args.municipalities, seed=args.seed
    )
    repo = Path(args.repo).resolve()
    evaluation = {
        "schemes": ["leave_one_municipality_out"],
        "max_segments": args.eval_segments,
        "max_folds": args.eval_folds,
    }
    lines = [
        "corpus: [corpus]",
        "second_coding: []",
        f"codebook: {json.dumps((repo / 'data' / 'codebook.yaml').as_posix())}",
        "tagger:",
        f"  example_bank: {json.dumps((repo / 'data' / 'examples').as_posix())}",
        f"  max_training_segments: {args.train_segments}",
        f"  evaluation: {json.dumps(evaluation)}",
    ]
    (work / "config.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def default_resources(args: argparse.Namespace) -> None:
    given = dict(item.split("=", 1) for item in args.settings)
    defaults = _profile(args.profile).get("default-resources") or {}
    for key, value in defaults.items():
        if key not in SITE_KEYS and key not in given:
            print(f"{key}={value}")
    for key, value in given.items():
        print(f"{key}={value}")


TIMING = ("data", "seconds")  # where evaluation.json records how long the evaluation took


def _without_timing(value):
    outer, inner = TIMING
    if isinstance(value, dict) and isinstance(value.get(outer), dict):
        value = {**value, outer: {k: v for k, v in value[outer].items() if k != inner}}
    return value


def _differences(a, b, where: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        found = []
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                found.append(f"{where}/{key}: only in {'the first' if key in a else 'the second'}")
            else:
                found += _differences(a[key], b[key], f"{where}/{key}")
        return found
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in _differences(x, y, f"{where}[{i}]")
        ]
    return [] if a == b else [f"{where or '/'}: {json.dumps(a)[:80]} != {json.dumps(b)[:80]}"]


def same_json(args: argparse.Namespace) -> int:
    a, b = (
        _without_timing(json.loads(Path(p).read_text(encoding="utf-8"))) for p in (args.a, args.b)
    )
    found = _differences(a, b)
    for line in found[:10]:
        print(f"  {line}")
    return 1 if found else 0


def max_mem(args: argparse.Namespace) -> None:
    profile = _profile(args.profile)
    values = [(profile.get("default-resources") or {}).get("mem_mb", 0)]
    values += [(r or {}).get("mem_mb", 0) for r in (profile.get("set-resources") or {}).values()]
    print(max(int(v) for v in values))


def memory_report(args: argparse.Namespace) -> None:
    profile = _profile(args.profile)
    defaults = profile.get("default-resources") or {}
    per_rule = profile.get("set-resources") or {}
    measured: dict[str, list[tuple[float, float]]] = {}
    folder = Path(args.work) / "benchmarks"
    for path in sorted(folder.rglob("*.tsv")) if folder.is_dir() else []:
        rel = path.relative_to(folder)
        rule = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) < 2:
            continue
        header, values = lines[0].split("\t"), lines[-1].split("\t")
        row = dict(zip(header, values, strict=False))
        try:
            seconds, rss = float(row["s"]), float(row["max_rss"])
        except (KeyError, ValueError):
            continue
        measured.setdefault(rule, []).append((seconds, rss))
    print(
        f"  {'rule':<20} {'jobs':>4} {'max s':>7} {'max RSS MB':>10} "
        f"{'asks mem_mb':>11} {'asks min':>8}"
    )
    for rule, rows in sorted(measured.items()):
        asked = {**defaults, **(per_rule.get(rule) or {})}
        print(
            f"  {rule:<20} {len(rows):>4} {max(s for s, _ in rows):>7.1f} "
            f"{max(r for _, r in rows):>10.0f} {asked.get('mem_mb', '-'):>11} "
            f"{asked.get('runtime', '-'):>8}"
        )


def main() -> int | None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("corpus")
    p.add_argument("work")
    p.add_argument("--documents", type=int, required=True)
    p.add_argument("--municipalities", type=int, default=8)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--train-segments", type=int, default=2000)
    p.add_argument("--eval-segments", type=int, default=500)
    p.add_argument("--eval-folds", type=int, default=2)
    p.add_argument("--repo", default=str(ROOT))
    p.set_defaults(func=corpus)
    p = sub.add_parser("default-resources")
    p.add_argument("profile")
    p.add_argument("settings", nargs="*", metavar="KEY=VALUE")
    p.set_defaults(func=default_resources)
    p = sub.add_parser("same-json")
    p.add_argument("a")
    p.add_argument("b")
    p.set_defaults(func=same_json)
    p = sub.add_parser("max-mem")
    p.add_argument("profile")
    p.set_defaults(func=max_mem)
    p = sub.add_parser("memory-report")
    p.add_argument("work")
    p.add_argument("profile")
    p.set_defaults(func=memory_report)
    args = parser.parse_args()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
