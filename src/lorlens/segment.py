"""Letter-aware sentence segmentation.

A letter is not running prose: it has a letterhead, an address block, a
salutation, paragraphs (hard-wrapped when the text came out of a PDF), bullet
lists and a signature block. A general sentence splitter glues the address to
the first sentence and cuts "Dr. Shah" in two. This module splits a letter
into *segments*: layout lines (each letterhead, address or signature line on
its own), salutations, closings, bullet items, and the sentences of each
paragraph, with line wraps inside a paragraph joined.

The work is done on characters, so offsets are exact offsets into the text as
given; :class:`LetterSegmenter` is the spaCy component that turns them into
sentence boundaries on a ``Doc``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Literal

import numpy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

SegmentKind = Literal["sentence", "line", "salutation", "closing", "bullet"]

_LINE = re.compile(r"[^\r\n]*")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣–—>]|\(?\d{1,2}[.)])\s+\S")
# "a) ...", "B. ..." enumerate items only in a list; alone, "A. Writer, MD" is an initial.
_LETTER_ITEM = re.compile(r"^\s*\(?[a-hA-H][.)]\s+\S")
_SALUTATION = re.compile(
    r"^\s*(?:dear\b|to whom it may concern|to the (?:selection|admissions?|residency|program|search|hiring)\b"
    r"|to\b[^.!?]{0,80}\b(?:committee|director|directors|board|panel|colleagues?)\s*[:,]?\s*$"
    r"|(?:hello|hi|greetings)\b[^.!?]{0,40}[,:!]?\s*$)",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^\s*(?:sincerely|respectfully|cordially|regards|best|thanks|thank you|cheers|faithfully|"
    r"(?:yours\s+)?(?:very\s+)?(?:truly|sincerely|faithfully|respectfully)(?:\s+yours)?|"
    r"(?:with\s+)?(?:best|kind|kindest|warm|warmest|warm personal|my best)\s+(?:regards|wishes)|"
    r"with (?:respect|gratitude|appreciation|thanks)|all the best|best wishes)\b[^.!?]{0,20}[,.!]?\s*$",
    re.IGNORECASE,
)
# A boundary candidate: sentence punctuation, optional closing quotes/brackets,
# whitespace, then something that can start a sentence.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(\s+)(?=[\"'“‘(\[]?[A-Z0-9ÀÁÂÄÅÇÉÈÊÍÓÖÚÜÑŁŚŻŹ])")
# Missing space after a full stop ("was excellent.She"), a common typo.
_GLUED = re.compile(r"(?<=[a-z]{3}[.!?])(?=[A-Z][a-z])")
# A stop followed by a lower-case word: a boundary only in hasty writing ("she was great. she always...").
_LOWER_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(\s+)(?=[a-z])")
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]?([A-Za-z]+)")

_ABBREVIATIONS = frozenset(
    """dr mr mrs ms mx prof st mt ft no nos vs v fig figs approx dept univ inc ltd co corp jr sr
    gen col capt lt sgt rev hon est al ca cf ed eds vol pp ch sec apt ave blvd rd ste tel ext
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun""".split()
)
# After an abbreviation like "U.S." or "p.m.", these words show a new sentence began.
_SENTENCE_STARTERS = frozenset(
    """i he she they we it this that these those his her their our my in on during after when while
    as although however overall also there what her additionally furthermore moreover finally""".split()
)
_INITIAL_OR_ACRONYM = re.compile(r"^(?:[A-Za-z]\.|(?:[A-Za-z]{1,2}\.){2,})$")


@dataclass(frozen=True)
class Segment:
    """One unit of a letter: ``text[start:end]`` is what it covers (trimmed)."""

    start: int
    end: int
    kind: SegmentKind


def segment_text(text: str, max_chars: int = 1200) -> list[Segment]:
    """Split a letter into segments, in order, non-overlapping, whitespace-trimmed.

    ``max_chars`` bounds a single sentence: a run-on "sentence" longer than that
    (a pasted table, a letter with no punctuation) is cut at whitespace so one
    pathological input cannot make the rest of the pipeline quadratic.
    """
    segments: list[Segment] = []
    for block in _blocks(text):
        for start, end, kind in _units(text, block):
            if kind in ("sentence", "bullet"):
                for s, e in _sentences(text, start, end):
                    segments.extend(_bounded(text, s, e, kind, max_chars))
            else:
                segments.append(Segment(start, end, kind))
    return segments


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line's content, newline characters excluded."""
    pos = 0
    n = len(text)
    while pos <= n:
        m = _LINE.match(text, pos)
        assert m is not None
        yield m.start(), m.end()
        pos = m.end()
        if pos >= n:
            break
        pos += 2 if text.startswith("\r\n", pos) else 1


