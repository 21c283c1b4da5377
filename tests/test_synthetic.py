"""The synthetic transcript generator (benchmarks and load tests).

The format is checked with the small regexes below, not with the pipeline's reader.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wijkverbinders.codebook import load_codebook
from wijkverbinders.synthetic import add_document, generate_corpus

ROOT = Path(__file__).resolve().parent.parent
FRONT_MATTER = re.compile(r"\A---\n(?P<meta>(?:[a-z_]+: [^\n]+\n)+)---\n(?P<body>.*)\Z", re.S)
MARKER = re.compile(r"\{\{([^{}\n]*)\}\}")
TRAILING_MARKER = re.compile(r" \{\{([a-z_]+(?:, [a-z_]+)*)\}\}$")
TURN = re.compile(r"^(I|R): (\S.*)$")
LABEL_LIKE = re.compile(r"^\s*\w[\w .-]*:")


def _parse(path: Path) -> tuple[dict[str, str], list[str]]:
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    assert match, f"{path}: no front matter"
    meta = dict(line.split(": ", 1) for line in match["meta"].splitlines())
    body = match["body"]
    assert body.endswith("\n") and not body.endswith("\n\n")
    blocks = body[:-1].split("\n\n")
    assert all(block and "\n" not in block for block in blocks), path
    return meta, blocks


def _words(blocks: list[str], interview: bool) -> int:
    total = 0
    for block in blocks:
        text = TURN.match(block)[2] if interview else block
        total += len(MARKER.sub("", text).split())
    return total


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("synthetic")
    return root, generate_corpus(root, 12, municipalities=3, seed=1)


def test_files_folders_and_ids(corpus):
    root, result = corpus
    assert result.documents == 12
    assert len(result.paths) == 12
    assert sorted(p.name for p in root.iterdir()) == ["gemeente-01", "gemeente-02", "gemeente-03"]
    assert sorted(root.rglob("*.txt")) == sorted(result.paths)
    ids = []
    for path in result.paths:
        meta, _ = _parse(path)
        assert path.stem == meta["id"]
        assert re.fullmatch(r"GEN-\d{5}", meta["id"])
        assert meta["municipality"] == path.parent.name.replace("gemeente-", "Gemeente ")
        assert meta["source_type"] in {"interview", "observation"}
        assert meta["synthetic"] == "true"
        assert meta["respondent"] and meta["job_title"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["date"])
        ids.append(meta["id"])
    assert len(set(ids)) == 12


def test_deterministic(corpus, tmp_path):
    root, result = corpus
    again = generate_corpus(tmp_path / "again", 12, municipalities=3, seed=1)
    assert [p.relative_to(tmp_path / "again") for p in again.paths] == [
        p.relative_to(root) for p in result.paths
    ]
    assert [p.read_bytes() for p in again.paths] == [p.read_bytes() for p in result.paths]
    assert again.words == result.words
    other = generate_corpus(tmp_path / "other", 12, municipalities=3, seed=2)
    assert [p.read_bytes() for p in other.paths] != [p.read_bytes() for p in result.paths]


def test_lengths_and_word_total(corpus):
    _, result = corpus
    total = 0
    kinds = set()
    for path in result.paths:
        meta, blocks = _parse(path)
        interview = meta["source_type"] == "interview"
        kinds.add(meta["source_type"])
        words = _words(blocks, interview)
        total += words
        if interview:
            assert 1300 * 0.9 <= words <= 1300 * 1.1, (path, words)
        else:
            assert 650 * 0.85 <= words <= 650 * 1.15, (path, words)
    assert total == result.words
    assert "interview" in kinds


def test_markers_and_turns(corpus):
    _, result = corpus
    codebook_ids = set(load_codebook(ROOT / "data" / "codebook.yaml").ids)
    respondent_turns = marked = 0
    for path in result.paths:
        meta, blocks = _parse(path)
        interview = meta["source_type"] == "interview"
        for block in blocks:
            if interview:
                turn = TURN.match(block)
                assert turn, (path, block[:40])
                label, text = turn.groups()
            else:
                label, text = "R", block
                assert not LABEL_LIKE.match(block), (path, block[:40])
            assert not LABEL_LIKE.match(text), (path, text[:40])
            markers = MARKER.findall(text)
            if label == "I":
                assert not markers and "{" not in text and "}" not in text
                continue
            respondent_turns += 1
            trailing = TRAILING_MARKER.search(text)
            rest = text[: trailing.start()] if trailing else text
            assert "{" not in rest and "}" not in rest, (path, text[-80:])
            if trailing:
                marked += 1
                codes = trailing[1].split(", ")
                assert 1 <= len(codes) <= 2
                assert len(set(codes)) == len(codes)
                assert set(codes) <= codebook_ids
    assert 0.35 <= marked / respondent_turns <= 0.85


def test_add_document(corpus, tmp_path):
    root, _ = corpus
    copy = generate_corpus(tmp_path / "c", 12, municipalities=3, seed=1)
    path = add_document(tmp_path / "c", 13, seed=1, municipalities=3)
    meta, _ = _parse(path)
    assert meta["id"] == "GEN-00013"
    assert meta["id"] not in {p.stem for p in copy.paths}
    assert meta["source_type"] == "interview"
    assert path.parent.parent == tmp_path / "c"
    with pytest.raises(FileExistsError):
        add_document(tmp_path / "c", 13, seed=1, municipalities=3)
    with pytest.raises(FileExistsError):
        add_document(tmp_path / "c", 5, seed=1, municipalities=3)


def test_generated_files_pass_the_reader(corpus):
    from wijkverbinders.corpus import survey

    root, result = corpus
    study = survey([root], [], load_codebook(ROOT / "data" / "codebook.yaml"))
    assert study.problems == []
    assert sorted(s.id for s in study.summaries) == sorted(p.stem for p in result.paths)
