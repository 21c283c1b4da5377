import re
from pathlib import Path

import pytest

from wijkverbinders.codebook import load_codebook
from wijkverbinders.errors import InputError


def test_codebook_has_the_study_codes(codebook):
    assert len(codebook.ids) == 15
    assert [c.id for c in codebook.in_group("role")] == [
        "role_informing",
        "role_agenda_setting",
        "role_exploring",
        "role_facilitating",
        "role_fixer",
    ]
    assert [c.id for c in codebook.in_group("barrier")] == [
        "barrier_positional",
        "barrier_relational",
        "barrier_communicative",
        "barrier_other",
    ]
    assert codebook.label("role_agenda_setting") == "Agenderen"
    assert "agenderen" in codebook.get("role_agenda_setting").indicator_lemmas
    assert "op de hoogte houden" in codebook.get("role_informing").indicator_lemmas


def test_did_you_mean(codebook):
    assert codebook.did_you_mean("role_fixr") == "role_fixer"
    assert codebook.did_you_mean("barrier_positonal") == "barrier_positional"
    assert codebook.did_you_mean("zzz") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("codes: [", "not valid YAML"),
        ("name: x\n", "codebook.yaml: top level: 'codes' is a required property"),
        (
            "codes:\n  - id: a\n    group: role\n",
            "codebook.yaml: code 'a': 'label' is a required property",
        ),
        (
            "codes:\n  - {id: a, group: nope, label: A, definition: d, indicator_lemmas: [x]}\n",
            "codebook.yaml: code 'a', field 'group': 'nope' is not one of ['role', 'barrier', "
            "'outcome', 'recommendation']",
        ),
        (
            "codes:\n"
            "  - {id: a, group: role, label: Fixer, definition: d, indicator_lemmas: [x]}\n"
            "  - {id: b, group: role, label: fixer, definition: d, indicator_lemmas: [x]}\n",
            "'fixer' of code 'b' is also the id or label of 'a': ids and labels must differ",
        ),
        (
            "codes:\n"
            "  - {id: a, group: role, label: A, definition: d, indicator_lemmas: [x]}\n"
            "  - {id: a, group: role, label: A, definition: d, indicator_lemmas: [x]}\n",
            "appears twice",
        ),
    ],
)
def test_bad_codebook_gets_a_clear_error(tmp_path: Path, text, message):
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        load_codebook(path)


def test_missing_codebook(tmp_path):
    with pytest.raises(InputError, match="codebook not found"):
        load_codebook(tmp_path / "nope.yaml")
