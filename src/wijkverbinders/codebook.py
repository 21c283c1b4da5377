"""The codebook: code ids, groups, Dutch labels, definitions and indicator lemmas.

`data/codebook.yaml` is the single source of truth; everything else (validation, tagging, table
labels, figure labels) reads it through :func:`load_codebook`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from wijkverbinders.errors import InputError
from wijkverbinders.model import normalise_key

GROUP_ORDER = ("role", "barrier", "outcome", "recommendation")


@dataclass(frozen=True)
class Code:
    """One code of the codebook."""

    id: str
    group: str
    label: str
    short: str
    definition: str
    include: str
    exclude: str
    examples: tuple[str, ...]
    indicator_lemmas: tuple[str, ...]


@dataclass(frozen=True)
class Codebook:  # noqa: PLW1641 (hashing is not needed)
    """All codes, in codebook order, with their groups."""

    name: str
    version: str
    codes: tuple[Code, ...]
    group_labels: dict[str, str]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(code.id for code in self.codes)

    def __contains__(self, code_id: object) -> bool:
        return code_id in self.ids

    def get(self, code_id: str) -> Code:
        for code in self.codes:
            if code.id == code_id:
                return code
        raise KeyError(code_id)

    def in_group(self, group: str) -> tuple[Code, ...]:
        """Codes of one group (``role``, ``barrier``, ``outcome``, ``recommendation``)."""
        return tuple(code for code in self.codes if code.group == group)

    def label(self, code_id: str) -> str:
        return self.get(code_id).label

    def resolve(self, name: str) -> str | None:
        """The code id for an id or Dutch label in any case (``Role_Fixer``, ``fixer``)."""
        return self._names.get(normalise_key(name))

    @cached_property
    def _names(self) -> dict[str, str]:
        names = {normalise_key(code.label): code.id for code in self.codes}
        names.update({normalise_key(code.id): code.id for code in self.codes})
        return names

    def did_you_mean(self, code_id: str) -> str | None:
        """The closest known code id to a misspelt one, or None."""
        close = difflib.get_close_matches(code_id, self.ids, n=1, cutoff=0.6)
        return close[0] if close else None


def load_codebook(path: str | Path) -> Codebook:
    """Read a codebook YAML file and check it against ``schemas/codebook.schema.json``.

    Args:
        path: Path to the codebook, e.g. ``data/codebook.yaml``.

    Returns:
        The codebook.

    Raises:
        InputError: When the file is missing, is not valid YAML, breaks the schema, or uses an
            id or label twice (compared case-insensitively).
    """
    from jsonschema import Draft202012Validator

    from wijkverbinders.packaged import load_schema

    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: codebook not found") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise InputError(f"{path}: a codebook needs a top-level 'codes:' list")
    errors = sorted(
        Draft202012Validator(load_schema("codebook.schema.json")).iter_errors(raw),
        key=lambda e: list(map(str, e.path)),
    )
    if errors:
        lines = []
        for error in errors:
            where = "/".join(map(str, error.path)) or "top level"
            if len(error.path) >= 2 and error.path[0] == "codes":
                entry = raw["codes"][error.path[1]]
                code = entry.get("id") if isinstance(entry, dict) else None
                where = f"code '{code}'" if code else f"code #{error.path[1] + 1}"
                if len(error.path) > 2:
                    where += f", field '{error.path[2]}'"
            lines.append(f"{path}: {where}: {error.message}")
        raise InputError("\n".join(lines))
    group_labels = {g["id"]: g.get("label", g["id"]) for g in raw.get("groups", [])}
    codes = []
    seen: dict[str, str] = {}
    for entry in raw["codes"]:
        for name in (entry["id"], entry["label"]):
            key = normalise_key(name)
            if key in seen and seen[key] != entry["id"]:
                raise InputError(
                    f"{path}: '{name}' of code '{entry['id']}' is also the id or label of "
                    f"'{seen[key]}': ids and labels must differ (compared case-insensitively)"
                )
            if key in seen and name == entry["id"]:
                raise InputError(f"{path}: code id '{entry['id']}' appears twice")
            seen[key] = entry["id"]
        codes.append(
            Code(
                id=entry["id"],
                group=entry["group"],
                label=entry["label"],
                short=entry.get("short", ""),
                definition=entry["definition"].strip(),
                include=str(entry.get("include", "")).strip(),
                exclude=str(entry.get("exclude", "")).strip(),
                examples=tuple(entry.get("examples", ())),
                indicator_lemmas=tuple(str(lemma) for lemma in entry["indicator_lemmas"]),
            )
        )
    return Codebook(
        name=str(raw.get("name", path.stem)),
        version=str(raw.get("version", "")),
        codes=tuple(codes),
        group_labels=group_labels,
    )
