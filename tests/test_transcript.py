"""Parser: segmentation, offsets, codes, and one test per kind of bad input."""

import pytest

from wijkverbinders.corpus import find_transcripts, load_documents, validate_paths
from wijkverbinders.errors import ValidationFailed
from wijkverbinders.transcript import parse_document


def problems_of(path, codebook):
    with pytest.raises(ValidationFailed) as caught:
        parse_document(path, codebook)
    return [str(p) for p in caught.value.problems]


def test_interview_segments_are_respondent_turns(write_transcript, codebook):
    path = write_transcript(
        "I: Wat doe je?\n\nR: Ik regel klachten. {{role_fixer}}\n\nI: En?\n\n"
        "R: Eerste regel\ntweede regel. {{barrier_positional, role_fixer}}\n\nR: Niks.\n"
    )
    doc = parse_document(path, codebook)
    assert [s.text for s in doc.segments] == [
        "Ik regel klachten.",
        "Eerste regel\ntweede regel.",
        "Niks.",
    ]
    assert [s.codes for s in doc.segments] == [
        ("role_fixer",),
        ("barrier_positional", "role_fixer"),
        (),
    ]
    assert [s.segment_id for s in doc.segments] == ["doc:001", "doc:002", "doc:003"]
    assert [t.speaker for t in doc.context_turns] == ["I", "I"]
    assert doc.coded and doc.markers_read == 2 and doc.codings_read == 3
    # Line numbers point into the file (front matter has 8 lines).
    assert [s.line for s in doc.segments] == [11, 15, 18]


def test_offsets_round_trip(test_documents):
    for doc in test_documents:
        for segment in doc.segments:
            assert doc.body[segment.start : segment.end] == segment.text
            assert "{{" not in doc.body
    interview = next(d for d in test_documents if d.id == "T-KAT-INT-01")
    first = interview.segments[0]
    # An interview segment starts after the speaker label.
    assert interview.body[first.start - 3 : first.start] == "R: "


def test_observation_paragraphs_are_segments(write_transcript, codebook):
    path = write_transcript(
        "Eerste alinea\nmet twee regels. {{role_fixer}}\n\n  \nTweede alinea.\n\n\n"
        "Derde. {{barrier_other}}\n",
        source_type="observation",
    )
    doc = parse_document(path, codebook)
    assert [s.text for s in doc.segments] == [
        "Eerste alinea\nmet twee regels.",
        "Tweede alinea.",
        "Derde.",
    ]
    assert [s.codes for s in doc.segments] == [("role_fixer",), (), ("barrier_other",)]


def test_uncoded_document(write_transcript, codebook):
    doc = parse_document(write_transcript("I: Vraag?\n\nR: Antwoord.\n"), codebook)
    assert not doc.coded
    assert len(doc.segments) == 1


def test_default_id_is_path_below_corpus(write_transcript, codebook, tmp_path):
    path = write_transcript(
        "",
        raw="---\nmunicipality: Katwijk\nsource_type: observation\n"
        "job_title: wijkregisseur\ndate: 2026-01-01\n---\nTekst.\n",
    )
    doc = parse_document(path, codebook, corpus_root=tmp_path / "corpus")
    assert doc.id == "katwijk/doc"
    assert doc.respondent_label == "R"


def test_custom_respondent_label(write_transcript, codebook):
    path = write_transcript(
        "",
        raw="---\nmunicipality: Katwijk\nsource_type: interview\nrespondent: X\n"
        "job_title: wijkregisseur\ndate: 2026-01-01\nrespondent_label: W\n---\n"
        "I: Vraag?\n\nW: Antwoord. {{role_fixer}}\n",
    )
    doc = parse_document(path, codebook)
    assert [s.codes for s in doc.segments] == [("role_fixer",)]


