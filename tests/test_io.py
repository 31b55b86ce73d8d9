"""Readers: encodings, PDFs and Word files, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from lorlens import InputError, read_letter

from .pdfmaker import write_blank_pdf, write_locked_pdf, write_text_pdf

TEXT = "Dear Dr. Nuñez,\n\nShe is one of the best — truly “exceptional” — students I know.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_encodings_are_read_right(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert read_letter(path) == TEXT


def test_line_endings_are_normalised_like_text_mode(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"One line.\r\nTwo line.\rThree.\n")
    assert read_letter(path) == "One line.\nTwo line.\nThree.\n"


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("empty.txt", b"", "empty letter"),
        ("blank.txt", b"  \n\t\n", "empty letter"),
        ("junk.txt", bytes(range(256)) * 4, "binary data"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "PDF"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "Word file"),
        ("letter.rtf", b"{\\rtf1 hello}", "unsupported file type"),
    ],
)
def test_bad_files_raise_input_error_naming_the_file(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_letter(path)
    assert problem in info.value.problem and str(path) in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_letter(tmp_path / "nope.txt")


def test_pdf_text_layer_is_read_and_hyphenation_joined(tmp_path: Path) -> None:
    path = write_text_pdf(
        tmp_path / "letter.pdf",
        ["Dear Program Director,", "", "I strongly recom-", "mend Dr. Rao, who was in the top 5% of", "our students."],
    )
    text = read_letter(path)
    assert "recommend Dr. Rao" in text and "top 5%" in text


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no text layer; OCR is not supported"):
        read_letter(write_blank_pdf(tmp_path / "scan.pdf"))


def test_password_protected_pdf(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="password-protected"):
        read_letter(write_locked_pdf(tmp_path / "locked.pdf", ["Secret letter."]))


def test_docx_paragraphs_become_paragraphs(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Dear Committee,")
    document.add_paragraph("I recommend Mr. Ito without reservation.")
    path = tmp_path / "letter.docx"
    document.save(str(path))
    assert read_letter(path) == "Dear Committee,\n\nI recommend Mr. Ito without reservation."