def _blocks(text: str) -> Iterator[list[tuple[int, int]]]:
    """Groups of consecutive non-blank lines (paragraph-like blocks)."""
    block: list[tuple[int, int]] = []
    for start, end in _lines(text):
        if text[start:end].strip():
            block.append(_trim(text, start, end))
        elif block:
            yield block
            block = []
    if block:
        yield block


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_kind(line: str) -> SegmentKind | None:
    if len(line) <= 80 and _SALUTATION.match(line):
        return "salutation"
    if len(line) <= 40 and _CLOSING.match(line):
        return "closing"
    return None


def _units(text: str, block: list[tuple[int, int]]) -> Iterator[tuple[int, int, SegmentKind]]:
    """Split a block into layout lines and runs of wrapped prose.

    A block whose lines are all short is a letterhead, address or signature:
    each line stands alone. Otherwise lines are joined (they are wraps of one
    paragraph) except that a salutation or closing line, a bullet item and a
    short line (the end of a paragraph in text without blank lines) end a unit.
    """
    lengths = [end - start for start, end in block]
    widest = max(lengths)
    bullets = _bullet_lines(text, block)
    if len(block) > 1 and widest < 55 and not any(bullets):
        for start, end in block:
            yield start, end, _line_kind(text[start:end]) or "line"
        return
    unit_start: int | None = None
    unit_kind: SegmentKind = "sentence"
    for i, (start, end) in enumerate(block):
        line = text[start:end]
        special = _line_kind(line)
        if special is not None:
            if unit_start is not None:
                yield unit_start, block[i - 1][1], unit_kind
                unit_start = None
            yield start, end, special
            continue
        is_bullet = bullets[i]
        if is_bullet and unit_start is not None:
            yield unit_start, block[i - 1][1], unit_kind
            unit_start = None
        if unit_start is None:
            unit_start, unit_kind = start, ("bullet" if is_bullet else "sentence")
        is_last = i == len(block) - 1
        next_is_bullet = not is_last and bullets[i + 1]
        if is_last or next_is_bullet or _ends_paragraph(text, start, end, block[i + 1][0], widest, i == 0):
            yield unit_start, end, unit_kind
            unit_start = None


def _bullet_lines(text: str, block: list[tuple[int, int]]) -> list[bool]:
    """Which lines of a block open a list item: a dash or number always, a letter only among others."""
    marked = [bool(_BULLET.match(text[start:end])) for start, end in block]
    lettered = [bool(_LETTER_ITEM.match(text[start:end])) for start, end in block]
    if sum(lettered) >= 2:
        marked = [m or item for m, item in zip(marked, lettered)]
    return marked


