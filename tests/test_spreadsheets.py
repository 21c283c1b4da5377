"""Coded-segment spreadsheets: MAXQDA (xlsx, csv) and ATLAS.ti (xlsx) exports.

All fixtures are written here; every text is invented and synthetic.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import CODEBOOK
from wijkverbinders.codebook import load_codebook
from wijkverbinders.errors import NOTE, WARNING, Problem
from wijkverbinders.formats.common import ReadOptions
from wijkverbinders.formats.spreadsheet import SUFFIXES, extract, read

MAXQDA_HEADER = [
    "Color",
    "Document group",
    "Document name",
    "Code",
    "Beginning",
    "End",
    "Weight score",
    "Segment",
    "Modified by",
    "Modified",
    "Created by",
    "Created",
    "Area",
    "Coverage %",
]
ATLAS_HEADER = [
    "ID",
    "Quotation Name",
    "Document",
    "Document Groups",
    "Quotation Content",
    "Codes",
    "Comment",
    "Reference",
    "Density",
    "Created",
    "Modified",
    "Created by",
    "Brontype",
]
KAT_1 = "Ik vertel het team wat bewoners merken."
KAT_2 = "Ik heb de losse stoeptegel zelf laten vastzetten."
LEI_1 = "R: Het bankje zet ik op de agenda van het wijkoverleg."
LEI_2 = "Mijn functie staat los van de teams."


def coded_only(path: Path, documents: int) -> Problem:
    return Problem(
        str(path),
        0,
        f"coded segments only: the uncoded text of {documents} document(s) is not in this "
        "export, so shares are computed over coded segments; import the project (.qdpx) or the "
        "transcripts for full documents",
        WARNING,
    )


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(CODEBOOK)


def mx(group, document, code, begin, end, segment, created_by="T-C1", modified_by=""):
    """A MAXQDA row in the column order of MAXQDA_HEADER."""
    return [
        "#3c78d8",
        group,
        document,
        code,
        begin,
        end,
        0,
        segment,
        modified_by,
        "01.02.2026 10:00:00",
        created_by,
        "01.02.2026 10:00:00",
        None,
        None,
    ]


def write_xlsx(path: Path, rows: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list], *, delimiter=",", encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def maxqda_xlsx(folder: Path, second_coder: str = "T-C2") -> Path:
    """Two documents; one segment coded twice (the second time by ``second_coder``, named only
    in Modified by); a hierarchical code; codes by Dutch label and by id; a segment with its own
    line break and one with its own label."""
    return write_xlsx(
        folder / "maxqda.xlsx",
        [
            MAXQDA_HEADER,
            mx("Katwijk", "KAT-01", "Rollen\\Fixer", 4, 4, KAT_2),
            mx("Leiden", "LEI-02", "Agenderen", 2, 2, LEI_1),
            mx("Katwijk", "KAT-01", "Informeren", 2, 2, "Ik vertel het team\nwat bewoners merken."),
            mx("Katwijk", "KAT-01", "barrier_positional", 4, 4, KAT_2, "", second_coder),
            mx("Leiden", "LEI-02", "Positionele belemmering", 5, 6, LEI_2),
        ],
    )


def spans(source) -> list[tuple[str, str, str]]:
    return [(source.text[a:b], code, coder) for a, b, code, coder in source.codings]


def test_suffixes():
    assert SUFFIXES == (".xlsx", ".csv")


def test_maxqda_xlsx_gives_one_source_per_document(tmp_path):
    path = maxqda_xlsx(tmp_path)
    sources, problems = extract(path, folder="zuid-holland")
    assert problems == [coded_only(path, 2)]
    kat, lei = sources
    assert (kat.name, kat.where, kat.folder) == (
        "KAT-01",
        f"{path}: document 'KAT-01'",
        "zuid-holland",
    )
    assert kat.text == f"R: {KAT_1}\nR: {KAT_2}"
    assert kat.codings == (
        (3, 42, "Informeren", "T-C1"),
        (46, 95, "Rollen::Fixer", "T-C1"),
        (46, 95, "barrier_positional", "T-C2"),
    )
    assert spans(kat) == [
        (KAT_1, "Informeren", "T-C1"),
        (KAT_2, "Rollen::Fixer", "T-C1"),
        (KAT_2, "barrier_positional", "T-C2"),
    ]
    assert kat.variables == {"gemeente": "Katwijk"}
    # The segment that starts with a label keeps it and gets none added; the coding spans it.
    assert lei.text == f"{LEI_1}\nR: {LEI_2}"
    assert lei.codings == (
        (0, 54, "Agenderen", "T-C1"),
        (58, 94, "Positionele belemmering", "T-C1"),
    )
    assert spans(lei) == [(LEI_1, "Agenderen", "T-C1"), (LEI_2, "Positionele belemmering", "T-C1")]
    assert lei.variables == {"gemeente": "Leiden"}


def test_maxqda_without_variables_reports_the_missing_fields(tmp_path, codebook):
    path = maxqda_xlsx(tmp_path)
    documents, problems = read(path, codebook=codebook)
    assert documents == []
    assert problems[0] == coded_only(path, 2)
    # The wording of the hint is imported.build's; the missing fields are what matters here.
    assert sorted((p.path, p.message.split(":")[0], p.severity) for p in problems[1:]) == [
        (f"{path}: document '{doc}'", f"missing required field '{name}'", "error")
        for doc in ("KAT-01", "LEI-02")
        for name in ("date", "source_type")
    ]


def test_sidecar_gives_complete_documents(tmp_path, codebook):
    path = maxqda_xlsx(tmp_path, second_coder="T-C1")
    write_csv(
        tmp_path / "maxqda.documents.csv",
        [
            ["document", "gemeente", "source_type", "respondent", "functie", "datum"],
            ["kat-01", "Katwijk", "interview", "T-R1", "wijkverbinder", "2026-01-12"],
            # The sidecar wins over the document group.
            ["LEI-02", "Noordwijk", "gesprek", "T-R2", "gebiedsregisseur", "2026-01-19"],
        ],
    )
    documents, problems = read(path, codebook=codebook)
    assert problems == [coded_only(path, 2)]
    kat, lei = documents
    assert [d.id for d in documents] == ["KAT-01", "LEI-02"]
    assert [d.document.municipality for d in documents] == ["Katwijk", "Noordwijk"]
    assert [d.document.source_type for d in documents] == ["interview", "interview"]
    assert [d.document.date for d in documents] == ["2026-01-12", "2026-01-19"]
    assert [(r.label, r.pseudonym, r.job_title) for r in kat.document.respondents] == [
        ("R", "T-R1", "wijkverbinder")
    ]
    assert [(s.id, kat.segment_text(s), s.speaker) for s in kat.segments] == [
        ("KAT-01:001", KAT_1, "R"),
        ("KAT-01:002", KAT_2, "R"),
    ]
    assert kat.codes_by_segment() == {
        "KAT-01:001": ("role_informing",),
        "KAT-01:002": ("barrier_positional", "role_fixer"),
    }
    assert kat.coders == ("T-C1",)
    assert [(s.id, lei.segment_text(s)) for s in lei.segments] == [
        ("LEI-02:001", "Het bankje zet ik op de agenda van het wijkoverleg."),
        ("LEI-02:002", LEI_2),
    ]
    assert lei.codes_by_segment() == {
        "LEI-02:001": ("role_agenda_setting",),
        "LEI-02:002": ("barrier_positional",),
    }
    assert [(c.start, c.end, c.code, c.coder) for c in lei.codings] == [
        (0, 54, "role_agenda_setting", "T-C1"),
        (58, 94, "barrier_positional", "T-C1"),
    ]


def test_sidecar_problems(tmp_path):
    path = maxqda_xlsx(tmp_path)
    sidecar = write_csv(
        tmp_path / "maxqda.documents.csv",
        [
            ["Document", "Gemeente"],
            ["KAT-01", "Katwijk"],
            ["ZZZ-09", "Leiden"],
            ["Kat-01", "Leiden"],
            ["", "Leiden"],
        ],
        delimiter=";",
    )
    sources, problems = extract(path)
    assert [s.variables for s in sources] == [{"Gemeente": "Katwijk"}, {"gemeente": "Leiden"}]
    assert problems == [
        Problem(
            str(sidecar),
            3,
            "document 'ZZZ-09' is not in maxqda.xlsx: its variables are not used",
            WARNING,
        ),
        Problem(
            str(sidecar),
            4,
            "document 'Kat-01' is listed again (first in row 2): this row is not used",
            WARNING,
        ),
        Problem(str(sidecar), 5, "no document name: the row is not used", WARNING),
        coded_only(path, 2),
    ]
    # Read on its own, the sidecar is left to its spreadsheet.
    assert extract(sidecar) == (
        [],
        [Problem(str(sidecar), 0, "document variables for maxqda.xlsx: read with it", NOTE)],
    )
    write_csv(sidecar, [["naam", "gemeente"], ["KAT-01", "Katwijk"]])
    sources, problems = extract(path)
    assert [s.variables for s in sources] == [{"gemeente": "Katwijk"}, {"gemeente": "Leiden"}]
    assert problems == [
        Problem(
            str(sidecar),
            1,
            "no 'document' column: the header must be document,<variable>,... (found: 'naam', "
            "'gemeente')",
        ),
        coded_only(path, 2),
    ]


def test_maxqda_csv_with_semicolons_and_dutch_headers(tmp_path):
    header = [
        "Kleur",
        "Documentgroep",
        "Documentnaam",
        "Code",
        "Begin",
        "Einde",
        "Gewicht",
        "Segment",
        "Gewijzigd door",
        "Gewijzigd",
        "Aangemaakt door",
        "Aangemaakt",
        "Oppervlakte",
        "Dekking %",
    ]
    path = write_csv(
        tmp_path / "export.csv",
        [
            header,
            mx("Katwijk", "KAT-05", "Rollen\\Verkennen", 7, 7, "Ik loop de wijk rond;\nik vraag."),
            mx("Katwijk", "KAT-05", "", 8, 8, "Hier ontbreekt de code."),
            mx("Katwijk", "KAT-05", "Faciliteren van gesprekken", 3, 3, "We zitten aan één tafel."),
        ],
        delimiter=";",
        encoding="utf-8-sig",
    )
    assert path.read_text(encoding="utf-8-sig").count(";") > 40
    sources, problems = extract(path)
    [source] = sources
    assert source.text == "R: We zitten aan één tafel.\nR: Ik loop de wijk rond; ik vraag."
    assert source.codings == (
        (3, 27, "Faciliteren van gesprekken", "T-C1"),
        (31, 62, "Rollen::Verkennen", "T-C1"),
    )
    assert source.variables == {"gemeente": "Katwijk"}
    # The record with a line break inside quotes is one row: the bad row is row 3.
    assert problems == [
        Problem(str(path), 3, "no code in column 'Code' (document 'KAT-05')"),
        coded_only(path, 1),
    ]


def test_csv_in_windows_1252_is_read_with_a_warning(tmp_path):
    path = write_csv(
        tmp_path / "export.csv",
        [MAXQDA_HEADER, mx("", "KAT-06", "Fixer", 1, 1, "De ideeën van bewoners regel ik.")],
        encoding="cp1252",
    )
    sources, problems = extract(path)
    assert [s.text for s in sources] == ["R: De ideeën van bewoners regel ik."]
    assert [s.variables for s in sources] == [{}]
    assert problems == [
        Problem(
            str(path),
            0,
            "not UTF-8: read as Windows-1252 (cp1252); check letters such as ë and é, or save "
            "the file as UTF-8",
            WARNING,
        ),
        coded_only(path, 1),
    ]


def test_csv_that_is_no_export_is_refused(tmp_path):
    path = write_csv(tmp_path / "lijst.csv", [["naam", "leeftijd"], ["T-R1", "40"]])
    assert extract(path) == (
        [],
        [
            Problem(
                str(path),
                1,
                "not a coded-segment export: header 'naam', 'leeftijd' matches neither a MAXQDA "
                "coded-segment export (columns Document name, Code, Segment; usually also "
                "Document group, Beginning, End, Created by) nor an ATLAS.ti quotation export "
                "(columns Document, Codes, Quotation Content; usually also ID, Document Groups, "
                "Reference, Created by)",
            )
        ],
    )


def test_undecodable_csv(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(b"Document name,Code,Segment\nKAT-01,Fixer,\x81\n")
    assert extract(path) == (
        [],
        [
            Problem(
                str(path),
                0,
                "cannot decode the file: neither UTF-8 nor Windows-1252 (byte 0x81 at offset "
                "40); save it as UTF-8",
            )
        ],
    )


def test_bad_maxqda_rows(tmp_path):
    path = write_xlsx(
        tmp_path / "rows.xlsx",
        [
            MAXQDA_HEADER,
            mx("Katwijk", "KAT-07", "Fixer", 2, 2, "Tweede alinea."),
            mx("Katwijk", "", "Fixer", 3, 3, "Zonder document."),
            mx("Katwijk", "KAT-07", None, 4, 4, "Zonder code."),
            mx("Katwijk", "KAT-07", "Fixer", "p. 3", 9, "Zonder plek."),
            mx("Katwijk", "KAT-07", "Fixer", 1, 1, "Eerste alinea."),
            mx("Katwijk", "KAT-07", "Informeren", 5, 5, " \n "),
            [],
            mx("Katwijk", "KAT-07", "Fixer", "", "x", "Ook zonder plek."),
        ],
    )
    sources, problems = extract(path)
    [source] = sources
    assert source.text == (
        "R: Eerste alinea.\nR: Tweede alinea.\nR: Zonder plek.\nR: Ook zonder plek."
    )
    placed = "the segment is placed after the numbered segments of document 'KAT-07'"
    assert problems == [
        Problem(str(path), 3, "no document name in column 'Document name'"),
        Problem(str(path), 4, "no code in column 'Code' (document 'KAT-07')"),
        Problem(str(path), 5, f"Beginning 'p. 3' is not a number: {placed}", WARNING),
        Problem(
            str(path),
            7,
            "empty segment text in document 'KAT-07' (code 'Informeren'): skipped; only text "
            "segments are read, not image, PDF-area or media segments",
            WARNING,
        ),
        Problem(str(path), 9, f"Beginning '' and End 'x' are not numbers: {placed}", WARNING),
        coded_only(path, 1),
    ]


def test_corrupt_and_empty_workbooks(tmp_path):
    corrupt = tmp_path / "kapot.xlsx"
    corrupt.write_bytes(b"dit is geen werkmap")
    assert extract(corrupt) == (
        [],
        [
            Problem(
                str(corrupt),
                0,
                "cannot read the workbook: not a valid .xlsx file (not a zip archive); export "
                "the coded segments again as Excel (.xlsx) or CSV",
            )
        ],
    )
    empty = write_xlsx(tmp_path / "leeg.xlsx", [])
    assert extract(empty) == (
        [],
        [Problem(str(empty), 0, "empty spreadsheet: no rows; export the coded segments again")],
    )
    header_only = write_xlsx(tmp_path / "kop.xlsx", [MAXQDA_HEADER])
    assert extract(header_only) == (
        [],
        [
            Problem(
                str(header_only),
                0,
                "no coded segments: the export has a header but no usable rows",
                WARNING,
            )
        ],
    )


def atlas_row(quotation, document, groups, content, codes, reference, author, source_type):
    return [
        quotation,
        content[:20],
        document,
        groups,
        content,
        codes,
        "",
        reference,
        1,
        "2026-02-01",
        "2026-02-01",
        author,
        source_type,
    ]


def atlas_xlsx(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_xlsx(
        folder / "atlas.xlsx",
        [
            ATLAS_HEADER,
            atlas_row(
                "1:2",
                "OBS-03",
                "Noordwijk",
                "De wijkverbinder belt\nde aannemer over de stoep.",
                "Fixer\nVerbinding gelukt",
                "4 – 4",
                "T-C1",
                "observatie",
            ),
            atlas_row(
                "2:1",
                "INT-04",
                "Noordwijk\nRonde 1",
                "Ik bel de aannemer zelf.",
                "role_fixer",
                "3 – 3",
                "",
                "interview",
            ),
            atlas_row(
                "1:1",
                "OBS-03",
                "Noordwijk",
                "Zij noteert de klacht van een bewoner.",
                "role_informing",
                "2 – 2",
                "T-C1",
                "observatie",
            ),
            atlas_row("1:3", "OBS-03", "Noordwijk", "Niet gecodeerd.", "", "6 – 6", "T-C1", ""),
        ],
    )


def test_atlas_quotations(tmp_path):
    path = atlas_xlsx(tmp_path)
    sources, problems = extract(path)
    obs, interview = sources
    assert obs.name == "OBS-03"
    # An observation (from the Brontype column) gets no speaker labels.
    assert obs.text == (
        "Zij noteert de klacht van een bewoner.\nDe wijkverbinder belt de aannemer over de stoep."
    )
    assert obs.codings == (
        (0, 38, "role_informing", "T-C1"),
        (39, 87, "Fixer", "T-C1"),
        (39, 87, "Verbinding gelukt", "T-C1"),
    )
    assert spans(obs)[1:] == [
        ("De wijkverbinder belt de aannemer over de stoep.", "Fixer", "T-C1"),
        ("De wijkverbinder belt de aannemer over de stoep.", "Verbinding gelukt", "T-C1"),
    ]
    assert obs.variables == {"Brontype": "observatie", "gemeente": "Noordwijk"}
    assert interview.text == "R: Ik bel de aannemer zelf."
    assert spans(interview) == [("Ik bel de aannemer zelf.", "role_fixer", "")]
    assert interview.variables == {"Brontype": "interview"}
    assert problems == [
        Problem(str(path), 5, "quotation without codes in document 'OBS-03': skipped", WARNING),
        Problem(
            str(path),
            3,
            "document 'INT-04' is in several document groups ('Noordwijk', 'Ronde 1'): none is "
            "taken as the municipality; give gemeente in atlas.documents.csv",
            WARNING,
        ),
        coded_only(path, 2),
    ]


def test_atlas_read_with_sidecar_and_corpus_folder(tmp_path, codebook):
    corpus = tmp_path / "corpus"
    path = atlas_xlsx(corpus / "noordwijk")
    write_csv(
        corpus / "noordwijk" / "atlas.documents.csv",
        [
            ["document", "datum", "respondent", "functie"],
            ["OBS-03", "2026-02-03", "", ""],
            ["INT-04", "2026-02-04", "T-R4", "wijkverbinder"],
        ],
    )
    documents, problems = read(path, codebook=codebook, options=ReadOptions(corpus_root=corpus))
    assert problems == [
        Problem(str(path), 5, "quotation without codes in document 'OBS-03': skipped", WARNING),
        Problem(
            str(path),
            3,
            "document 'INT-04' is in several document groups ('Noordwijk', 'Ronde 1'): none is "
            "taken as the municipality; the corpus folder 'noordwijk' is used",
            WARNING,
        ),
        coded_only(path, 2),
    ]
    obs, interview = documents
    assert [(d.id, d.document.municipality, d.document.source_type) for d in documents] == [
        ("OBS-03", "Noordwijk", "observation"),
        ("INT-04", "noordwijk", "interview"),
    ]
    assert obs.codes_by_segment() == {
        "OBS-03:001": ("role_informing",),
        "OBS-03:002": ("outcome_success", "role_fixer"),
    }
    assert [obs.segment_text(s) for s in obs.segments] == [
        "Zij noteert de klacht van een bewoner.",
        "De wijkverbinder belt de aannemer over de stoep.",
    ]
    assert interview.codes_by_segment() == {"INT-04:001": ("role_fixer",)}
    assert [(c.code, c.coder) for c in interview.codings] == [("role_fixer", "imported")]


def test_atlas_header_in_csv_and_id_order(tmp_path):
    """Without a Reference column, quotations are ordered by the number in their ID."""
    path = write_csv(
        tmp_path / "quotations.csv",
        [
            ["ID", "Document", "Quotation Content", "Codes", "Author"],
            ["1:10", "INT-08", "Later gezegd.", "Fixer", "T-C3"],
            ["1:9", "INT-08", "Eerder gezegd.", "Informeren\nFixer", "T-C3"],
            ["1:9", "INT-08", "Eerder gezegd.", "Agenderen", "T-C3"],
        ],
    )
    sources, problems = extract(path)
    [source] = sources
    assert source.text == "R: Eerder gezegd.\nR: Later gezegd."
    assert spans(source) == [
        ("Eerder gezegd.", "Informeren", "T-C3"),
        ("Eerder gezegd.", "Fixer", "T-C3"),
        ("Eerder gezegd.", "Agenderen", "T-C3"),
        ("Later gezegd.", "Fixer", "T-C3"),
    ]
    assert problems == [coded_only(path, 1)]


def test_sidecar_without_its_spreadsheet_is_refused(tmp_path):
    sidecar = write_csv(tmp_path / "weg.documents.csv", [["document", "gemeente"], ["A", "B"]])
    [problem] = extract(sidecar)[1]
    assert problem == Problem(
        str(sidecar),
        1,
        "not a coded-segment export: header 'document', 'gemeente' matches neither a MAXQDA "
        "coded-segment export (columns Document name, Code, Segment; usually also Document "
        "group, Beginning, End, Created by) nor an ATLAS.ti quotation export (columns Document, "
        "Codes, Quotation Content; usually also ID, Document Groups, Reference, Created by) (a "
        "sidecar of document variables is read with its spreadsheet weg.xlsx or weg.csv next "
        "to it)",
    )
