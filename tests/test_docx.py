"""The Word (.docx) reader: metadata block, comments as codes, exact offsets, and bad input.

Every fixture is built in the test with python-docx (the XML edited by hand where python-docx
cannot write a feature); all Dutch text is invented.
"""

import zipfile

import docx
import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from wijkverbinders.errors import NOTE, WARNING, Problem
from wijkverbinders.formats.docx import SUFFIXES, extract, read
from wijkverbinders.formats.imported import SourceText

HEADER = [
    ["gemeente: Katwijk"],
    ["source_type: interview"],
    ["respondent: KAT-R1"],
    ["functie: wijkregisseur"],
    ["datum: 2026-03-01"],
    [],
]
VARIABLES = {
    "gemeente": "Katwijk",
    "source_type": "interview",
    "respondent": "KAT-R1",
    "functie": "wijkregisseur",
    "datum": "2026-03-01",
}
# Paragraphs as lists of runs ("\t" in a run is a tab, "\n" a line break); comments as
# ((paragraph, run), (paragraph, run), text, author), the runs they are anchored to.
INTERVIEW = [
    *HEADER,
    ["I: Wat doet u als er in de wijk iets vastloopt?"],
    ["R: ", "Dan bel ik zelf de aannemer.", "\nDat gaat sneller."],
    [],
    ["I:\tEn met de bewoners?"],
    ["R: ", "Ik breng de bewoners en ", "het team samen."],
    ["Dat agendeer ik ook bij de wethouder.", " Verder niets."],
]
COMMENTS = [
    ((7, 1), (7, 1), "role_fixer", "Codeur A"),
    ((10, 1), (10, 2), "Faciliteren van gesprekken, outcome_success", "Codeur B"),
    ((10, 2), (11, 0), "Agenderen", "Codeur A"),
]
TEXT = (
    "I: Wat doet u als er in de wijk iets vastloopt?\n"
    "R: Dan bel ik zelf de aannemer. Dat gaat sneller.\n"
    "\n"
    "I:\tEn met de bewoners?\n"
    "R: Ik breng de bewoners en het team samen.\n"
    "Dat agendeer ik ook bij de wethouder. Verder niets."
)
TRACKED = "tracked changes found: the text is read as if they were all accepted; accept or "
TRACKED += "reject them in Word (Review > Accept/Reject) to be sure of the text"


def two_coders(path):
    """The warning of imported.build for comments by two authors and no variable coder."""
    return Problem(
        str(path),
        0,
        "codings by 2 coders (Codeur A, Codeur B) all count; set the variable coder to the "
        "primary coder to keep only theirs",
        WARNING,
    )


def build(paragraphs, comments=()):
    """A python-docx document with these paragraphs and comments, and its runs."""
    document = docx.Document()
    runs = []
    for pieces in paragraphs:
        paragraph = document.add_paragraph()
        runs.append([paragraph.add_run(piece) for piece in pieces])
    for (p1, r1), (p2, r2), text, author in comments:
        document.add_comment([runs[p1][r1], runs[p2][r2]], text=text, author=author)
    return document, runs


def write(path, paragraphs, comments=()):
    document, _ = build(paragraphs, comments)
    document.save(str(path))
    return path


def rewrite(path, name, change):
    """Replace one part of a saved .docx by ``change(old bytes)``."""
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in items:
            archive.writestr(info, change(data) if info.filename == name else data)


def messages(problems):
    return [(p.line, p.message, p.severity) for p in problems]


def test_suffixes():
    assert SUFFIXES == (".docx",)


def test_extract_coded_interview(tmp_path):
    path = write(tmp_path / "KAT-int1.docx", INTERVIEW, COMMENTS)
    sources, problems = extract(path, folder="katwijk")
    assert problems == []
    assert sources == [
        SourceText(
            where=str(path),
            name="KAT-int1",
            text=TEXT,
            variables=VARIABLES,
            codings=(
                (51, 79, "role_fixer", "Codeur A"),
                (125, 164, "Faciliteren van gesprekken", "Codeur B"),
                (125, 164, "outcome_success", "Codeur B"),
                (149, 202, "Agenderen", "Codeur A"),
            ),
            folder="katwijk",
        )
    ]
    text = sources[0].text
    assert text[51:79] == "Dan bel ik zelf de aannemer."
    assert text[125:164] == "Ik breng de bewoners en het team samen."
    assert text[149:202] == "het team samen.\nDat agendeer ik ook bij de wethouder."