def test_crlf_line_endings_are_read(write_transcript, codebook):
    text = (
        "---\r\nmunicipality: Katwijk\r\nsource_type: interview\r\nrespondent: X\r\n"
        "job_title: w\r\ndate: 2026-01-01\r\n---\r\nI: Vraag?\r\n\r\nR: Antwoord.\r\n"
    )
    doc = parse_document(write_transcript("", raw=text), codebook)
    assert doc.segments[0].text == "Antwoord."


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "I: x\n\nR: ja {{role_fixr}}\n",
            "doc.txt:11: unknown code 'role_fixr' (did you mean 'role_fixer'?)",
        ),
        ("I: x\n\nR: ja {{role_fixer\n", "doc.txt:11: unclosed '{{'"),
        ("I: x\n\nR: ja }} nee\n", "doc.txt:11: stray '}}'"),
        ("I: x\n\nR: ja {{}}\n", "doc.txt:11: empty code marker"),
        ("I: x {{role_fixer}}\n\nR: ja\n", "doc.txt:9: code marker on a turn by 'I'"),
        ("I: x\n\nR: ja {{role_fixer}} en nog iets\n", "doc.txt:11: code marker in the middle"),
        ("Hallo\nI: x\n\nR: ja\n", "doc.txt:9: text before the first speaker label"),
        ("I: x\n\nI: y\n", "no turns by the respondent"),
        ("   \n\n", "doc.txt:9: empty document"),
    ],
)
def test_body_problems(write_transcript, codebook, body, expected):
    problems = problems_of(write_transcript(body), codebook)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I: x\n\nR: y\n", "doc.txt:1: missing front matter"),
        ("---\nmunicipality: Katwijk\nI: x\n", "doc.txt:1: front matter not closed"),
        ("---\nmunicipality: [Katwijk\n---\nI: x\n", "malformed front matter"),
        ("---\njust text\n---\nI: x\n", "doc.txt:2: malformed front matter"),
        (
            "---\nmunicipality: Katwijk\nsource_type: interview\nrespondent: X\n"
            "date: 2026-01-01\n---\nR: y\n",
            "doc.txt:1: missing required field 'job_title'",
        ),
        (
            "---\nmunicipality: Katwijk\nsource_type: interveiw\nrespondent: X\njob_title: w\n"
            "date: 2026-01-01\n---\nR: y\n",
            "doc.txt:3: unknown source_type 'interveiw' (expected interview or observation; "
            "did you mean 'interview'?)",
        ),
        (
            "---\nmunicipality: Katwijk\nsource_type: interview\njob_title: w\n"
            "date: 2026-01-01\n---\nR: y\n",
            "missing required field 'respondent'",
        ),
        (
            "---\nmunicipality: Katwijk\nsource_type: interview\nrespondent: X\njob_title: w\n"
            "date: 2026-01-01\nmunicipalty: K\n---\nR: y\n",
            "doc.txt:7: unknown front-matter field 'municipalty' (did you mean 'municipality'?)",
        ),
        (
            "---\nmunicipality: Katwijk\nsource_type: interview\nrespondent: X\njob_title: w\n"
            "date: maart\n---\nR: y\n",
            "doc.txt:6: date 'maart' is not a date",
        ),
    ],
)
def test_front_matter_problems(write_transcript, codebook, raw, expected):
    problems = problems_of(write_transcript("", raw=raw), codebook)
    assert any(expected in p for p in problems), problems


def test_not_utf8_names_the_line_and_a_likely_encoding(write_transcript, codebook):
    text = (
        "---\nmunicipality: Katwijk\nsource_type: observation\njob_title: wijkcoördinator\n"
        'date: 2026-01-01\n---\nDe wijkcoördinator zegt: "Dat is één keer gebeurd, café."\n'
    )
    path = write_transcript("", raw=text.encode("cp1252"))
    (problem,) = problems_of(path, codebook)
    assert ":4: not valid UTF-8" in problem
    assert "save the file as UTF-8" in problem
    assert "looks like" in problem


def test_all_problems_are_reported_at_once(write_transcript, codebook):
    path = write_transcript("I: x {{role_fixer}}\n\nR: a {{role_fixr}}\n\nR: b {{barrier_x}}\n")
    assert len(problems_of(path, codebook)) == 3


def test_duplicate_ids_across_files(tmp_path, codebook):
    for name in ("a", "b"):
        path = tmp_path / "katwijk" / f"{name}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(
            "---\nid: SAME\nmunicipality: Katwijk\nsource_type: observation\n"
            "job_title: w\ndate: 2026-01-01\n---\nTekst.\n",
            encoding="utf-8",
        )
    problems = [str(p) for p in validate_paths([tmp_path], codebook)]
    assert problems == [
        f"{tmp_path}/katwijk/b.txt:1: duplicate id 'SAME' (also used by {tmp_path}/katwijk/a.txt): "
        "give each document its own id"
    ]


def test_missing_folder_and_empty_folder(tmp_path, codebook):
    assert "no such file or folder" in str(validate_paths([tmp_path / "nope"], codebook)[0])
    (tmp_path / "empty").mkdir()
    assert "no transcript (.txt) files" in str(validate_paths([tmp_path / "empty"], codebook)[0])


def test_underscore_folders_are_not_part_of_the_corpus(tmp_path, codebook):
    for folder in ("katwijk", "_coder_b/katwijk"):
        path = tmp_path / folder / "x.txt"
        path.parent.mkdir(parents=True)
        path.write_text(
            "---\nmunicipality: Katwijk\nsource_type: observation\njob_title: w\n"
            "date: 2026-01-01\n---\nTekst.\n",
            encoding="utf-8",
        )
    assert [s.path.relative_to(tmp_path).as_posix() for s in find_transcripts([tmp_path])] == [
        "katwijk/x.txt"
    ]
    assert len(load_documents(find_transcripts([tmp_path]), codebook)) == 1


def test_files_that_are_not_transcripts_are_reported(tmp_path, codebook):
    (tmp_path / "katwijk").mkdir()
    (tmp_path / "katwijk" / "KAT-INT-06.docx").write_bytes(b"PK")
    (tmp_path / "katwijk" / "README.md").write_text("notes")
    (tmp_path / "katwijk" / "a.txt").write_text(
        "---\nmunicipality: Katwijk\nsource_type: observation\njob_title: w\n"
        "date: 2026-01-01\n---\nTekst.\n",
        encoding="utf-8",
    )
    problems = [str(p) for p in validate_paths([tmp_path], codebook)]
    assert problems == [
        f"{tmp_path}/katwijk/KAT-INT-06.docx: not read: only UTF-8 .txt transcripts are read; "
        "convert this file to the transcript format (see README) or move it out of the corpus "
        "folder"
    ]
