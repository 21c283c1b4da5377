"""The console command, in process: clear messages and exit codes, no tracebacks."""

from tests.conftest import CODEBOOK, TEST_CODER_B, TEST_CORPUS
from wijkverbinders import outputs
from wijkverbinders.cli import _parser, main


def run(capsys, *args):
    code = main(["--codebook", str(CODEBOOK), *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_ok(capsys):
    code, out, err = run(capsys, "validate", TEST_CORPUS)
    assert code == 0
    assert (out, err) == ("ok: 4 document(s) in 4 file(s) readable, 0 warning(s), 0 note(s)\n", "")


def test_validate_lists_every_problem(capsys, write_transcript):
    bad = write_transcript("I: x\n\nR: ja {{role_fixr}}\n\nR: nee {{role_fixer\n")
    code, _, err = run(capsys, "validate", bad.parent.parent)
    assert code == 1
    assert err.splitlines() == [
        f"{bad}:11: unknown code 'role_fixr' (did you mean 'role_fixer'?)",
        f"{bad}:13: unclosed '{{{{': close the code marker with '}}}}' on the same line",
        "2 problem(s) found",
    ]


def test_validate_missing_path_and_missing_codebook(capsys, tmp_path):
    code, _, err = run(capsys, "validate", tmp_path / "nope")
    assert (code, err) == (1, f"{tmp_path / 'nope'}: no such file or folder\n1 problem(s) found\n")
    code = main(["--codebook", str(tmp_path / "c.yaml"), "validate", str(TEST_CORPUS)])
    assert code == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'c.yaml'}: codebook not found\n"


def test_validate_second_coding(capsys):
    code, out, _ = run(capsys, "validate", TEST_CORPUS, "--second-coding", TEST_CODER_B)
    assert code == 0
    assert out.startswith("ok: 5 document(s) in 5 file(s) readable")


def test_corpus_stats_reports_words_and_label_words(capsys):
    code, out, _ = run(capsys, "corpus-stats", TEST_CORPUS)
    assert code == 0
    assert "T-KAT-INT-01" in out
    assert "Coded segments containing their own code's label word: 0/6" in out


def test_figure_choices_come_from_the_registry():
    figure = _parser()._subparsers._group_actions[0].choices["figure"]
    (name,) = [a for a in figure._actions if a.dest == "name"]
    assert name.choices == sorted(outputs.FIGURES)


def test_missing_input_file_is_a_message_not_a_traceback(capsys, tmp_path):
    code, _, err = run(capsys, "annotate", tmp_path / "missing.jsonl", "-o", tmp_path / "o.jsonl")
    assert code == 2
    assert err == f"error: {tmp_path / 'missing.jsonl'}: No such file or directory\n"


def test_read_and_annotate_subcommands(capsys, tmp_path):
    source = TEST_CORPUS / "katwijk" / "T-KAT-INT-01.txt"
    code, _, err = run(
        capsys, "read", source, "--corpus-root", TEST_CORPUS, "-o", tmp_path / "p.jsonl"
    )
    assert code == 0
    assert err == (
        f"read 1 file(s); wrote 1 document(s), 3 segment(s), 3 coding(s) to {tmp_path}/p.jsonl\n"
    )
    code, _, err = run(capsys, "annotate", tmp_path / "p.jsonl", "-o", tmp_path / "nlp.jsonl")
    assert code == 0
    assert (
        err.splitlines()[-1] == f"wrote 1 annotation(s) with rule matches to {tmp_path}/nlp.jsonl"
    )


def test_blind_copy_then_validate_as_second_coding(capsys, tmp_path):
    out = tmp_path / "blind"
    code, _, err = run(
        capsys, "blind-copy", TEST_CORPUS, "--out", out, "--id", "T-MSL-INT-01", "--coder", "B"
    )
    assert code == 0 and err == f"wrote 1 blind copy to {out}\n"
    copy = out / "maassluis" / "T-MSL-INT-01.txt"
    assert "{{" not in copy.read_text(encoding="utf-8")
    assert run(capsys, "validate", TEST_CORPUS, "--second-coding", out)[0] == 0
    code, _, err = run(capsys, "blind-copy", TEST_CORPUS, "--out", out, "--id", "T-MSL-INT-01")
    assert (code, err) == (2, f"error: {copy} exists: a second coder's work is never overwritten\n")
    code, _, err = run(capsys, "blind-copy", TEST_CORPUS, "--out", out, "--id", "NOPE")
    assert (code, err) == (2, f"error: no document with id 'NOPE' in {TEST_CORPUS}\n")