def _ends_paragraph(text: str, start: int, end: int, next_start: int, widest: int, first: bool) -> bool:
    """A short line ends its paragraph unless the next line plainly continues it.

    In text without blank lines between paragraphs the last line of each is
    short; a wrap that happens to be short is followed by a lowercase word.
    """
    nxt = text[next_start : next_start + 1]
    if first and text[end - 1] == ":" and (nxt.isupper() or nxt.isdigit()):
        return True  # a block opening "To the Members of the Committee:" or a heading
    if (end - start) >= 0.55 * widest:
        return False
    return text[end - 1] in ".!?:;\"”)" or nxt.isupper() or nxt.isdigit()


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside one unit of prose."""
    chunk = text[start:end]
    cuts: list[tuple[int, int]] = []  # (end of previous sentence, start of next), relative
    for m in _BOUNDARY.finditer(chunk):
        if _is_real_boundary(chunk, m.start(1), m.end(1)):
            cuts.append((m.start(1), m.end(1)))
    for m in _LOWER_BOUNDARY.finditer(chunk):
        if _is_lowercase_boundary(chunk, m.start(1), m.end(1)):
            cuts.append((m.start(1), m.end(1)))
    for m in _GLUED.finditer(chunk):
        before = _word_before(chunk, m.start())
        if before and not any(c in before for c in "@/") and "www" not in before.lower():
            cuts.append((m.start(), m.start()))
    cuts.sort()
    prev = 0
    for cut_end, next_start in cuts:
        if cut_end > prev:
            yield _trim(text, start + prev, start + cut_end)
        prev = next_start
    s, e = _trim(text, start + prev, end)
    if e > s:
        yield s, e


def _word_before(chunk: str, end: int) -> str | None:
    """The run of non-space characters that ends at ``end`` (``None`` if a space is there).

    A backwards scan: a regex anchored at ``end`` would be tried from every
    earlier position, quadratic in a long paragraph.
    """
    start = end
    while start > 0 and not chunk[start - 1].isspace():
        start -= 1
    return chunk[start:end] if start < end else None


def _is_real_boundary(chunk: str, punct_end: int, next_start: int) -> bool:
    before = _word_before(chunk, punct_end)
    if before is None:
        return True
    word = before.lstrip("\"'“‘([")
    if not word.endswith("."):
        return True  # ! or ? or a quote after the stop
    bare = word[:-1].lower()
    if bare in _ABBREVIATIONS:
        return False
    if _INITIAL_OR_ACRONYM.match(word):
        # "J. Smith", "U.S.", "e.g.", "p.m.": a boundary only if a typical
        # sentence opener follows ("... in the U.S. She then ...").
        nxt = _NEXT_WORD.match(chunk, next_start)
        return bool(nxt and nxt.group(1).lower() in _SENTENCE_STARTERS and len(word) > 2)
    return True


def _is_lowercase_boundary(chunk: str, punct_end: int, next_start: int) -> bool:
    """A sentence that starts in lower case, after an ordinary word and a stop.

    Only when the next word is a typical sentence opener ("she", "i", "he",
    "this", ...) and the word before the stop is a plain word, not an
    abbreviation ("approx. two", "etc. and", "p.m. on", "vs. the").
    """
    nxt = _NEXT_WORD.match(chunk, next_start)
    if not nxt or nxt.group(1) not in _SENTENCE_STARTERS:
        return False
    before = _word_before(chunk, punct_end)
    if before is None:
        return False
    bare = before.strip("\"'“”‘’()[]").rstrip(".!?")
    return bare.isalpha() and len(bare) >= 2 and bare.lower() not in _ABBREVIATIONS and not bare.isupper()


def _bounded(text: str, start: int, end: int, kind: SegmentKind, max_chars: int) -> Iterator[Segment]:
    while end - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        cut = cut if cut > start else start + max_chars
        s, e = _trim(text, start, cut)
        if e > s:
            yield Segment(s, e, kind)
        start, _ = _trim(text, cut, end)
    if end > start:
        yield Segment(start, end, kind)


if not Doc.has_extension("lorlens_segments"):
    Doc.set_extension("lorlens_segments", default=None)


class LetterSegmenter:
    """spaCy component: letter-aware sentence boundaries.

    Stores the segments on ``doc._.lorlens_segments`` and, unless a parser has
    already fixed the sentences, sets ``token.is_sent_start`` so ``doc.sents``
    follows the letter's layout.
    """

    def __init__(self, max_chars: int = 1200) -> None:
        self.max_chars = max_chars

    def __call__(self, doc: Doc, text: str | None = None) -> Doc:
        """Segment ``doc``; pass ``text`` if you already have ``doc.text`` (it is rebuilt on each access)."""
        segments = segment_text(doc.text if text is None else text, self.max_chars)
        doc._.lorlens_segments = segments
        if len(doc) and not doc.has_annotation("DEP"):
            # One array write instead of a property set per token (each set re-checks the doc).
            starts = numpy.fromiter((seg.start for seg in segments), dtype="int64")
            idx_space = doc.to_array([IDX, IS_SPACE]).astype("int64")
            is_start = numpy.isin(idx_space[:, 0], starts) & (idx_space[:, 1] == 0)
            is_start[0] = True
            # spaCy's array layout: 1 starts a sentence, -1 (as its two's complement) does not.
            flags = numpy.where(is_start, 1, -1).astype("int64").reshape(-1, 1).view("uint64")
            doc.from_array([SENT_START], flags)
        return doc


@Language.factory("lorlens_segmenter", default_config={"max_chars": 1200})
def make_segmenter(nlp: Language, name: str, max_chars: int) -> LetterSegmenter:
    """Factory so ``nlp.add_pipe("lorlens_segmenter")`` works."""
    return LetterSegmenter(max_chars=max_chars)
