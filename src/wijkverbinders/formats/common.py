"""What every reader shares: options, UTF-8 reading, default ids, flags and schema checks."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from wijkverbinders.errors import Problem
from wijkverbinders.packaged import load_schema

DEFAULT_INTERVIEWER_LABELS = ("I", "INT", "Interviewer")
DEFAULT_RESPONDENT_LABELS = ("R", "WR", "Respondent")
_TRUE = {"true", "yes", "ja"}
_FALSE = {"false", "no", "nee"}


@dataclass(frozen=True)
class ReadOptions:
    """Settings a reader needs beyond the file itself.

    Attributes:
        corpus_root: The corpus folder the file was found in; the default id is the path
            below it, without extension.
        interviewer_labels: Speaker labels that start an interviewer's turn unless a document
            declares its own.
        respondent_labels: Speaker labels that start a respondent's turn unless a document
            declares its own.
        code_map: ``(name, code id)`` pairs for code names of other tools that are neither an
            id nor a label of the codebook (code id '' leaves the code out, with a note).
    """

    corpus_root: Path | None = None
    interviewer_labels: tuple[str, ...] = DEFAULT_INTERVIEWER_LABELS
    respondent_labels: tuple[str, ...] = DEFAULT_RESPONDENT_LABELS
    code_map: tuple[tuple[str, str], ...] = ()


def corpus_folder(path: Path, corpus_root: Path | None) -> str:
    """The first folder below the corpus folder that holds ``path`` (the municipality), or ''."""
    if corpus_root is None:
        return ""
    try:
        parts = Path(path).absolute().relative_to(Path(corpus_root).absolute()).parts
    except ValueError:
        return ""
    return parts[0] if len(parts) > 1 else ""


def read_utf8(path: Path, problems: list[Problem]) -> str | None:
    """The file as text with ``\\n`` line ends; on bad bytes a problem naming line and encoding."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = _guess_encoding(raw)
        hint = f"it looks like {guess}; " if guess else ""
        problems.append(
            Problem(
                str(path),
                line,
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                f"{hint}save the file as UTF-8",
            )
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_encoding(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return best.encoding if best is not None else None


def default_id(path: Path, corpus_root: Path | None) -> str:
    """The path below the corpus folder without extension, else the file name without it."""
    if corpus_root is not None:
        try:
            return (
                path.absolute().relative_to(Path(corpus_root).absolute()).with_suffix("").as_posix()
            )
        except ValueError:
            pass
    return path.with_suffix("").name


def parse_flag(value: object) -> bool | None:
    """``true``/``false`` (also ``yes``/``no``, ``ja``/``nee``, any case) as a bool, else None."""
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


@lru_cache(maxsize=8)
@lru_cache(maxsize=8)
def _validator(name: str):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name))


def schema_problems(
    data: dict, schema: str, where: str, lines: dict[str, int], what: str
) -> list[Problem]:
    """Check ``data`` against a packaged JSON Schema; one precise problem per violation.

    Args:
        data: The mapping read from the file.
        schema: The schema's file name in ``wijkverbinders/schemas``.
        where: The file, for messages.
        lines: The line of each top-level key, for messages.
        what: What the keys are called in messages (``front-matter``).
    """
    found = []
    properties = load_schema(schema).get("properties", {})
    for error in sorted(_validator(schema).iter_errors(data), key=lambda e: list(e.path)):
        key = str(error.path[0]) if error.path else ""
        line = lines.get(key, 1)
        value = error.instance
        if error.validator == "additionalProperties" and not error.path:
            for extra in sorted(set(data) - set(properties)):
                close = difflib.get_close_matches(extra, list(properties), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                found.append(
                    Problem(where, lines.get(extra, 1), f"unknown {what} field '{extra}'{hint}")
                )
            continue
        if error.validator == "required":
            missing = error.message.split("'")[1]
            detail = " for an interview" if error.schema_path[0] == "allOf" else ""
            found.append(
                Problem(where, lines.get(missing, 1), f"missing required field '{missing}'{detail}")
            )
        elif error.validator == "enum" and key == "source_type":
            options = [str(o) for o in error.validator_value]
            close = difflib.get_close_matches(str(value), options, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            found.append(
                Problem(
                    where,
                    line,
                    f"unknown source_type '{value}' (expected {' or '.join(options)}{hint})",
                )
            )
        elif error.validator == "enum" and key == "synthetic":
            found.append(
                Problem(
                    where,
                    line,
                    f"synthetic must be true or false (ja/nee also work), not '{value}'",
                )
            )
        elif error.validator == "pattern" and key == "date":
            found.append(Problem(where, line, f"date '{value}' is not a date like 2026-03-12"))
        elif error.validator in ("type", "oneOf") and isinstance(value, dict | list):
            found.append(
                Problem(where, line, f"field '{key}' must be a single value, not a list or mapping")
            )
        else:
            field = ".".join(str(p) for p in error.path) or what
            found.append(Problem(where, line, f"field '{field}': {error.message}"))
    return found
