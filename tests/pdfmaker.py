"""Build small real PDFs with a text layer for tests (no extra dependency)."""

from __future__ import annotations

from pathlib import Path


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_text_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF showing ``lines`` top to bottom in Helvetica 11pt."""
    return write_pages_pdf(path, [lines])


def write_pages_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF with one page per list of lines, each shown top to bottom in Helvetica 11pt."""
    n = len(pages)
    font = 3 + 2 * n  # object numbers: 1 catalog, 2 pages, then (page, content) pairs, then the font
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()]
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"] + [f"({_escape(line)}) Tj T*" for line in lines] + ["ET"]
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def write_blank_pdf(path: Path) -> Path:
    """A one-page PDF with no text layer, like a scan."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def write_locked_pdf(path: Path, lines: list[str], password: str = "s3cret") -> Path:
    """A text PDF that needs a user password to open."""
    from pypdf import PdfReader, PdfWriter

    plain = write_text_pdf(path.with_suffix(".plain.pdf"), lines)
    writer = PdfWriter()
    writer.append(PdfReader(str(plain)))
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    with path.open("wb") as handle:
        writer.write(handle)
    plain.unlink()
    return path
