"""Coded Word files (``.docx``): the transcript is the document, a code is a Word comment.

Conventions:

- **Metadata block.** The document starts with paragraphs ``key: value`` (``gemeente: Katwijk``,
  ``source_type: interview``, ``respondent: KAT-R1``, ``functie: wijkregisseur``,
  ``datum: 2026-03-01``); keys are kept as written and mapped by :mod:`.imported` (``gemeente``
  -> ``municipality``, ...). Empty paragraphs before the block are skipped. The block ends at the
  first blank paragraph (recommended; that paragraph is dropped too) or at the first paragraph
  that is not ``key: value``. A paragraph whose key is a speaker label (``I``, ``INT``,
  ``Interviewer``, ``R``, ``WR``, ``Respondent``, with or without a number, or a label the block
  declares with ``interviewer_label``/``respondent_label``) starts the transcript instead; the
  one key that is both a label and a field, ``respondent``, is a field when it is written in
  lower case or when a blank paragraph ends the block. Without a block the document has no
  variables (and :func:`.imported.build` reports the missing fields).
- **Text.** The paragraphs after the block, joined with ``\\n``: one paragraph is one line, and
  empty paragraphs are kept as empty lines, so that line *n* of the text is paragraph *n* after
  the block (line numbers in messages count these). How lines become segments is the rule of
  :func:`.imported.paragraph_rule` (an empty paragraph in the text makes blank lines the
  paragraph separator, else every line is a paragraph). Within a paragraph, a tab is ``\\t``, a
  line break (``w:br``, ``w:cr``) is a space (it would otherwise break the one-paragraph-per-line
  rule), a non-breaking hyphen is ``-``; soft hyphens, symbols (``w:sym``), field codes and
  footnote marks are left out. Paragraphs in tables are read in document order, one line per
  paragraph of a cell, with a warning (a speaker column does not start turns).
- **Codes.** Every comment anchored in the body text codes the text between its
  ``w:commentRangeStart`` and ``w:commentRangeEnd`` (in one paragraph or across several); its
  text holds one or more code ids or Dutch labels separated by commas, semicolons or line breaks;
  each becomes a coding ``(start, end, code, author)`` with exact string offsets into the text.
  The comment's author is the coder. Skipped with a warning: a comment without text, a comment
  marking only a point (a ``w:commentReference`` without a range, or an empty range), a comment
  anchored in the metadata block or outside the body (header, footer, footnote). Replies to a
  comment (Word's ``commentsExtended`` part) are discussion, not codes: skipped with a note.
- **Tracked changes** are read as if accepted (inserted and moved-to text kept, deleted and
  moved-from text left out, paragraphs whose mark was deleted joined), with a warning.
- **Ignored:** headers, footers, footnotes, endnotes, text boxes (a warning says how many), math
  and images.

Safety: bad input is a problem, never a traceback. A file that is not a zip archive, an old
``.doc`` or an encrypted (password-protected) file (both OLE compound files, bytes ``D0 CF 11
E0``), a zip that is not a Word document, or corrupt XML gives an error that says what to do.
Archives larger than :data:`MAX_UNCOMPRESSED` bytes unpacked are refused before they are read.
python-docx parses every part with lxml and ``resolve_entities=False`` (checked for python-docx
1.2 / lxml 6): entities declared in a DTD, internal or external, are not expanded (their text is
left out, with a warning that the document declares a DTD), and lxml does no network access; the
``commentsExtended`` part is parsed with the same settings.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from wijkverbinders.codebook import Codebook
from wijkverbinders.errors import NOTE, WARNING, Problem
from wijkverbinders.formats import imported
from wijkverbinders.formats.common import (
    DEFAULT_INTERVIEWER_LABELS,
    DEFAULT_RESPONDENT_LABELS,
    ReadOptions,
)
from wijkverbinders.formats.imported import SourceText, field_for
from wijkverbinders.model import CodedDocument

SUFFIXES = (".docx",)
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes, all parts together
MAX_ENTRIES = 10_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_COMMENTS_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_P, _T, _TBL, _SECTPR = _W + "p", _W + "t", _W + "tbl", _W + "sectPr"
_TABS = {_W + "tab", _W + "ptab"}
_BREAKS = {_W + "br", _W + "cr"}
_DELETED = {_W + "del", _W + "moveFrom"}
_TRACKED = (_W + "ins", _W + "del", _W + "moveFrom", _W + "moveTo")
# Inside a paragraph: properties, field codes and deleted text have no text that is read.
_NO_TEXT = {_W + "pPr", _W + "rPr", _W + "sdtPr", _W + "instrText", _W + "delText", _MC_FALLBACK}
_TEXT_BOX = _W + "txbxContent"
_MARKERS = {
    _W + "commentRangeStart": "start",
    _W + "commentRangeEnd": "end",
    _W + "commentReference": "reference",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FIELD = re.compile(r"^\s*([^\W\d][\w \-]{0,39}?)\s*:\s*(.*?)\s*$")
_LABEL_LIKE = re.compile(r"(?:i|r|int|wr|interviewer|respondent)\s*\d+")
_CODE_SEPARATORS = re.compile(r"[,;\n]")
_FIX = "save it as a Word Document (.docx), then read it again"


@dataclass
class _Paragraph:
    """One paragraph: its text and the comment markers in it, at offsets into that text."""

    parent: object  # the element holding it: paragraphs of different cells are never joined
    text: str = ""
    marks: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, kind, id)
    mark_deleted: bool = False


class _Body:
    """The paragraphs of the body in document order, counting tables and text boxes."""

    def __init__(self, br: str = " "):
        self.br = br
        self.paragraphs: list[_Paragraph] = []
        self.pending: list[tuple[str, str]] = []  # markers between paragraphs, for the next one
        self.tables = 0
        self.text_boxes = 0

    def blocks(self, element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag == _SECTPR:
                continue  # entities, XML comments, processing instructions
            if tag == _P:
                self.paragraph(child)
            elif tag in _MARKERS:
                kind = _MARKERS[tag]
                ident = child.get(_W + "id", "")
                if kind == "start" or not self.paragraphs:
                    self.pending.append((kind, ident))
                else:  # an end between paragraphs: the end of the paragraph before it
                    last = self.paragraphs[-1]
                    last.marks.append((len(last.text), kind, ident))
            else:
                if tag == _TBL:
                    self.tables += 1
                self.blocks(child)

    def paragraph(self, element) -> None:
        para = _Paragraph(element.getparent())
        para.marks = [(0, kind, ident) for kind, ident in self.pending]
        self.pending = []
        mark = element.find(f"{_W}pPr/{_W}rPr")
        para.mark_deleted = mark is not None and any(mark.find(tag) is not None for tag in _DELETED)
        pieces: list[str] = []
        self.inline(element, para, pieces, deleted=False)
        para.text = "".join(pieces)
        self.paragraphs.append(para)

    def inline(self, element, para: _Paragraph, pieces: list[str], *, deleted: bool) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _NO_TEXT:
                continue
            if tag == _TEXT_BOX:
                self.text_boxes += 1
            elif tag in _MARKERS:
                para.marks.append((sum(map(len, pieces)), _MARKERS[tag], child.get(_W + "id", "")))
            elif tag in _DELETED:
                self.inline(child, para, pieces, deleted=True)
            elif deleted:
                self.inline(child, para, pieces, deleted=True)  # only markers count in there
            elif tag == _T:
                # Entity references (never written by Word) stay unexpanded and are left out;
                # a line end inside w:t (neither) would break paragraph = line.
                text = (child.text or "") + "".join(c.tail or "" for c in child)
                pieces.append(text.replace("\r", " ").replace("\n", " "))
            elif tag in _TABS:
                pieces.append("\t")
            elif tag in _BREAKS:
                pieces.append(self.br)
            elif tag == _W + "noBreakHyphen":
                pieces.append("-")
            else:
                self.inline(child, para, pieces, deleted=False)


def _joined(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """Paragraphs with a deleted paragraph mark joined to the next one (change accepted)."""
    result: list[_Paragraph] = []
    for para in paragraphs:
        last = result[-1] if result else None
        if last is not None and last.mark_deleted and last.parent is para.parent:
            shift = len(last.text)
            last.marks += [(shift + offset, kind, ident) for offset, kind, ident in para.marks]
            last.text += para.text
            last.mark_deleted = para.mark_deleted
        else:
            result.append(para)
    return result


def _plain(element) -> str:
    """The text of a comment: its paragraphs one per line, a line break also a new line."""
    body = _Body(br="\n")
    body.blocks(element)
    return "\n".join(p.text for p in body.paragraphs)


# --- Opening the file --------------------------------------------------------------------------


def _not_openable(path: Path) -> str | None:
    """Why the file cannot be a .docx (checked before python-docx sees it), or None."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
        size = path.stat().st_size
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if size == 0:
        return "cannot be opened as a Word file: the file is empty"
    if head == _OLE:
        data = path.read_bytes() if size <= MAX_UNCOMPRESSED else b""
        if "EncryptedPackage".encode("utf-16-le") in data:
            return (
                "cannot be opened as a Word file: it is password protected (encrypted); open "
                "it in Word, remove the password (File > Info > Protect Document > Encrypt with "
                "Password, empty the field), save it and read it again"
            )
        if "WordDocument".encode("utf-16-le") in data:
            return (
                "cannot be opened as a Word file: it is an old Word 97-2003 .doc file renamed "
                f"to .docx; open it in Word and {_FIX}"
            )
        return (
            "cannot be opened as a Word file: it is an OLE compound file, not a .docx: a "
            "password-protected Office file or an old .doc; remove the password (Word: File > "
            f"Info > Protect Document) or open it in Word and {_FIX}"
        )
    for magic, kind in ((b"{\\rtf", "an RTF file"), (b"%PDF", "a PDF file")):
        if head.startswith(magic):
            return (
                f"cannot be opened as a Word file: it is {kind} renamed to .docx; open it in "
                f"Word and {_FIX}"
            )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        return (
            "cannot be opened as a Word file: it is not a zip archive (every .docx is one); "
            f"if it is a Word file of another kind, open it in Word and {_FIX}"
        )
    except (OSError, ValueError) as exc:
        return f"cannot be opened as a Word file: the zip archive is damaged ({exc})"
    total = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or total > MAX_UNCOMPRESSED:
        return (
            f"cannot be opened as a Word file: {len(entries)} parts of {total:,} bytes "
            f"unpacked (more than {MAX_ENTRIES} parts or {MAX_UNCOMPRESSED:,} bytes)"
        )
    return None


