"""The records every stage shares: documents, segments and codings. No I/O, no file formats.

A :class:`Document` is one interview or observation with its metadata and its full text. A
:class:`Segment` is a unit of analysis: a span of that text (a paragraph of a respondent's turn,
or a paragraph of field notes). A :class:`Coding` is a span of the text that a named coder gave a
code; it counts for every segment it overlaps. Readers in :mod:`wijkverbinders.formats` turn
files into these records; tables, agreement, NLP and tagging work on them, never on a file.

Offsets (``start``/``end``) are Python string indices (Unicode code points) into
``Document.text``.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SOURCE_TYPES = ("interview", "observation")
SYNTHETIC_YES, SYNTHETIC_NO, SYNTHETIC_MIXED = "yes", "no", "mixed"


@dataclass(frozen=True)
class Respondent:
    """A person whose words are analysed: a wijkverbinder, by pseudonym, never by name.

    Attributes:
        label: The speaker label that starts this person's turns (``R``, ``R1``); empty for
            the observed person in field notes.
        pseudonym: The pseudonym used in every table (``KAT-R1``).
        job_title: The job title (``wijkregisseur``).
    """

    label: str
    pseudonym: str
    job_title: str


@dataclass(frozen=True)
class Document:
    """One interview or observation.

    Attributes:
        id: The document id (unique in a study).
        municipality: The municipality, as written in the source.
        source_type: ``interview`` or ``observation``.
        respondents: The people whose words or actions are analysed (several in a group
            interview; none for field notes that observe nobody in particular).
        date: ISO date of the interview or observation (may be empty).
        synthetic: True for invented demo data.
        text: The full text the offsets refer to.
        source_path: The file the document was read from.
        coder: The primary coder (may be empty).
        memo: The coder's memo on the document (may be empty).
        scenes: Scene-type ids of a synthetic document (design metadata; usually empty).
        names: Names of people and places in the text (neighbourhoods, streets, organisations)
            that must never reach a shareable output: replaced wherever they occur, beside
            what automatic de-identification finds.
    """

    id: str
    municipality: str
    source_type: str
    respondents: tuple[Respondent, ...]
    date: str
    synthetic: bool
    text: str
    source_path: str
    coder: str = ""
    memo: str = ""
    scenes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @property
    def job_title(self) -> str:
        """The respondents' job titles, ``; ``-joined when a group holds several."""
        return "; ".join(dict.fromkeys(r.job_title for r in self.respondents if r.job_title))

    def respondent(self, label: str) -> Respondent | None:
        """The respondent who speaks with ``label``; for field notes, the one observed person."""
        for person in self.respondents:
            if person.label == label:
                return person
        if not label and len(self.respondents) == 1:
            return self.respondents[0]
        return None


@dataclass(frozen=True)
class Segment:
    """A unit of analysis: one paragraph of a respondent's turn or of field notes.

    Attributes:
        doc_id: The document it belongs to.
        index: Its number in the document, from 1.
        start: Offset of its first character in ``Document.text``.
        end: Offset just after its last character.
        speaker: The speaker label (``R``, ``R2``); empty in field notes.
        line: The line of the source file where it starts (0 when the source has no lines).
        turn: The number of the turn it belongs to, from 1 (paragraphs of one turn share it).
    """

    doc_id: str
    index: int
    start: int
    end: int
    speaker: str
    line: int
    turn: int = 0

    @property
    def id(self) -> str:
        """``<doc_id>:<index>``, zero-padded: ``KAT-INT-01:007``."""
        return f"{self.doc_id}:{self.index:03d}"


@dataclass(frozen=True)
class Coding:
    """A span of a document's text that a named coder gave a code."""

    doc_id: str
    start: int
    end: int
    code: str
    coder: str

    def overlaps(self, segment: Segment) -> bool:
        """Whether this coding covers at least one character of ``segment``."""
        return (
            self.doc_id == segment.doc_id and self.start < segment.end and segment.start < self.end
        )


@dataclass(frozen=True)
class CodedDocument:
    """A document as a reader returns it: the text, its segments and every coder's codings.

    Attributes:
        document: The document and its metadata.
        segments: Units of analysis, in text order.
        codings: Every coding read, of every coder, in text order.
        context: Turns that are kept as context but not analysed (the interviewer's).
        source_counts: What the reader counted in the source independently of the segmenting
            (``{"codings": n, ...}``), for the ingest ledger.
    """

    document: Document
    segments: tuple[Segment, ...]
    codings: tuple[Coding, ...] = ()
    context: tuple[Segment, ...] = ()
    source_counts: dict[str, int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def coders(self) -> tuple[str, ...]:
        """The coders who coded this document, in order of first coding."""
        return tuple(dict.fromkeys(c.coder for c in self.codings))

    @property
    def coded(self) -> bool:
        """A document counts as coded when it holds at least one coding."""
        return bool(self.codings)

    def segment_text(self, segment: Segment) -> str:
        return self.document.text[segment.start : segment.end]

    def codes_by_segment(self, *, coder: str | None = None) -> dict[str, tuple[str, ...]]:
        """``{segment id: codes}``: each coding counts for every segment it overlaps.

        Args:
            coder: Only this coder's codings; all coders when None.
        """
        return segment_codes(
            self.segments, [c for c in self.codings if coder is None or c.coder == coder]
        )


def segment_codes(
    segments: Sequence[Segment], codings: Iterable[Coding]
) -> dict[str, tuple[str, ...]]:
    """The codes of each segment, in order of first appearance, without repeats.

    Linear in segments plus codings (both sorted by offset), so long documents stay fast.
    """
    ordered = sorted(segments, key=lambda s: (s.start, s.end))
    result: dict[str, list[str]] = {s.id: [] for s in segments}
    starts = [s.start for s in ordered]
    for coding in sorted(codings, key=lambda c: (c.start, c.end)):
        # The first segment that may overlap is the last one starting before the coding ends.
        position = max(bisect_right(starts, coding.start) - 1, 0)
        while position < len(ordered) and ordered[position].start < coding.end:
            segment = ordered[position]
            if coding.overlaps(segment) or (coding.start == coding.end == segment.start):
                codes = result[segment.id]
                if coding.code not in codes:
                    codes.append(coding.code)
            position += 1
    return {key: tuple(codes) for key, codes in result.items()}


def synthetic_status(flags: Iterable[bool]) -> str:
    """``yes`` when every document behind a result is synthetic, ``no`` when none is, else
    ``mixed``. The one function that decides the ``synthetic`` value of every table row."""
    seen = set(flags)
    if seen == {True}:
        return SYNTHETIC_YES
    if seen <= {False}:
        return SYNTHETIC_NO
    return SYNTHETIC_MIXED


def combined_status(statuses: Iterable[str]) -> str:
    """The ``synthetic`` value of a result built from rows that each have one."""
    seen = set(statuses)
    if seen <= {SYNTHETIC_YES} and seen:
        return SYNTHETIC_YES
    if seen <= {SYNTHETIC_NO}:
        return SYNTHETIC_NO
    return SYNTHETIC_MIXED


def normalise_key(value: str) -> str:
    """The form under which names are compared: Unicode NFC, case-folded, inner spaces single.

    ``Zoetermeer`` and ``zoetermeer``, or a decomposed and a composed ``coördinator``, compare
    equal, so that spelling variants are caught instead of splitting a group.
    """
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())
