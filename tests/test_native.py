"""The native transcript reader: segmentation, offsets, speakers, codes, and bad input."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijkverbinders.formats import ReadOptions, native, read_source


def read(path, codebook, **options):
    document, problems = native.read(path, codebook=codebook, options=ReadOptions(**options))
    return document, [str(p).replace(f"{path.parent}/", "") for p in problems]


def problems_of(path, codebook, **options):
    document, problems = read(path, codebook, **options)
    assert document is None, "expected the file to be refused"
    return problems


def texts(doc):
    return [doc.segment_text(s) for s in doc.segments]


def codes(doc):
    by_segment = doc.codes_by_segment()
    return [by_segment[s.id] for s in doc.segments]


def test_interview_segments_are_respondent_paragraphs(write_transcript, codebook):
    path = write_transcript(
        "I: Wat doe je?\n\nR: Ik regel klachten. {{role_fixer}}\n\nI: En?\n\n"
        "R: Eerste regel\ntweede regel. {{barrier_positional, role_fixer}}\n\nR: Niks.\n"
    )
    doc, problems = read(path, codebook)
    assert problems == []
    assert texts(doc) == ["Ik regel klachten.", "Eerste regel\ntweede regel.", "Niks."]
    assert codes(doc) == [("role_fixer",), ("barrier_positional", "role_fixer"), ()]
    assert [s.id for s in doc.segments] == ["doc:001", "doc:002", "doc:003"]
    assert [(s.speaker, s.turn) for s in doc.segments] == [("R", 2), ("R", 4), ("R", 5)]
    assert [c.speaker for c in doc.context] == ["I", "I"]
    assert [c.coder for c in doc.codings] == ["", "", ""]
    assert doc.coded and doc.source_counts == {"markers": 2, "codings": 3}
    # Line numbers point into the file (the front matter has 8 lines).
    assert [s.line for s in doc.segments] == [11, 15, 18]


def test_offsets_round_trip_and_markers_leave_no_trace(write_transcript, codebook):
    path = write_transcript("I: Vraag?\n\nR: Eerst dit. {{role_fixer}}\n\nR: Dan dat.\n")
    doc, _ = read(path, codebook)
    assert doc.document.text == "I: Vraag?\n\nR: Eerst dit.\n\nR: Dan dat.\n"
    first = doc.segments[0]
    assert doc.document.text[first.start - 3 : first.start] == "R: "
    assert (doc.codings[0].start, doc.codings[0].end) == (first.start, first.end)


def test_a_long_answer_is_one_turn_of_several_coded_paragraphs(write_transcript, codebook):
    path = write_transcript(
        "I: Vertel.\n\nR: Eerste alinea. {{role_informing}}\n\nTweede alinea, zelfde beurt.\n\n"
        "Derde. {{barrier_relational}}\n\nI: Dank je.\n"
    )
    doc, _ = read(path, codebook)
    assert texts(doc) == ["Eerste alinea.", "Tweede alinea, zelfde beurt.", "Derde."]
    assert [s.turn for s in doc.segments] == [2, 2, 2]
    assert codes(doc) == [("role_informing",), (), ("barrier_relational",)]


def test_only_declared_labels_start_a_turn(write_transcript, codebook):
    path = write_transcript(
        "I: Wat gebeurde er?\n\nR: We gingen naar het MT.\nMT: dat is het managementteam.\n"
        "NB: dat was in maart. {{role_agenda_setting}}\n"
    )
    doc, problems = read(path, codebook)
    assert problems == []
    assert texts(doc) == [
        "We gingen naar het MT.\nMT: dat is het managementteam.\nNB: dat was in maart."
    ]
    assert codes(doc) == [("role_agenda_setting",)]


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        ("Interviewer: Vraag?\n\nRespondent: Antwoord.\n", ["Respondent"]),
        ("INT: Vraag?\n\nWR: Antwoord.\n", ["WR"]),
        ("i: Vraag?\n\nr: Antwoord.\n", ["R"]),
        ("I : Vraag?\n\nR : Antwoord.\n", ["R"]),
        ("\tI:\tVraag?\n\n\tR:\tAntwoord.\n", ["R"]),
        ("[00:00:05] I: Vraag?\n\n[00:01:23] R: Antwoord.\n", ["R"]),
        ("I (00:00:05): Vraag?\n\nR (00:01:30): Antwoord.\n", ["R"]),
        ("00:00:05 I: Vraag?\n\n01:02:03.5 R: Antwoord.\n", ["R"]),
    ],
)
def test_common_label_conventions(write_transcript, codebook, body, speakers):
    doc, problems = read(write_transcript(body), codebook)
    assert problems == []
    assert texts(doc) == ["Antwoord."]  # label and timestamp are not segment text
    assert [s.speaker for s in doc.segments] == speakers
    assert [doc.segment_text(c) for c in doc.context] == ["Vraag?"]


def test_labels_declared_in_the_front_matter(write_transcript, codebook):
    path = write_transcript(
        "",
        raw="---\nmunicipality: Katwijk\nsource_type: interview\nrespondent: X\n"
        "job_title: wijkregisseur\ndate: 2026-01-01\nrespondent_label: Spreker 2\n"
        "interviewer_label: [Spreker 1, Onderzoeker]\n---\n"
        "Spreker 1: Vraag?\n\nSpreker 2: Antwoord. {{role_fixer}}\n\nOnderzoeker: Nog een.\n",
    )
    doc, problems = read(path, codebook)
    assert problems == []
    assert texts(doc) == ["Antwoord."]
    assert [c.speaker for c in doc.context] == ["Spreker 1", "Onderzoeker"]
    assert doc.document.respondents[0].label == "Spreker 2"


def test_labels_from_the_configuration(write_transcript, codebook):
    path = write_transcript("V: Vraag?\n\nA: Antwoord.\n")
    doc, _ = read(path, codebook, interviewer_labels=("V",), respondent_labels=("A",))
    assert texts(doc) == ["Antwoord."]


def test_undeclared_labels_get_a_precise_message(write_transcript, codebook):
    problems = problems_of(
        write_transcript("Spreker 1: Vraag?\n\nSpreker 2: Antwoord.\n"), codebook
    )
    assert problems == [
        "doc.txt:9: no turn starts with a declared speaker label (I, INT, Interviewer, R, WR, "
        "Respondent); lines start with 'Spreker 1:', 'Spreker 2:': declare them with "
        "interviewer_label: and respondent_label: in the front matter"
    ]


def test_an_undeclared_speaker_paragraph_is_a_warning(write_transcript, codebook):
    doc, problems = read(
        write_transcript("I: Vraag?\n\nR: Antwoord.\n\nWethouder: Mag ik iets zeggen?\n"), codebook
    )
    assert texts(doc) == ["Antwoord.", "Wethouder: Mag ik iets zeggen?"]
    assert problems == [
        "doc.txt:13: warning: 'Wethouder:' is not a declared speaker label, so this paragraph "
        "stays part of the turn before it; if 'Wethouder' is a speaker, declare the label in the "
        "front matter (interviewer_label:, respondent_label: or respondents:)"
    ]


def test_group_interview_has_a_respondent_per_label(write_transcript, codebook):
    path = write_transcript(
        "",
        raw="---\nid: G1\nmunicipality: Maassluis\nsource_type: interview\ndate: 2026-01-01\n"
        "respondents:\n  - {label: R1, respondent: MSL-R1, job_title: wijkregisseur}\n"
        "  - {label: R2, respondent: MSL-R2, job_title: gebiedsregisseur}\n---\n"
        "I: Wie begint?\n\nR1: Ik. {{role_fixer}}\n\nR2: Ik vul aan. {{barrier_positional}}\n\n"
        "r1: Nog iets.\n",
    )
    doc, problems = read(path, codebook)
    assert problems == []
    assert [(s.speaker, doc.segment_text(s)) for s in doc.segments] == [
        ("R1", "Ik."),
        ("R2", "Ik vul aan."),
        ("R1", "Nog iets."),
    ]
    assert [doc.document.respondent(s.speaker).pseudonym for s in doc.segments] == [
        "MSL-R1",
        "MSL-R2",
        "MSL-R1",
    ]
    assert doc.document.job_title == "wijkregisseur; gebiedsregisseur"
    assert codes(doc) == [("role_fixer",), ("barrier_positional",), ()]


def test_observation_paragraphs_need_no_respondent(write_transcript, codebook):
    path = write_transcript(
        "",
        raw="---\nmunicipality: Katwijk\nsource_type: observation\ndate: 2026-01-01\n---\n"
        "Eerste alinea\nmet twee regels. {{role_fixer}}\n\n  \nTweede alinea.\n\n\n"
        "Derde. {{barrier_other}}\n",
    )
    doc, problems = read(path, codebook)
    assert problems == []
    assert texts(doc) == ["Eerste alinea\nmet twee regels.", "Tweede alinea.", "Derde."]
    assert codes(doc) == [("role_fixer",), (), ("barrier_other",)]
    assert doc.document.respondents == ()


def test_values_are_read_as_text(write_transcript, codebook):
    path = write_transcript(
        "",
        raw="---\nid: 0012\nmunicipality: Katwijk\nsource_type: interview\nrespondent: 007\n"
        "job_title: wijkregisseur\ndate: 2026-01-01\nsynthetic: ja\n---\nI: x\n\nR: y\n",
    )
    doc, _ = read(path, codebook)
    assert doc.id == "0012"
    assert doc.document.respondents[0].pseudonym == "007"
    assert doc.document.synthetic is True


def test_codes_match_ignoring_case_and_by_label(write_transcript, codebook):
    doc, _ = read(
        write_transcript("I: x\n\nR: y {{Role_Fixer, positionele belemmering}}\n"), codebook
    )
    assert codes(doc) == [("role_fixer", "barrier_positional")]


def test_default_id_is_path_below_corpus(write_transcript, codebook, tmp_path):
    path = write_transcript(
        "",
        raw="---\nmunicipality: Katwijk\nsource_type: observation\n"
        "job_title: wijkregisseur\ndate: 2026-01-01\n---\nTekst.\n",
    )
    doc, _ = read(path, codebook, corpus_root=tmp_path / "corpus")
    assert doc.id == "katwijk/doc"


def test_crlf_line_endings_are_read(write_transcript, codebook):
    text = (
        "---\r\nmunicipality: Katwijk\r\nsource_type: interview\r\nrespondent: X\r\n"
        "job_title: w\r\ndate: 2026-01-01\r\n---\r\nI: Vraag?\r\n\r\nR: Antwoord.\r\n"
    )
    doc, _ = read(write_transcript("", raw=text), codebook)
    assert texts(doc) == ["Antwoord."]


def test_parsing_is_linear_in_file_size(write_transcript, codebook):
    turn = "I: Vraag?\n\nR: " + "woord " * 30 + "{{role_fixer}}\n\n"
    doc, _ = read(write_transcript(turn * 4000), codebook)
    assert len(doc.segments) == 4000
    assert doc.segments[-1].line == 8 + 4 * 4000 - 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "I: x\n\nR: ja {{role_fixr}}\n",
            "doc.txt:11: unknown code 'role_fixr' (did you mean 'role_fixer'?)",
        ),
        ("I: x\n\nR: ja {{role_fixer\n", "doc.txt:11: unclosed '{{': close the code marker"),
        ("I: x\n\nR: ja }} nee\n", "doc.txt:11: stray '}}' without an opening '{{'"),
        ("I: x\n\nR: ja {{}}\n", "doc.txt:11: empty code marker '{{}}': add codes or remove it"),
        (
            "I: x {{role_fixer}}\n\nR: ja\n",
            "doc.txt:9: code marker on a turn by 'I': only the respondent's turns are coded",
        ),
        (
            "I: x\n\nR: ja {{role_fixer}} en nog iets\n",
            "doc.txt:11: code marker in the middle of a paragraph: move it to the end of the "
            "paragraph it codes",
        ),
        (
            "I: x\n\nR: ja\n\n{{role_fixer}}\n",
            "doc.txt:13: code marker on a line of its own: put it at the end of the paragraph "
            "it codes",
        ),
        (
            "I: x\n\nR: ja {{role_fixer}} {{role_fixer, barrier_other}}\n",
            "doc.txt:11: code 'role_fixer' given twice for the same paragraph: remove one",
        ),
        (
            "Hallo\nI: x\n\nR: ja\n",
            "doc.txt:9: text before the first speaker label: start each turn with a label "
            "(I, INT, Interviewer, R, WR, Respondent)",
        ),
        ("I: x\n\nI: y\n", "doc.txt:9: no turns by the respondent: no line starts with 'R:'"),
        ("   \n\n", "doc.txt:9: empty document: no text after the front matter"),
    ],
)
def test_body_problems(write_transcript, codebook, body, expected):
    problems = problems_of(write_transcript(body), codebook)
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "I: x\n\nR: y\n",
            "doc.txt:1: missing front matter: the file must start with a line '---'",
        ),
        ("---\nmunicipality: Katwijk\nI: x\n", "doc.txt:1: front matter not closed"),
        ("---\nmunicipality: [Katwijk\n---\nI: x\n", "doc.txt:2: malformed front matter"),
        ("---\njust text\n---\nI: x\n", "doc.txt:2: malformed front matter: expected 'key: value'"),
        (
            "---\nmunicipality: Katwijk\nsource_type: interview\nrespondent: X\n"
            "date: 2026-01-01\n---\nR: y\n",
            "doc.txt:1: missing required field 'job_title' for an interview",
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
            "doc.txt:1: missing required field 'respondent' for an interview",
        ),
        (
            "---\nmunicipality: Katwijk\nsource_type: interview\nrespondent: X\njob_title: w\n"
            "date: 2026-01-01\nmunicipalty: K\n---\nR: y\n",
            "doc.txt:7: unknown front-matter field 'municipalty' (did you mean 'municipality'?)",
        ),
        (
            "---\nmunicipality: Katwijk\nsource_type: interview\nrespondent: X\njob_title: w\n"
            "date: maart\n---\nR: y\n",
            "doc.txt:6: date 'maart' is not a date like 2026-03-12",
        ),
        (
            "---\nmunicipality: Katwijk\nsource_type: observation\ndate: 2026-01-01\n"
            "synthetic: misschien\n---\nTekst.\n",
            "doc.txt:5: synthetic must be true or false (ja/nee also work), not 'misschien'",
        ),
    ],
)
def test_front_matter_problems(write_transcript, codebook, raw, expected):
    problems = problems_of(write_transcript("", raw=raw), codebook)
    assert any(p.startswith(expected) for p in problems), problems


def test_not_utf8_names_the_line_and_a_likely_encoding(write_transcript, codebook):
    text = (
        "---\nmunicipality: Katwijk\nsource_type: observation\njob_title: wijkcoördinator\n"
        'date: 2026-01-01\n---\nDe wijkcoördinator zegt: "Dat is één keer gebeurd, café."\n'
    )
    (problem,) = problems_of(write_transcript("", raw=text.encode("cp1252")), codebook)
    assert problem.startswith("doc.txt:4: not valid UTF-8 (byte 0xf6 at offset")
    assert problem.endswith("save the file as UTF-8")
    assert "looks like" in problem


def test_all_problems_are_reported_at_once(write_transcript, codebook):
    path = write_transcript("I: x {{role_fixer}}\n\nR: a {{role_fixr}}\n\nR: b {{barrier_x}}\n")
    assert len(problems_of(path, codebook)) == 3


def test_a_file_without_a_reader_is_a_problem(tmp_path, codebook):
    path = tmp_path / "KAT-INT-06.pdf"
    path.write_bytes(b"%PDF")
    documents, problems = read_source(path, codebook=codebook)
    assert documents == []
    assert [p.message for p in problems] == [
        "no reader for '.pdf' files (readable: .csv, .docx, .qde, .qdpx, .txt, .xlsx); convert "
        "it or move it out of the corpus folder"
    ]


WORDS = st.text(alphabet="abcdeéfghijklmnopqrstuvwxyzë ,.?'-", min_size=1, max_size=40).filter(
    lambda t: t.strip() and not t.strip().startswith(("-", "'"))
)
CODES = st.lists(
    st.sampled_from(["role_fixer", "role_informing", "barrier_positional", "outcome_success"]),
    max_size=3,
    unique=True,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    answers=st.lists(
        st.lists(st.tuples(WORDS, CODES), min_size=1, max_size=3), min_size=1, max_size=5
    ),
    stamp=st.booleans(),
)
def test_what_is_written_is_read_back(write_transcript, codebook, answers, stamp):
    """Any transcript written in the format gives back exactly its paragraphs and codes."""
    body = []
    for number, paragraphs in enumerate(answers):
        prefix = f"[00:{number:02d}:00] " if stamp else ""
        body.append(f"{prefix}I: Vraag {number}?")
        turn = []
        for text, codes in paragraphs:
            marker = f" {{{{{', '.join(codes)}}}}}" if codes else ""
            turn.append(text.strip() + marker)
        body.append(f"{prefix}R: " + "\n\n".join(turn))
    doc, problems = read(write_transcript("\n\n".join(body) + "\n"), codebook)
    assert problems == []
    expected = [(t.strip(), tuple(c)) for paragraphs in answers for t, c in paragraphs]
    by_segment = doc.codes_by_segment()
    assert [(doc.segment_text(s), by_segment[s.id]) for s in doc.segments] == expected
    assert doc.source_counts["codings"] == sum(len(c) for _, c in expected) == len(doc.codings)


def _same(a, b):
    assert a.document.text == b.document.text
    # Offsets and speakers are equal; file lines move with the length of the front matter.
    assert [(s.start, s.end, s.speaker) for s in a.segments] == [
        (s.start, s.end, s.speaker) for s in b.segments
    ]
    assert list(a.codes_by_segment().values()) == list(b.codes_by_segment().values())


GROUP = (
    "---\nid: G1\nmunicipality: Maassluis\nsource_type: interview\ndate: 2026-01-01\ncoder: A\n"
    "synthetic: ja\nscenes: [S01]\nmemo: >-\n  Twijfel over R3.\n"
    "respondents:\n  - {label: R1, respondent: MSL-R1, job_title: wijkregisseur}\n"
    "  - {label: R2, respondent: MSL-R2, job_title: gebiedsregisseur}\n---\n"
    "[00:00:05] Onderzoeker: Wie begint?\n\nR1 (00:00:09): Ik, eh. {{role_fixer}}\n\n"
    "R2: Ik vul aan.\nNB: tweede regel. {{barrier_positional, role_fixer}}\n\nr1: Nog iets.\n"
)


def test_writer_round_trips_text_segments_codes_and_notes(write_transcript, codebook, tmp_path):
    source, _ = read(write_transcript("", raw=GROUP.replace("Onderzoeker:", "I:")), codebook)
    copy = tmp_path / "copy.txt"
    copy.write_text(native.write(source), encoding="utf-8")
    again, problems = read(copy, codebook)
    assert problems == []
    _same(source, again)
    assert (again.document.memo, again.document.scenes) == ("Twijfel over R3.", ("S01",))
    assert again.document.respondents == source.document.respondents
    assert (again.document.coder, again.document.synthetic) == ("A", True)


def test_writer_declares_the_labels_the_document_uses(write_transcript, codebook, tmp_path):
    path = write_transcript("", raw=GROUP.replace("coder: A\n", "interviewer_label: Onderzoeker\n"))
    source, problems = read(path, codebook)
    assert source is not None, problems
    written = native.write(source)
    assert "interviewer_label: Onderzoeker\n" in written
    copy = tmp_path / "copy.txt"
    copy.write_text(written, encoding="utf-8")
    # Read with other default labels: the copy does not depend on the configuration.
    again, _ = native.read(copy, codebook=codebook, options=ReadOptions(interviewer_labels=("X",)))
    _same(source, again)


def test_blind_copy_has_no_markers_memo_or_coder(write_transcript, codebook, tmp_path):
    source, _ = read(write_transcript("", raw=GROUP.replace("Onderzoeker:", "I:")), codebook)
    blind = native.write(source, codes=False, notes=False, coder="B")
    assert "{{" not in blind and "memo" not in blind and "scenes" not in blind
    copy = tmp_path / "blind.txt"
    copy.write_text(blind, encoding="utf-8")
    again, _ = read(copy, codebook)
    assert again.document.coder == "B" and again.codings == ()
    assert again.document.text == source.document.text