def _open(path: Path, where: str, problems: list[Problem]):
    """The python-docx document, or None with an error."""
    reason = _not_openable(path)
    if reason is None:
        import docx
        from lxml import etree

        try:
            return docx.Document(str(path))
        except etree.XMLSyntaxError as exc:
            reason = f"cannot be opened as a Word file: corrupt XML ({exc})"
        except KeyError as exc:
            reason = f"cannot be opened as a Word file: a part is missing ({exc.args[0]})"
        except ValueError:
            reason = (
                "cannot be opened as a Word file: it is another kind of Office file (a "
                "spreadsheet, a presentation, a template or a macro-enabled .docm); open it "
                f"in Word and {_FIX}"
            )
        except Exception as exc:  # a broken file must never end in a traceback
            reason = f"cannot be opened as a Word file: {type(exc).__name__}: {exc}"
    problems.append(Problem(where, 0, reason))
    return None


def _comments_element(document):
    for rel in document.part.rels.values():
        if rel.reltype == _COMMENTS_RELTYPE and not rel.is_external:
            return rel.target_part.element
    return None


def _reply_parents(document, comments) -> dict[str, str]:
    """Comment id -> id of the comment it replies to, from the ``commentsExtended`` part."""
    from lxml import etree

    blob = None
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/commentsExtended") and not rel.is_external:
            blob = rel.target_part.blob
    if blob is None:
        return {}
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(blob, parser)
    except etree.XMLSyntaxError:
        return {}
    by_para = {}
    for comment in comments:
        paragraphs = comment.findall(_P)
        if paragraphs:
            by_para[paragraphs[-1].get(_W14 + "paraId")] = comment.get(_W + "id", "")
    parents = {}
    for entry in root.iter(_W15 + "commentEx"):
        parent = entry.get(_W15 + "paraIdParent")
        child = by_para.get(entry.get(_W15 + "paraId"))
        if parent and child is not None and parent in by_para:
            parents[child] = by_para[parent]
    return parents


