"""Files to text: one reader per format behind :func:`read_letter`.

Offsets in every report index into the text these readers return ("the file
decoded as text"): line endings are normalised as Python's text mode does, so
offsets agree with ``Path.read_text()``. Each failure is an
:class:`~lorlens.errors.InputError` naming the file and the problem.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Callable

from .errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".text")
PDF_SUFFIXES = (".pdf",)
DOCX_SUFFIXES = (".docx",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + PDF_SUFFIXES + DOCX_SUFFIXES
DEFAULT_MAX_BYTES = 20_000_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes, path: str | Path = "<bytes>") -> str:
    """Decode bytes of a text file: BOMs first, then UTF-8, then Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "invalid UTF-16 text") from None
    else:
        if b"\x00" in data[:4096]:
            raise InputError(path, "binary data, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(" ", text)


def read_text_file(path: Path) -> str:
    return decode_text(_read_bytes(path), path)


def read_pdf(path: Path) -> str:
    """Text layer of a PDF, page by page (pages separated by a blank line)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several types here
                ok = 0
            if not ok:
                raise InputError(path, "PDF is password-protected")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise InputError(path, f"corrupt or unreadable PDF ({type(exc).__name__})") from None
    text = join_pages(pages)
    if not text.strip():
        raise InputError(path, "PDF has no text layer; OCR is not supported")
    return join_pdf_lines(text)


_PAGE_NUMBER = re.compile(r"^\s*(?:(?:page|p\.|pg\.?)\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,3})?\s*$", re.IGNORECASE)
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be running headers or footers
_SENTENCE_END = tuple('.!?:;"”)')


def join_pages(pages: list[str]) -> str:
    """Join the text of a PDF's pages so that the letter reads as one text.

    Page numbers ("Page 2 of 3", "- 2 -") at the top or bottom of a page are
    dropped. So are running footers (a line at the bottom of two or more pages,
    digits aside) and running headers after their first appearance, which keeps
    the letterhead once. A sentence that runs on to the next page (no closing
    punctuation, next page starting in lower case) is joined as a wrapped line
    instead of being cut by a paragraph break.
    """
    split = [page.strip("\n").split("\n") for page in pages]

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.lower().split()))

    def content(lines: list[str]) -> list[str]:
        return [key(line) for line in lines if line.strip()]

    tops: dict[str, int] = {}
    bottoms: dict[str, int] = {}
    for lines in split:
        keys = content(lines)
        for k in set(keys[:_EDGE_LINES]):
            tops[k] = tops.get(k, 0) + 1
        for k in set(keys[-_EDGE_LINES:]):
            bottoms[k] = bottoms.get(k, 0) + 1
    headers = {k for k, n in tops.items() if n >= 2}
    footers = {k for k, n in bottoms.items() if n >= 2}

    text = ""
    printed: set[str] = set()
    for lines in split:
        lines = list(lines)
        for end, drop in ((0, lambda k: k in headers and k in printed), (-1, lambda k: k in footers)):
            for _ in range(_EDGE_LINES + 1):
                while lines and not lines[end].strip():
                    lines.pop(end)
                if lines and (_PAGE_NUMBER.match(lines[end]) or drop(key(lines[end]))):
                    lines.pop(end)
                else:
                    break
        printed |= headers.intersection(content(lines))
        page = "\n".join(lines)
        if not page.strip():
            continue
        if not text:
            text = page
        elif not text.rstrip().endswith(_SENTENCE_END) and page.lstrip()[:1].islower():
            text = text.rstrip() + "\n" + page.lstrip()
        else:
            text = text + "\n\n" + page
    return text


def join_pdf_lines(text: str) -> str:
    """Undo hyphenation at line ends ("recom-\\nmend" → "recommend").

    Other line wraps are left as they are: the segmenter joins wrapped lines of
    a paragraph itself, and keeping them keeps the layout lines of the letter.
    """
    return re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text.replace("\r\n", "\n"))


def read_docx(path: Path) -> str:
    import docx  # python-docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx/zipfile/lxml raise many types
        raise InputError(path, f"corrupt or unreadable Word file ({type(exc).__name__})") from None
    paragraphs = [p.text for p in document.paragraphs]
    return "\n\n".join(p for p in paragraphs if p.strip())


_READERS: dict[str, Callable[[Path], str]] = {
    **{s: read_text_file for s in TEXT_SUFFIXES},
    **{s: read_pdf for s in PDF_SUFFIXES},
    **{s: read_docx for s in DOCX_SUFFIXES},
}


def _read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(path, f"file is {size:,} bytes, over the limit of {max_bytes:,}")
        return path.read_bytes()
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or type(exc).__name__})") from None


def read_letter(path: str | Path) -> str:
    """Read a letter file of any supported format as text."""
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(path, f"unsupported file type '{path.suffix}' (supported: {', '.join(SUPPORTED_SUFFIXES)})")
    if not path.exists():
        raise InputError(path, "file not found")
    text = reader(path)
    if not text.strip():
        raise InputError(path, "empty letter (no text)")
    return text