def test_read_coded_interview(tmp_path, codebook):
    path = write(tmp_path / "KAT-int1.docx", INTERVIEW, COMMENTS)
    documents, problems = read(path, codebook=codebook)
    assert problems == [two_coders(path)]
    [doc] = documents
    assert doc.id == "KAT-int1"
    assert doc.document.municipality == "Katwijk"
    assert doc.document.source_type == "interview"
    assert doc.document.date == "2026-03-01"
    assert [(r.pseudonym, r.job_title) for r in doc.document.respondents] == [
        ("KAT-R1", "wijkregisseur")
    ]
    assert doc.document.text == TEXT
    # The empty paragraph makes blank lines the paragraph separator (imported.paragraph_rule):
    # the two paragraphs of the second answer are one segment.
    assert [(s.id, s.start, s.end, s.speaker, s.line, s.turn) for s in doc.segments] == [
        ("KAT-int1:001", 51, 97, "R", 2, 2),
        ("KAT-int1:002", 125, 216, "R", 5, 4),
    ]
    assert [doc.segment_text(s) for s in doc.segments] == [
        "Dan bel ik zelf de aannemer. Dat gaat sneller.",
        "Ik breng de bewoners en het team samen.\nDat agendeer ik ook bij de wethouder. Verder "
        "niets.",
    ]
    assert [(s.start, s.end, s.speaker, s.line, s.turn) for s in doc.context] == [
        (3, 47, "I", 1, 1),
        (102, 121, "I", 4, 3),
    ]
    assert [(c.start, c.end, c.code, c.coder) for c in doc.codings] == [
        (51, 79, "role_fixer", "Codeur A"),
        (125, 164, "outcome_success", "Codeur B"),
        (125, 164, "role_facilitating", "Codeur B"),
        (149, 202, "role_agenda_setting", "Codeur A"),
    ]
    assert doc.codes_by_segment() == {
        "KAT-int1:001": ("role_fixer",),
        "KAT-int1:002": ("outcome_success", "role_facilitating", "role_agenda_setting"),
    }
    assert doc.codes_by_segment(coder="Codeur B") == {
        "KAT-int1:001": (),
        "KAT-int1:002": ("outcome_success", "role_facilitating"),
    }


def test_read_without_empty_paragraphs_makes_every_paragraph_a_segment(tmp_path, codebook):
    paragraphs = [*INTERVIEW[:8], *INTERVIEW[9:]]
    comments = [
        ((p1 - (p1 > 8), r1), (p2 - (p2 > 8), r2), t, a) for (p1, r1), (p2, r2), t, a in COMMENTS
    ]
    path = write(tmp_path / "doc.docx", paragraphs, comments)
    documents, problems = read(path, codebook=codebook)
    assert problems == [two_coders(path)]
    [doc] = documents
    assert doc.document.text == TEXT.replace("\n\n", "\n")
    assert [(s.id, s.start, s.end, s.speaker, s.line, s.turn) for s in doc.segments] == [
        ("doc:001", 51, 97, "R", 2, 2),
        ("doc:002", 124, 163, "R", 4, 4),
        ("doc:003", 164, 215, "R", 5, 4),
    ]
    assert [(c.start, c.end, c.code, c.coder) for c in doc.codings] == [
        (51, 79, "role_fixer", "Codeur A"),
        (124, 163, "outcome_success", "Codeur B"),
        (124, 163, "role_facilitating", "Codeur B"),
        (148, 201, "role_agenda_setting", "Codeur A"),
    ]
    assert doc.codes_by_segment() == {
        "doc:001": ("role_fixer",),
        "doc:002": ("outcome_success", "role_facilitating", "role_agenda_setting"),
        "doc:003": ("role_agenda_setting",),
    }


def test_codes_separated_by_semicolons_and_line_breaks(tmp_path):
    comments = [((7, 1), (7, 1), "role_fixer;\nVerbinding gelukt ; ", "Codeur A")]
    path = write(tmp_path / "doc.docx", INTERVIEW, comments)
    [source], problems = extract(path)
    assert problems == []
    assert source.codings == (
        (51, 79, "role_fixer", "Codeur A"),
        (51, 79, "Verbinding gelukt", "Codeur A"),
    )


