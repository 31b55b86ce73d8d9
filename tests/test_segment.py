from __future__ import annotations

import spacy

import lorlens.segment  # noqa: F401  (registers the factory)
from lorlens.segment import segment_text


def pieces(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start : s.end]) for s in segment_text(text)]


LETTER = """Mercy General Hospital
Department of Medicine
1200 Main St.
Springfield, IL 62701

March 3, 2025

Dear Dr. Okafor,

I am pleased to write for Ms. Ana Ruiz, who rotated with us at St. Luke's in the U.S. She
presented every patient on rounds, e.g. the new admissions, with a clear plan. Her notes were
excellent.

Her strengths:
- calm during codes
- careful handoffs that
  never dropped a task

Sincerely,
Robert Hale, MD
Program Director
"""


def test_layout_lines_are_their_own_units() -> None:
    got = pieces(LETTER)
    assert ("line", "Mercy General Hospital") in got
    assert ("line", "1200 Main St.") in got
    assert ("salutation", "Dear Dr. Okafor,") in got
    assert ("closing", "Sincerely,") in got
    assert ("line", "Robert Hale, MD") in got
    assert ("line", "Program Director") in got


def test_abbreviations_do_not_split_and_wraps_are_joined() -> None:
    texts = [t for _, t in pieces(LETTER)]
    assert "I am pleased to write for Ms. Ana Ruiz, who rotated with us at St. Luke's in the U.S." in texts
    assert (
        "She\npresented every patient on rounds, e.g. the new admissions, with a clear plan." in texts
    )
    assert "Her notes were\nexcellent." in texts


def test_bullets_are_split_and_keep_their_wrapped_lines() -> None:
    got = pieces(LETTER)
    assert ("bullet", "- calm during codes") in got
    assert ("bullet", "- careful handoffs that\n  never dropped a task") in got


def test_dr_and_initials_do_not_split() -> None:
    text = "Dr. J. R. Mbeki supervised her. She worked with Prof. Lin at 7 a.m. daily."
    assert [t for _, t in pieces(text)] == ["Dr. J. R. Mbeki supervised her.", "She worked with Prof. Lin at 7 a.m. daily."]


def test_glued_sentences_are_split() -> None:
    assert [t for _, t in pieces("He was reliable.She was kind.")] == ["He was reliable.", "She was kind."]


def test_paragraphs_without_blank_lines_end_at_short_lines() -> None:
    text = (
        "This paragraph is long enough to wrap across more than one line of the page,\n"
        "and it ends here.\n"
        "A new paragraph starts on the next line after a short one and it goes on and on.\n"
    )
    got = [t for _, t in pieces(text)]
    assert got[0].endswith("ends here.") and got[1].startswith("A new paragraph")


def test_question_and_exclamation_end_sentences() -> None:
    assert len(segment_text("Would I hire her? Absolutely! She is the one.")) == 3


def test_overlong_sentence_is_bounded() -> None:
    text = "word " * 5000
    segs = segment_text(text, max_chars=500)
    assert all(s.end - s.start <= 500 for s in segs)
    assert segs[0].start == 0 and segs[-1].end == len(text.rstrip())


def test_component_sets_doc_sents() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("lorlens_segmenter")
    doc = nlp("Dear Dr. Smith,\n\nShe was excellent. I recommend her.\n\nSincerely,\nA. B.")
    sents = [s.text.strip() for s in doc.sents]
    assert "Dear Dr. Smith," in sents and "She was excellent." in sents and "I recommend her." in sents
    assert len(doc._.lorlens_segments) == 5


def test_an_initial_in_a_signature_is_not_a_list_item() -> None:
    text = "Dear Dr. X,\n\nShe is excellent.\n\nSincerely,\nA. Writer, MD\nProgram Director\n"
    assert pieces(text)[-2:] == [("line", "A. Writer, MD"), ("line", "Program Director")]
    listed = "Her strengths:\na) She reads widely.\nb) She listens.\n"
    assert [kind for kind, _ in pieces(listed)] == ["sentence", "bullet", "bullet"]


def test_hasty_sentences_that_start_in_lower_case_are_split() -> None:
    text = "she was great w/ pts. she always had a plan. i would hire her again!! he said so."
    assert [piece for _, piece in pieces(text)] == [
        "she was great w/ pts.", "she always had a plan.", "i would hire her again!!", "he said so."]  # fmt: skip
    for keep in ("We met approx. two times.", "The labs, cultures, etc. and the imaging were done.",
                 "Call me at 5 p.m. on Monday.", "He trained in the U.S. and she in the U.K."):  # fmt: skip
        assert [piece for _, piece in pieces(keep)] == [keep]
