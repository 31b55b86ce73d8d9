"""Who wrote the letter and how well they know the applicant.

Program directors weigh a letter by its writer (a PD or chair versus "Dr.
Unknown at Office Clinic X") and by contact (a two-week observership versus
four months on service). Both are read from lexicon signals (``role:*``,
``contact:*``) in the letter's sentences, signature lines included.
"""

from __future__ import annotations

from typing import Sequence

from .report import SentenceReport, WriterContext

_ROLE_ORDER = ("leadership", "faculty", "community")


def read_writer_context(sentences: Sequence[SentenceReport]) -> WriterContext:
    """The strongest role named, and the contact length, with the sentences they came from."""
    roles: dict[str, int] = {}
    contact: dict[str, int] = {}
    close = False
    cues: list[int] = []
    for i, sentence in enumerate(sentences):
        signals = {m.signal for m in sentence.matches if m.signal and not m.negated}
        if "doubt:limited_contact" in sentence.doubts:
            signals.add("contact:short")
        found = False
        for signal in signals:
            kind, _, value = signal.partition(":")
            if kind == "role":
                roles.setdefault(value, i)
                found = True
            elif kind == "contact" and value == "close":
                close, found = True, True
            elif kind == "contact":
                contact.setdefault(value, i)
                found = True
        if found:
            cues.append(i)
    role = next((r for r in _ROLE_ORDER if r in roles), "unknown")
    # Limited contact stated anywhere outweighs a long stint mentioned elsewhere.
    length = "short" if "short" in contact else ("long" if "long" in contact else "unknown")
    return WriterContext(role=role, contact=length, close=close, cues=tuple(cues))