def test_no_metadata_block(tmp_path, codebook):
    path = write(tmp_path / "kaal.docx", INTERVIEW[6:], [((1, 1), (1, 1), "role_fixer", "A")])
    [source], problems = extract(path)
    assert problems == []
    assert source.variables == {}
    assert source.text == TEXT
    assert source.codings == ((51, 79, "role_fixer", "A"),)
    documents, problems = read(path, codebook=codebook)
    assert documents == []
    hint = ": set it as a document or case variable in your tool"
    assert messages(problems) == [
        (
            0,
            f"missing required field 'municipality'{hint}; or put the file in a folder named "
            "after the municipality",
            "error",
        ),
        (0, f"missing required field 'source_type'{hint}", "error"),
        (0, f"missing required field 'date'{hint}", "error"),
    ]


def test_metadata_block_without_blank_paragraph_ends_at_the_first_turn(tmp_path):
    path = write(tmp_path / "doc.docx", [*HEADER[:-1], *INTERVIEW[6:]])
    [source], problems = extract(path)
    assert problems == []
    assert source.variables == VARIABLES
    assert source.text == TEXT


def test_capitalised_respondent_without_blank_paragraph_starts_the_transcript(tmp_path):
    paragraphs = [["gemeente: Katwijk"], ["Respondent: KAT-R1"], *INTERVIEW[6:]]
    [source], problems = extract(write(tmp_path / "doc.docx", paragraphs))
    assert source.variables == {"gemeente": "Katwijk"}
    assert source.text == "Respondent: KAT-R1\n" + TEXT
    assert messages(problems) == [
        (
            0,
            "the metadata block ends before 'Respondent: KAT-R1', which is read as the first "
            "turn (a speaker label); if it is a metadata field, write the key in lower case or "
            "end the metadata block with a blank paragraph",
            WARNING,
        )
    ]


def test_unknown_code_in_a_comment(tmp_path, codebook):
    comments = [((7, 1), (7, 1), "role_fixer, Spinnenweb", "Codeur A")]
    path = write(tmp_path / "doc.docx", INTERVIEW, comments)
    documents, problems = read(path, codebook=codebook)
    assert documents == []
    assert problems == [
        Problem(
            str(path),
            0,
            "code(s) not in the codebook: 'Spinnenweb' (1x); rename them in your tool to a code "
            "id or Dutch label of the codebook, or map them in the config under code_map (name: "
            "code id, or name: '' to leave a code out)",
        )
    ]


def test_empty_comment_is_skipped(tmp_path):
    comments = [((7, 1), (7, 1), "", "Codeur A"), ((10, 1), (10, 1), "Fixer", "Codeur A")]
    [source], problems = extract(write(tmp_path / "doc.docx", INTERVIEW, comments))
    assert source.codings == ((125, 149, "Fixer", "Codeur A"),)
    assert messages(problems) == [
        (
            2,
            "comment 0 by Codeur A is empty: write the code id(s) or label(s) in it (separated "
            "by commas, semicolons or line breaks); skipped",
            WARNING,
        )
    ]


def test_point_comment_without_range_is_skipped(tmp_path):
    document, _ = build(INTERVIEW, [((7, 1), (7, 1), "role_fixer", "Codeur A")])
    body = document.element.body
    for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
        for element in body.iter(qn(tag)):
            element.getparent().remove(element)
    path = tmp_path / "doc.docx"
    document.save(str(path))
    [source], problems = extract(path)
    assert source.codings == ()
    assert messages(problems) == [
        (
            2,
            "comment 0 ('role_fixer') marks a point, not a text: select the coded words and "
            "comment on the selection; skipped",
            WARNING,
        )
    ]


def test_comment_in_the_metadata_block_is_skipped(tmp_path):
    comments = [((0, 0), (0, 0), "role_fixer", "Codeur A"), ((7, 1), (7, 1), "Fixer", "B")]
    [source], problems = extract(write(tmp_path / "doc.docx", INTERVIEW, comments))
    assert source.variables == VARIABLES
    assert source.codings == ((51, 79, "Fixer", "B"),)
    assert messages(problems) == [
        (
            0,
            "comment 0 ('role_fixer') is anchored in the metadata block: only the transcript is "
            "coded; skipped",
            WARNING,
        )
    ]