# --- Metadata block -------------------------------------------------------------------------


def _is_label(key: str, labels: set[str]) -> bool:
    folded = key.casefold()
    return folded in labels or _LABEL_LIKE.fullmatch(folded) is not None


def _metadata(
    paragraphs: list[_Paragraph], where: str, problems: list[Problem]
) -> tuple[dict[str, str], int]:
    """The variables of the metadata block, and the index of the first paragraph after it."""
    labels = {x.casefold() for x in (*DEFAULT_INTERVIEWER_LABELS, *DEFAULT_RESPONDENT_LABELS)}
    index = 0
    while index < len(paragraphs) and not paragraphs[index].text.strip():
        index += 1
    entries: list[tuple[int, str, str]] = []
    blank_ended = False
    while index < len(paragraphs):
        text = paragraphs[index].text
        if not text.strip():
            blank_ended = True
            break
        match = _FIELD.match(text)
        if match is None:
            break
        key, value = match.group(1).strip(), match.group(2)
        if field_for(key) is None and _is_label(key, labels):
            break
        if field_for(key) in ("interviewer_label", "respondent_label"):
            labels.add(value.casefold())
        entries.append((index, key, value))
        index += 1
    first_body = index + 1 if blank_ended else index
    if not blank_ended:
        # 'respondent' is both a field and a speaker label: written as a label ('Respondent')
        # and with no blank paragraph to end the block, it starts the transcript.
        for number, (at, key, value) in enumerate(entries):
            if _is_label(key, labels) and key != key.lower():
                problems.append(
                    Problem(
                        where,
                        0,
                        f"the metadata block ends before '{key}: {value}', which is read as the "
                        "first turn (a speaker label); if it is a metadata field, write the key "
                        "in lower case or end the metadata block with a blank paragraph",
                        WARNING,
                    )
                )
                entries, first_body = entries[:number], at
                break
    if not entries:
        return {}, 0
    variables: dict[str, str] = {}
    for _, key, value in entries:
        if key in variables:
            problems.append(
                Problem(
                    where,
                    0,
                    f"metadata field '{key}' is given twice: the first value "
                    f"'{variables[key]}' is used",
                    WARNING,
                )
            )
            continue
        variables[key] = value
    return variables, first_body


