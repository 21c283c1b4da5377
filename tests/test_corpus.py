"""Finding files, study-wide checks, the summary cache and batch assignment."""

import os

import pytest

from wijkverbinders import outputs
from wijkverbinders.corpus import PRIMARY, SummaryCache, find_sources, survey, validate_paths

OBSERVATION = (
    "---\n{id}municipality: {place}\nsource_type: observation\njob_title: {title}\n"
    "date: 2026-01-01\n{extra}---\nTekst.\n"
)


def write(folder, name, *, place="Katwijk", title="wijkregisseur", doc_id="", extra=""):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    id_line = f"id: {doc_id}\n" if doc_id else ""
    text = OBSERVATION.format(id=id_line, place=place, title=title, extra=extra)
    path.write_text(text, encoding="utf-8")
    return path


def messages(problems, root):
    return [str(p).replace(f"{root}/", "") for p in problems]


def test_duplicate_ids_across_files(tmp_path, codebook):
    for name in ("a.txt", "b.txt"):
        write(tmp_path / "katwijk", name, doc_id="SAME")
    assert messages(validate_paths([tmp_path], codebook), tmp_path) == [
        "katwijk/b.txt:1: duplicate id 'SAME' (also used by katwijk/a.txt): give each "
        "document its own id"
    ]


def test_missing_folder_and_empty_folder(tmp_path, codebook):
    assert messages(validate_paths([tmp_path / "nope"], codebook), tmp_path) == [
        "nope: no such file or folder"
    ]
    (tmp_path / "empty").mkdir()
    assert messages(validate_paths([tmp_path / "empty"], codebook), tmp_path) == [
        "empty: no documents found in this folder"
    ]


def test_skipped_files_are_notes_and_unknown_files_errors(tmp_path, codebook):
    write(tmp_path / "katwijk", "a.txt")
    for name in ("Thumbs.db", "~$KAT-INT-06.docx", ".hidden.txt", "README.md"):
        (tmp_path / "katwijk" / name).write_bytes(b"x")
    (tmp_path / "katwijk" / "KAT-INT-06.pdf").write_bytes(b"%PDF")
    write(tmp_path / "_coder_b" / "katwijk", "a.txt")
    (tmp_path / "katwijk" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert messages(validate_paths([tmp_path], codebook), tmp_path) == [
        "_coder_b: note: skipped: folder name starts with '.' or '_' (not corpus)",
        "katwijk/.hidden.txt: note: skipped: hidden file",
        "katwijk/KAT-INT-06.pdf: not read: no reader for this kind of file (readable: .csv, "
        ".docx, .qde, .qdpx, .txt, .xlsx; see README); convert it or move it out of the corpus "
        "folder",
        "katwijk/README.md: note: skipped: README, not a transcript",
        "katwijk/Thumbs.db: note: skipped: system file, not a transcript",
        "katwijk/gone.txt: broken link to nowhere.txt: restore the file or remove the link",
        "katwijk/~$KAT-INT-06.docx: note: skipped: Word lock file (is the document still open "
        "in Word?), not a transcript",
    ]


def test_a_linked_municipality_folder_is_read(tmp_path, codebook):
    write(tmp_path / "elsewhere" / "zoetermeer", "z.txt", place="Zoetermeer")
    write(tmp_path / "corpus" / "katwijk", "k.txt")
    os.symlink(tmp_path / "elsewhere" / "zoetermeer", tmp_path / "corpus" / "zoetermeer")
    sources, problems = find_sources([tmp_path / "corpus"])
    assert problems == []
    assert [s.path.relative_to(tmp_path / "corpus").as_posix() for s in sources] == [
        "katwijk/k.txt",
        "zoetermeer/z.txt",
    ]


def test_spelling_variants_are_an_error_naming_both(tmp_path, codebook):
    write(tmp_path / "zoetermeer", "a.txt", place="Zoetermeer", title="Wijkregisseur")
    write(tmp_path / "zoetermeer", "b.txt", place="zoetermeer", title="wijkregisseur")
    assert messages(validate_paths([tmp_path], codebook), tmp_path) == [
        "zoetermeer/b.txt:1: job title 'wijkregisseur' is spelt 'Wijkregisseur' in "
        "zoetermeer/a.txt: use one spelling (names are compared ignoring case)",
        "zoetermeer/b.txt:1: municipality 'zoetermeer' is spelt 'Zoetermeer' in "
        "zoetermeer/a.txt: use one spelling (names are compared ignoring case)",
    ]


def test_municipality_other_than_its_folder_is_a_warning(tmp_path, codebook):
    write(tmp_path / "katwijk", "a.txt", place="Maassluis")
    write(tmp_path / "leidschendam-voorburg", "b.txt", place="Leidschendam-Voorburg")
    assert messages(validate_paths([tmp_path], codebook), tmp_path) == [
        "katwijk/a.txt:1: warning: municipality 'Maassluis' differs from its folder 'katwijk': "
        "check that the file is in the right folder"
    ]


def test_demo_and_real_data_in_one_municipality_is_a_warning(tmp_path, codebook):
    write(tmp_path / "katwijk", "a.txt", extra="synthetic: true\n")
    write(tmp_path / "katwijk", "b.txt")
    assert messages(validate_paths([tmp_path], codebook), tmp_path) == [
        "Katwijk: warning: synthetic demo documents and real documents in one municipality: its "
        "table rows say synthetic=mixed; list only real data under corpus: for real results"
    ]


def test_corpus_folders_may_live_anywhere(tmp_path, codebook, monkeypatch):
    write(tmp_path / "far" / "away" / "katwijk", "a.txt")
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path / "project")
    study = survey(["../far/away"], [], codebook, keep_documents=True)
    assert study.errors == []
    assert [d.id for d in study.of_role(PRIMARY)] == ["katwijk/a"]