def test_reply_to_a_comment_is_not_read_as_codes(tmp_path):
    document, runs = build(INTERVIEW)
    first = document.add_comment(runs[7][1], text="role_fixer", author="Codeur A")
    reply = document.add_comment(runs[7][1], text="Eens, klopt.", author="Codeur B")
    for comment, para_id in ((first, "0000000A"), (reply, "0000000B")):
        comment.paragraphs[-1]._p.set(qn("w14:paraId"), para_id)
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    blob = (
        f'<w15:commentsEx xmlns:w15="{w15}"><w15:commentEx w15:paraId="0000000A" w15:done="0"/>'
        '<w15:commentEx w15:paraId="0000000B" w15:paraIdParent="0000000A" w15:done="0"/>'
        "</w15:commentsEx>"
    ).encode()
    part = Part(
        PackURI("/word/commentsExtended.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
        blob,
        document.part.package,
    )
    document.part.relate_to(
        part, "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
    )
    path = tmp_path / "doc.docx"
    document.save(str(path))
    [source], problems = extract(path)
    assert source.codings == ((51, 79, "role_fixer", "Codeur A"),)
    assert messages(problems) == [
        (2, "comment 1 by Codeur B is a reply to comment 0: not read as codes", NOTE)
    ]


def test_tracked_changes_are_read_as_accepted(tmp_path):
    paragraphs = [
        *HEADER,
        ["I: Wat doet u?"],
        ["R: Ik bel ", "meteen ", "oude ", "de aannemer."],
        ["Eerst dit ", "weg"],
        ["en dan dat."],
    ]
    document, runs = build(paragraphs)
    _, inserted, deleted, last = runs[7]
    for run, tag in ((inserted, "w:ins"), (deleted, "w:del")):
        change = OxmlElement(tag, {qn("w:id"): "90", qn("w:author"): "Codeur A"})
        run._r.addprevious(change)
        change.append(run._r)
    deleted._r.find(qn("w:t")).tag = qn("w:delText")
    # The paragraph mark of 'Eerst dit' is deleted: the paragraph is joined to the next one.
    gone = runs[8][1]
    removal = OxmlElement("w:del", {qn("w:id"): "91", qn("w:author"): "Codeur A"})
    gone._r.addprevious(removal)
    removal.append(gone._r)
    gone._r.find(qn("w:t")).tag = qn("w:delText")
    mark = document.paragraphs[8]._p.get_or_add_pPr()
    properties = OxmlElement("w:rPr")
    properties.append(OxmlElement("w:del", {qn("w:id"): "92", qn("w:author"): "Codeur A"}))
    mark.append(properties)
    document.add_comment([inserted, last], text="role_fixer", author="Codeur A")
    document.add_comment(runs[9][0], text="Fixer", author="Codeur B")
    path = tmp_path / "doc.docx"
    document.save(str(path))
    [source], problems = extract(path)
    assert source.text == "I: Wat doet u?\nR: Ik bel meteen de aannemer.\nEerst dit en dan dat."
    assert source.codings == (
        (25, 44, "role_fixer", "Codeur A"),
        (55, 66, "Fixer", "Codeur B"),
    )
    assert source.text[25:44] == "meteen de aannemer."
    assert source.text[55:66] == "en dan dat."
    assert messages(problems) == [(0, TRACKED, WARNING)]


def test_table_text_is_read_in_document_order_with_a_warning(tmp_path):
    document, _ = build(INTERVIEW[:7])
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "R:"
    table.cell(0, 1).text = "Ik regel het zelf."
    document.add_paragraph("R: Daarna niets meer.")
    path = tmp_path / "doc.docx"
    document.save(str(path))
    [source], problems = extract(path)
    assert source.text == (
        "I: Wat doet u als er in de wijk iets vastloopt?\nR:\nIk regel het zelf.\n"
        "R: Daarna niets meer."
    )
    assert messages(problems) == [
        (
            0,
            "1 table(s): their text is read in document order, one line per paragraph of a "
            "cell, so a speaker label in a column of its own starts no turn; if a table holds "
            "the transcript, convert it to text in Word (Table Layout > Convert to Text)",
            WARNING,
        )
    ]


def test_xml_entities_are_not_expanded(tmp_path):
    path = write(tmp_path / "doc.docx", [*HEADER, ["R: Dit is "], ["tekst."]])

    def add_entity(data):
        head, rest = data.split(b"?>", 1)
        doctype = b'<!DOCTYPE w:document [<!ENTITY geheim "uitgebreid">]>'
        return head + b"?>" + doctype + rest.replace(b">tekst.<", b">&geheim;tekst.<")

    rewrite(path, "word/document.xml", add_entity)
    [source], problems = extract(path)
    assert source.text == "R: Dit is \ntekst."
    assert messages(problems) == [
        (
            0,
            "the document XML declares a DTD (<!DOCTYPE>), which Word never writes: its "
            "entities are not expanded and their text is left out",
            WARNING,
        )
    ]


def test_text_file_renamed_to_docx(tmp_path):
    path = tmp_path / "notities.docx"
    path.write_text("R: Dit is gewoon tekst.\n", encoding="utf-8")
    assert extract(path) == (
        [],
        [
            Problem(
                str(path),
                0,
                "cannot be opened as a Word file: it is not a zip archive (every .docx is one); "
                "if it is a Word file of another kind, open it in Word and save it as a Word "
                "Document (.docx), then read it again",
            )
        ],
    )


def test_read_of_a_broken_file_gives_the_problem_and_no_document(tmp_path, codebook):
    path = tmp_path / "leeg.docx"
    path.write_bytes(b"")
    assert read(path, codebook=codebook) == (
        [],
        [Problem(str(path), 0, "cannot be opened as a Word file: the file is empty")],
    )


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            OLE,
            "cannot be opened as a Word file: it is an OLE compound file, not a .docx: a "
            "password-protected Office file or an old .doc; remove the password (Word: File > "
            "Info > Protect Document) or open it in Word and save it as a Word Document (.docx), "
            "then read it again",
        ),
        (
            OLE + "EncryptedPackage".encode("utf-16-le"),
            "cannot be opened as a Word file: it is password protected (encrypted); open it in "
            "Word, remove the password (File > Info > Protect Document > Encrypt with Password, "
            "empty the field), save it and read it again",
        ),
        (
            OLE + "WordDocument".encode("utf-16-le"),
            "cannot be opened as a Word file: it is an old Word 97-2003 .doc file renamed to "
            ".docx; open it in Word and save it as a Word Document (.docx), then read it again",
        ),
        (
            b"{\\rtf1\\ansi R: tekst}",
            "cannot be opened as a Word file: it is an RTF file renamed to .docx; open it in "
            "Word and save it as a Word Document (.docx), then read it again",
        ),
    ],
    ids=["ole", "encrypted", "doc", "rtf"],
)
def test_ole_and_other_files_renamed_to_docx(tmp_path, content, message):
    path = tmp_path / "beveiligd.docx"
    path.write_bytes(content)
    assert extract(path) == ([], [Problem(str(path), 0, message)])


