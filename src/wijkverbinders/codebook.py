"""The codebook: code ids, groups, Dutch labels, definitions and indicator lemmas.

`data/codebook.yaml` is the single source of truth; everything else (validation, tagging, table
labels, figure labels) reads it through :func:`load_codebook`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import yaml

from wijkverbinders.errors import InputError

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
class Codebook:
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

    def did_you_mean(self, code_id: str) -> str | None:
        """The closest known code id to a misspelt one, or None."""
        close = difflib.get_close_matches(code_id, self.ids, n=1, cutoff=0.6)
        return close[0] if close else None


_REQUIRED_CODE_FIELDS = ("id", "group", "label", "definition", "indicator_lemmas")


def load_codebook(path: str | Path) -> Codebook:
    """Read and check a codebook YAML file.

    Args:
        path: Path to the codebook, e.g. ``data/codebook.yaml``.

    Returns:
        The codebook.

    Raises:
        InputError: When the file is missing, is not valid YAML or lacks required fields.
    """
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: codebook not found") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("codes"), list):
        raise InputError(f"{path}: a codebook needs a top-level 'codes:' list")
    group_labels = {g["id"]: g.get("label", g["id"]) for g in raw.get("groups", [])}
    codes = []
    seen: set[str] = set()
    for index, entry in enumerate(raw["codes"], start=1):
        missing = [f for f in _REQUIRED_CODE_FIELDS if not entry.get(f)]
        if missing:
            where = entry.get("id", f"code #{index}")
            raise InputError(f"{path}: {where}: missing field(s) {', '.join(missing)}")
        if entry["id"] in seen:
            raise InputError(f"{path}: code id '{entry['id']}' appears twice")
        if entry["group"] not in GROUP_ORDER:
            raise InputError(
                f"{path}: {entry['id']}: unknown group '{entry['group']}' "
                f"(expected one of {', '.join(GROUP_ORDER)})"
            )
        seen.add(entry["id"])
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
