"""The console command: clear messages and exit codes, no tracebacks for user errors."""

import subprocess
import sys

from tests.conftest import CODEBOOK, ROOT, TEST_CORPUS
from wijkverbinders.cli import FIGURE_NAMES, main
from wijkverbinders.figures import FIGURES


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "wijkverbinders.cli", "--codebook", str(CODEBOOK), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_validate_ok():
    result = run("validate", str(TEST_CORPUS))
    assert result.returncode == 0
    assert "ok: 4 file(s), no problems" in result.stdout


def test_validate_lists_every_problem_without_traceback(write_transcript):
    bad = write_transcript("I: x\n\nR: ja {{role_fixr}}\n\nR: nee {{role_fixer\n")
    result = run("validate", str(bad.parent.parent))
    assert result.returncode == 1
    assert f"{bad}:11: unknown code 'role_fixr' (did you mean 'role_fixer'?)" in result.stderr
    assert f"{bad}:13: unclosed '{{{{'" in result.stderr
    assert "2 problem(s) found" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_missing_path_and_missing_codebook(tmp_path):
    result = run("validate", str(tmp_path / "nope"))
    assert result.returncode == 1 and "no such file or folder" in result.stderr
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "wijkverbinders.cli",
            "--codebook",
            str(tmp_path / "c.yaml"),
            "validate",
            str(TEST_CORPUS),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "codebook not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_second_coding():
    result = run("validate", str(TEST_CORPUS), "--second-coding", str(ROOT / "tests/data/coder_b"))
    assert result.returncode == 0, result.stderr


def test_corpus_stats_reports_words_and_label_words(capsys):
    assert main(["--codebook", str(CODEBOOK), "corpus-stats", str(TEST_CORPUS)]) == 0
    out = capsys.readouterr().out
    assert "T-KAT-INT-01" in out
    assert "Coded segments containing their own code's label word: 0/6" in out


def test_figure_names_match_figures():
    assert sorted(FIGURE_NAMES) == sorted(FIGURES)


def test_missing_input_file_is_a_message_not_a_traceback(tmp_path):
    result = run("annotate", str(tmp_path / "missing.json"), "-o", str(tmp_path / "out.json"))
    assert result.returncode == 2
    assert f"error: {tmp_path / 'missing.json'}: No such file or directory" in result.stderr
    assert "Traceback" not in result.stderr