def test_zip_that_is_not_a_word_file(tmp_path):
    path = tmp_path / "archief.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notities.txt", "R: tekst")
    assert messages(extract(path)[1]) == [
        (
            0,
            "cannot be opened as a Word file: a part is missing (There is no item named "
            "'[Content_Types].xml' in the archive)",
            "error",
        )
    ]


def test_other_office_file_renamed_to_docx(tmp_path):
    path = write(tmp_path / "macro.docx", HEADER)
    main = b"wordprocessingml.document.main+xml"
    rewrite(
        path,
        "[Content_Types].xml",
        lambda data: data.replace(
            b"officedocument." + main, b"ms-word.document.macroEnabled.main+xml"
        ),
    )
    assert messages(extract(path)[1]) == [
        (
            0,
            "cannot be opened as a Word file: it is another kind of Office file (a spreadsheet, "
            "a presentation, a template or a macro-enabled .docm); open it in Word and save it "
            "as a Word Document (.docx), then read it again",
            "error",
        )
    ]


def test_corrupt_xml(tmp_path):
    path = write(tmp_path / "kapot.docx", INTERVIEW)
    rewrite(path, "word/document.xml", lambda data: data[:300])
    [problem] = extract(path)[1]
    assert problem == Problem(
        str(path),
        0,
        "cannot be opened as a Word file: corrupt XML (AttValue: ' expected, line 2, column 245 "
        "(<string>, line 2))",
    )
