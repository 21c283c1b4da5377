"""Data files shipped inside the package (JSON Schemas), read without touching the disk layout."""

from __future__ import annotations

import json
from importlib import resources


def load_schema(name: str) -> dict:
    """A JSON Schema shipped with the package (``wijkverbinders/schemas/<name>``)."""
    text = resources.files("wijkverbinders").joinpath("schemas", name).read_text(encoding="utf-8")
    return json.loads(text)
