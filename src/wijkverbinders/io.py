"""Reading and writing the pipeline's own files, one place per format, byte-for-byte
deterministic: JSON Lines of documents (restricted: they hold the text) and tidy CSV tables."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from wijkverbinders.model import CodedDocument, Coding, Document, Respondent, Segment

if TYPE_CHECKING:
    from wijkverbinders.tagging import Suggestion

FLOAT_FORMAT = "%.4f"


def ensure_parent(path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_json(data: object, path: str | Path) -> None:
    """JSON with sorted keys and a final newline, so equal data gives equal bytes."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    ensure_parent(path).write_text(text + "\n", encoding="utf-8")


def read_json(path: str | Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write_jsonl(records: Iterable[object], path: str | Path) -> int:
    """One JSON record per line; returns the number written."""
    lines = [_dumps(record) for record in records]
    ensure_parent(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def read_jsonl(paths: str | Path | Iterable[str | Path]) -> Iterator[dict]:
    for path in [paths] if isinstance(paths, str | Path) else paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)


def document_record(document: CodedDocument) -> dict:
    """A coded document as plain JSON data (restricted: it holds the full text)."""
    return asdict(document)


def document_from_record(data: dict) -> CodedDocument:
    doc = dict(data["document"])
    doc["respondents"] = tuple(Respondent(**r) for r in doc["respondents"])
    doc["scenes"] = tuple(doc.get("scenes", ()))
    doc["names"] = tuple(doc.get("names", ()))
    return CodedDocument(
        document=Document(**doc),
        segments=tuple(Segment(**s) for s in data["segments"]),
        codings=tuple(Coding(**c) for c in data["codings"]),
        context=tuple(Segment(**s) for s in data["context"]),
        source_counts=dict(data["source_counts"]),
    )


def write_documents(documents: Iterable[CodedDocument], path: str | Path) -> int:
    return write_jsonl((document_record(d) for d in documents), path)


def read_documents(paths: str | Path | Iterable[str | Path]) -> list[CodedDocument]:
    """Documents from one or more JSON Lines files, sorted by id."""
    documents = [document_from_record(record) for record in read_jsonl(paths)]
    return sorted(documents, key=lambda d: d.id)


def write_table(frame: pd.DataFrame, path: str | Path) -> None:
    """A tidy CSV: UTF-8, ``\\n`` line ends, fixed float format, no index."""
    frame.to_csv(ensure_parent(path), index=False, lineterminator="\n", float_format=FLOAT_FORMAT)


def read_table(path: str | Path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, dtype=str)


SUGGESTION_COLUMNS = ["doc_id", "segment_id", "code", "score", "method", "evidence", "synthetic"]


def suggestions_frame(suggestions: list[Suggestion]) -> pd.DataFrame:
    return pd.DataFrame([asdict(s) for s in suggestions], columns=SUGGESTION_COLUMNS)