# --- Extraction -----------------------------------------------------------------------------


def _quote(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return f"'{flat if len(flat) <= limit else flat[: limit - 3] + '...'}'"


def extract(path: Path, *, folder: str = "") -> tuple[list[SourceText], list[Problem]]:
    """The text, metadata variables and comment codings of a coded Word file.

    Returns:
        One :class:`SourceText` (none when the file cannot be opened) and every problem found.
    """
    path = Path(path)
    where = str(path)
    problems: list[Problem] = []
    document = _open(path, where, problems)
    if document is None:
        return [], problems
    root = document.element
    body = _Body()
    body.blocks(root.body)
    paragraphs = _joined(body.paragraphs)
    if body.pending:  # starts after the last paragraph: they anchor nothing
        paragraphs = paragraphs or [_Paragraph(None)]
        last = paragraphs[-1]
        last.marks += [(len(last.text), kind, ident) for kind, ident in body.pending]

    variables, first_body = _metadata(paragraphs, where, problems)
    lines = [p.text for p in paragraphs[first_body:]]
    text = "\n".join(lines)
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1

    # Where each comment's markers are: (offset in text, line) or None in the metadata block.
    anchors: dict[str, dict[str, tuple[int, int] | None]] = {}
    for number, para in enumerate(paragraphs):
        for at, kind, ident in para.marks:
            place = None
            if number >= first_body:
                line = number - first_body
                place = (starts[line] + at, line + 1)
            anchors.setdefault(ident, {}).setdefault(kind, place)

    if body.tables:
        problems.append(
            Problem(
                where,
                0,
                f"{body.tables} table(s): their text is read in document order, one line per "
                "paragraph of a cell, so a speaker label in a column of its own starts no turn; "
                "if a table holds the transcript, convert it to text in Word (Table Layout > "
                "Convert to Text)",
                WARNING,
            )
        )
    if body.text_boxes:
        problems.append(
            Problem(
                where,
                0,
                f"{body.text_boxes} text box(es): their text is not read; move it into the "
                "body text if it belongs to the transcript",
                WARNING,
            )
        )
    if root.getroottree().docinfo.doctype:
        problems.append(
            Problem(
                where,
                0,
                "the document XML declares a DTD (<!DOCTYPE>), which Word never writes: its "
                "entities are not expanded and their text is left out",
                WARNING,
            )
        )
    if next(root.body.iter(*_TRACKED), None) is not None:
        problems.append(
            Problem(
                where,
                0,
                "tracked changes found: the text is read as if they were all accepted; accept "
                "or reject them in Word (Review > Accept/Reject) to be sure of the text",
                WARNING,
            )
        )

    comments = _comments_element(document)
    comment_list = [] if comments is None else comments.findall(_W + "comment")
    replies = _reply_parents(document, comment_list)
    found = []
    for order, comment in enumerate(comment_list):
        ident = comment.get(_W + "id", "")
        author = comment.get(_W + "author", "")
        note = _plain(comment)
        codes = [c.strip() for c in _CODE_SEPARATORS.split(note) if c.strip()]
        marks = anchors.get(ident, {})
        start, end = marks.get("start"), marks.get("end")
        line = next((m[1] for m in (start, end, marks.get("reference")) if m), 0)
        by = f" by {author}" if author else ""
        if ident in replies:
            problems.append(
                Problem(
                    where,
                    line,
                    f"comment {ident}{by} is a reply to comment {replies[ident]}: not read as "
                    "codes",
                    NOTE,
                )
            )
            continue
        if not codes:
            problems.append(
                Problem(
                    where,
                    line,
                    f"comment {ident}{by} is empty: write the code id(s) or label(s) in it "
                    "(separated by commas, semicolons or line breaks); skipped",
                    WARNING,
                )
            )
            continue
        if not marks:
            problems.append(
                Problem(
                    where,
                    0,
                    f"comment {ident} ({_quote(note)}) is not anchored in the body text (a "
                    "header, footer or footnote?); skipped",
                    WARNING,
                )
            )
            continue
        if any(kind in marks and marks[kind] is None for kind in ("start", "end", "reference")):
            problems.append(
                Problem(
                    where,
                    0,
                    f"comment {ident} ({_quote(note)}) is anchored in the metadata block: only "
                    "the transcript is coded; skipped",
                    WARNING,
                )
            )
            continue
        if start is None or end is None or start[0] >= end[0]:
            problems.append(
                Problem(
                    where,
                    line,
                    f"comment {ident} ({_quote(note)}) marks a point, not a text: select the "
                    "coded words and comment on the selection; skipped",
                    WARNING,
                )
            )
            continue
        for number, code in enumerate(codes):
            found.append((start[0], end[0], order, number, code, author))
    codings = tuple((a, b, code, author) for a, b, _, _, code, author in sorted(found))
    source = SourceText(where, path.stem, text, variables, codings, folder)
    return [source], problems


def read(
    path: str | Path, *, codebook: Codebook, options: ReadOptions | None = None
) -> tuple[list[CodedDocument], list[Problem]]:
    """The coded document of a Word file (none when it has errors) and every problem found."""
    return imported.read_with(extract, path, codebook=codebook, options=options)


__all__ = ["MAX_UNCOMPRESSED", "SUFFIXES", "extract", "read"]
