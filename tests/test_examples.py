"""The example bank loader: exact problems with file and line."""

import pytest

from wijkverbinders.errors import ValidationFailed
from wijkverbinders.examples import bank_summary, load_bank, read_bank_file

GOOD = """\
- id: T1-0001
  text: "Ik heb de bewoners en de man van Groen  bij elkaar gezet."
  codes: [role_facilitating, Fixer]
- id: T1-0002
  text: "De wijkagent regelde het zelf."
  codes: []
  hard: other_actor
"""


def test_reads_items_with_writer_register_and_resolved_codes(tmp_path, codebook):
    path = tmp_path / "t1_interview_talk.yaml"
    path.write_text(GOOD, encoding="utf-8")
    examples, problems = read_bank_file(path, codebook)
    assert problems == []
    first, second = examples
    assert (first.id, first.writer, first.register) == ("T1-0001", "t1", "interview_talk")
    assert first.codes == ("role_facilitating", "role_fixer")
    assert first.text == "Ik heb de bewoners en de man van Groen bij elkaar gezet."
    assert (second.codes, second.hard) == ((), "other_actor")
    summary = bank_summary(examples, codebook)
    assert (summary["examples"], summary["without_code"], summary["hard"]) == (
        2,
        1,
        {"other_actor": 1},
    )
    assert summary["codes"]["role_fixer"] == 1


def test_every_problem_names_file_line_and_item(tmp_path, codebook):
    path = tmp_path / "t2_news.yaml"
    path.write_text(
        GOOD
        + '- id: T2-0003\n  text: "x"\n  codes: role_fixer\n'
        + '- id: T2-0004\n  text: "y"\n  codes: [role_fixr, role_fixer, role_fixer]\n'
        + '- id: T2-0005\n  text: "z"\n  codes: []\n  hard: sarcasm\n  note: x\n',
        encoding="utf-8",
    )
    _, problems = read_bank_file(path, codebook)
    assert [str(p).replace(f"{tmp_path}/", "") for p in problems] == [
        "t2_news.yaml:8: T2-0003: codes must be a list ([] for none), not 'role_fixer'",
        "t2_news.yaml:11: T2-0004: unknown code 'role_fixr'",
        "t2_news.yaml:11: T2-0004: code 'role_fixer' given twice",
        "t2_news.yaml:14: unknown field(s) note",
        "t2_news.yaml:14: T2-0005: hard must be one of denial, wish, other_actor, generic, "
        "positive, neutral, open_outcome, irony, reported, not 'sarcasm'",
    ]


def test_ids_are_unique_across_files_and_bad_yaml_is_reported(tmp_path, codebook):
    (tmp_path / "t1_a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "t3_b.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load_bank([tmp_path], codebook)
    assert [p.message for p in failed.value.problems] == [
        f"id 'T1-0001' is also used in {tmp_path / 't1_a.yaml'}: ids must be unique",
        f"id 'T1-0002' is also used in {tmp_path / 't1_a.yaml'}: ids must be unique",
    ]
    (tmp_path / "t3_b.yaml").write_text('- id: X\n  text: "a\n', encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load_bank([tmp_path], codebook)
    assert [str(p).split(": ", 1)[1] for p in failed.value.problems][-1].startswith(
        "not valid YAML"
    )
