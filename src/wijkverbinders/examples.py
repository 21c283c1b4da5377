"""The example bank: short coded passages, written for this project, that a tagger learns from.

The bank lives in ``data/examples/`` as YAML files, one per writer and register, named
``<writer>_<register>.yaml`` (for example ``w3_field_notes.yaml``). Each file is a list of
items::

    - id: W3-0001
      text: "De wijkcoördinator belde om 10.12 zelf de aannemer over het hek."
      codes: [role_fixer]
    - id: W3-0002
      text: "..."
      codes: []
      hard: other_actor

``codes`` are code ids (or Dutch labels) of the codebook; ``hard`` marks a hard negative or hard
case and says which kind (see :data:`HARD_KINDS`). Every problem is reported with the file and
the item, so that a writer can fix a file in one go.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wijkverbinders.codebook import Codebook
from wijkverbinders.errors import Problem, ValidationFailed, errors_only

HARD_KINDS = (
    "denial",
    "wish",
    "other_actor",
    "generic",
    "positive",
    "neutral",
    "open_outcome",
    "irony",
    "reported",
)


@dataclass(frozen=True)
class Example:
    """One coded passage of the example bank."""

    id: str
    text: str
    codes: tuple[str, ...]
    writer: str
    register: str
    hard: str = ""
    source_path: str = ""


def _items_with_lines(path: Path) -> tuple[list[tuple[int, object]], list[Problem]]:
    """The top-level list items of a YAML file, each with the line it starts on."""
    import yaml

    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [], [Problem(where, 0, "not UTF-8: save the file as UTF-8")]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        return [], [Problem(where, line, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    if not isinstance(data, list) or node is None:
        return [], [Problem(where, 1, "expected a list of items ('- id: ...')")]
    return [(n.start_mark.line + 1, item) for n, item in zip(node.value, data, strict=True)], []


def read_bank_file(path: str | Path, codebook: Codebook) -> tuple[list[Example], list[Problem]]:
    """The examples of one bank file and every problem in it."""
    path = Path(path)
    where = str(path)
    writer, _, register = path.stem.partition("_")
    items, problems = _items_with_lines(path)
    examples = []
    for line, item in items:
        if not isinstance(item, dict):
            problems.append(Problem(where, line, "an item must be 'id:', 'text:', 'codes:'"))
            continue
        unknown = sorted(set(item) - {"id", "text", "codes", "hard"})
        if unknown:
            problems.append(Problem(where, line, f"unknown field(s) {', '.join(unknown)}"))
        item_id = str(item.get("id") or "").strip()
        text = item.get("text")
        codes = item.get("codes", None)
        if not item_id:
            problems.append(Problem(where, line, "missing id"))
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(where, line, f"{item_id or 'item'}: missing text"))
            continue
        if not isinstance(codes, list):
            problems.append(
                Problem(
                    where, line, f"{item_id}: codes must be a list ([] for none), not {codes!r}"
                )
            )
            continue
        resolved = []
        for code in codes:
            found = codebook.resolve(str(code))
            if found is None:
                problems.append(Problem(where, line, f"{item_id}: unknown code '{code}'"))
            elif found in resolved:
                problems.append(Problem(where, line, f"{item_id}: code '{found}' given twice"))
            else:
                resolved.append(found)
        hard = str(item.get("hard") or "")
        if hard and hard not in HARD_KINDS:
            problems.append(
                Problem(
                    where,
                    line,
                    f"{item_id}: hard must be one of {', '.join(HARD_KINDS)}, not '{hard}'",
                )
            )
        examples.append(
            Example(item_id, " ".join(text.split()), tuple(resolved), writer, register, hard, where)
        )
    return examples, problems


def load_bank(paths: Iterable[str | Path], codebook: Codebook) -> list[Example]:
    """Every example in the given files or folders (``*.yaml``), sorted by id.

    Raises:
        ValidationFailed: With every problem, including ids used twice across files.
    """
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(path.glob("*.yaml"))
        elif path.exists():
            files.append(path)
        else:
            raise ValidationFailed([Problem(str(path), 0, "no such file or folder")])
    examples: list[Example] = []
    problems: list[Problem] = []
    for file in files:
        found, more = read_bank_file(file, codebook)
        examples += found
        problems += more
    seen: dict[str, str] = {}
    for example in examples:
        if example.id in seen:
            problems.append(
                Problem(
                    example.source_path,
                    0,
                    f"id '{example.id}' is also used in {seen[example.id]}: ids must be unique",
                )
            )
        seen.setdefault(example.id, example.source_path)
    if errors_only(problems):
        raise ValidationFailed(problems)
    return sorted(examples, key=lambda e: e.id)


def bank_summary(examples: Sequence[Example], codebook: Codebook) -> dict:
    """Counts for the bank's datasheet: per register, writer, code and kind of hard case."""
    from collections import Counter

    return {
        "examples": len(examples),
        "registers": dict(sorted(Counter(e.register for e in examples).items())),
        "writers": dict(sorted(Counter(e.writer for e in examples).items())),
        "codes": {c: sum(c in e.codes for e in examples) for c in codebook.ids},
        "without_code": sum(not e.codes for e in examples),
        "hard": dict(sorted(Counter(e.hard for e in examples if e.hard).items())),
    }


def datasheet_tables(examples: Sequence[Example], codebook: Codebook) -> str:
    """The count tables of the bank's datasheet, as Markdown (checked against the datasheet)."""
    from collections import Counter

    import pandas as pd

    from wijkverbinders.corpus_stats import _markdown

    summary = bank_summary(examples, codebook)
    files = pd.DataFrame(
        [
            {"file": f"{w}_{r}.yaml", "writer": w, "register": r, "examples": n}
            for (w, r), n in sorted(Counter((e.writer, e.register) for e in examples).items())
        ]
    )
    codes = pd.DataFrame([{"code": c, "examples": n} for c, n in summary["codes"].items()])
    hard = pd.DataFrame([{"kind": k, "examples": n} for k, n in summary["hard"].items()])
    return "\n".join(
        [
            f"{summary['examples']} examples; {summary['without_code']} without any code; "
            f"{sum(1 for e in examples if e.hard)} marked as hard cases.",
            "",
            _markdown(files),
            "",
            "Examples per code (an example may carry several codes):",
            "",
            _markdown(codes),
            "",
            "Hard cases per kind:",
            "",
            _markdown(hard),
        ]
    )
