"""Readers: encodings, PDFs and Word files, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from lorlens import InputError, read_letter
from lorlens.io import join_pages

from .pdfmaker import write_blank_pdf, write_locked_pdf, write_pages_pdf, write_text_pdf

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


def test_pages_of_a_pdf_read_as_one_letter(tmp_path: Path) -> None:
    pages = [
        ["Mercy Hospital", "Department of Surgery", "Dear Committee,",
         "She was the most careful sub-intern I have supervised, and she", "1200 Main St, Springfield", "Page 1 of 2"],
        ["Mercy Hospital", "Department of Surgery", "never left a task for the night team.",
         "Sincerely,", "Dr. A. Writer", "1200 Main St, Springfield", "Page 2 of 2"],
    ]  # fmt: skip
    text = read_letter(write_pages_pdf(tmp_path / "two.pdf", pages))
    assert text.count("Mercy Hospital") == 1 and text.startswith("Mercy Hospital")  # letterhead kept once
    assert "Page" not in text and "1200 Main St" not in text  # page numbers and running footer dropped
    assert "and she\nnever left a task" in text  # the sentence runs on across the page break


def test_a_sentence_split_by_a_page_break_is_one_sentence(tmp_path: Path, analyzer) -> None:  # noqa: ANN001
    pages = [["Dear Committee,", "I recommend her without reservation, and I would add that she"],
             ["- 2 -", "was the best sub-intern of the year.", "Sincerely,", "A. Writer"]]  # fmt: skip
    report = analyzer.analyze(read_letter(write_pages_pdf(tmp_path / "run-on.pdf", pages)))
    assert any("she\nwas the best sub-intern" in s.text for s in report.sentences)


def test_join_pages_keeps_paragraphs_and_single_pages() -> None:
    assert join_pages(["First page ends.", "Second page starts."]) == "First page ends.\n\nSecond page starts."
    assert join_pages(["A one-page letter.\n3"]) == "A one-page letter."