def test_summary_cache_rereads_only_changed_files(tmp_path, codebook):
    a = write(tmp_path / "corpus" / "katwijk", "a.txt")
    write(tmp_path / "corpus" / "katwijk", "b.txt")
    cache_file = tmp_path / "cache.json"
    first = survey([tmp_path / "corpus"], [], codebook, cache=SummaryCache(cache_file, "x"))
    cache = SummaryCache(cache_file, "x")
    assert len(cache.entries) == 2
    a.write_text(a.read_text(encoding="utf-8").replace("Tekst.", "Tekst {{role_fixr}}"))
    again = survey([tmp_path / "corpus"], [], codebook, cache=cache)
    assert [s.ok for s in first.summaries] == [True, True]
    assert [s.ok for s in again.summaries] == [False, True]
    assert messages(again.errors, tmp_path) == [
        "corpus/katwijk/a.txt:7: unknown code 'role_fixr' (did you mean 'role_fixer'?)"
    ]
    # Another codebook or other labels: nothing is reused.
    assert SummaryCache(cache_file, "y").entries == {}


def test_batches_depend_only_on_ids_and_count():
    ids = [f"DOC-{n:04d}" for n in range(1000)]
    batches = outputs.assign_batches(ids, batch_size=50)
    assert outputs.batch_count(1000, 50) == 32
    assert len(batches) == 32 and sum(map(len, batches.values())) == 1000
    assert max(map(len, batches.values())) <= 50
    more = outputs.assign_batches([*ids, "DOC-NEW"], batch_size=50)
    changed = [name for name in more if more[name] != batches.get(name)]
    assert len(changed) == 1 and "DOC-NEW" in more[changed[0]]
    assert outputs.assign_batches(["a", "b"], batch_size=50) == {"p000": ["a", "b"]}


@pytest.mark.parametrize(("documents", "expected"), [(1, 1), (50, 1), (51, 2), (300, 8)])
def test_batch_count_is_a_power_of_two(documents, expected):
    assert outputs.batch_count(documents, 50) == expected
