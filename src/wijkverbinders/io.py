"""Reading and writing the pipeline's files, one place per format, byte-for-byte deterministic."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from wijkverbinders.transcript import ContextTurn, Document, Segment

if TYPE_CHECKING:
    from wijkverbinders.tagging import Suggestion

FLOAT_FORMAT = "%.4f"


def _ensure_parent(path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def write_json(data: object, path: str | Path) -> None:
    """JSON with sorted keys and a final newline, so equal data gives equal bytes."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    _ensure_parent(path).write_text(text + "\n", encoding="utf-8")


def read_json(path: str | Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write_document(document: Document, path: str | Path) -> None:
    """Store a parsed document (restricted: it holds the full text)."""
    write_json(asdict(document), path)


def read_document(path: str | Path) -> Document:
    data = read_json(path)
    data["segments"] = tuple(Segment(**{**s, "codes": tuple(s["codes"])}) for s in data["segments"])
    data["context_turns"] = tuple(ContextTurn(**t) for t in data["context_turns"])
    return Document(**data)


def write_table(frame: pd.DataFrame, path: str | Path) -> None:
    """A tidy CSV: UTF-8, ``\\n`` line ends, fixed float format, no index."""
    frame.to_csv(_ensure_parent(path), index=False, lineterminator="\n", float_format=FLOAT_FORMAT)


def read_table(path: str | Path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, dtype=str)


SUGGESTION_COLUMNS = ["doc_id", "segment_id", "code", "score", "method", "evidence", "synthetic"]


def suggestions_frame(suggestions: list[Suggestion]) -> pd.DataFrame:
    return pd.DataFrame([asdict(s) for s in suggestions], columns=SUGGESTION_COLUMNS)
