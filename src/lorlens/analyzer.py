"""The entry point for scripts and notebooks: ``lorlens.load()`` → :class:`Analyzer`."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import component as _component  # noqa: F401  (registers the factories)
from .component import TEXT_KEY
from . import segment as _segment  # noqa: F401
from .checks import text_warnings
from .errors import InputError
from .report import LetterReport


class Analyzer:
    """Reads letters with a spaCy pipeline whose last component is ``lorlens``."""

    def __init__(self, nlp: Language, max_text_chars: int = 2_000_000) -> None:
        self.nlp = nlp
        self.max_text_chars = max_text_chars

    @property
    def component(self) -> "_component.LorlensComponent":
        return self.nlp.get_pipe("lorlens")  # type: ignore[return-value]

    @property
    def has_model(self) -> bool:
        return self.component.model is not None

    def _check(self, text: str, source: str | None) -> str:
        if not isinstance(text, str):
            raise InputError(source or "<text>", f"expected text (str), got {type(text).__name__}")
        if len(text) > self.max_text_chars:
            raise InputError(
                source or "<text>", f"text is {len(text):,} characters, over the limit of {self.max_text_chars:,}"
            )
        return text

    def analyze(self, text: str, source: str | None = None) -> LetterReport:
        """Read one letter. Offsets in the report index into ``text`` as given."""
        return next(self.analyze_many([text], sources=[source]))

    def analyze_many(
        self, texts: Iterable[str], sources: Iterable[str | None] | None = None, batch_size: int = 32
    ) -> Iterator[LetterReport]:
        """Stream reports for many letters, batching them through ``nlp.pipe``."""
        source_iter = iter(sources) if sources is not None else None

        def pairs() -> Iterator[tuple[Doc, str | None]]:
            for text in texts:
                src = next(source_iter, None) if source_iter is not None else None
                checked = self._check(text, src)
                doc = self.nlp.make_doc(checked)
                doc.user_data[TEXT_KEY] = checked  # saves rebuilding doc.text from its tokens
                yield doc, src

        for doc, src in self.nlp.pipe(pairs(), as_tuples=True, batch_size=batch_size):
            report: LetterReport = doc._.lorlens_report
            report.source = src
            report.warnings = text_warnings(report.text)
            yield report


def load(
    lexicon: str | Path | None = None,
    extra_lexicons: Sequence[str | Path] = (),
    model: str | Path | None = "default",
    trust_model: bool = False,
    weights: str | Path | None = None,
    context_rules: str | Path | None = None,
    nlp: Language | None = None,
    max_text_chars: int = 2_000_000,
) -> Analyzer:
    """Build an :class:`Analyzer`.

    ``lexicon``: a phrase-tier CSV replacing the bundled one; ``extra_lexicons``:
    CSVs that extend or override it row by row. ``model``: ``"default"`` (the
    bundled, checksum-verified model), ``None`` (lexicon only) or a model folder
    (checked against its card; ``trust_model=True`` skips the check for a file
    you made yourself). ``nlp``: a pipeline of your own to add ``lorlens`` to;
    by default a blank English pipeline, so nothing needs downloading.
    ``max_text_chars``: longer texts are refused with an :class:`InputError`.
    """
    pipeline = nlp if nlp is not None else spacy.blank("en")
    pipeline.add_pipe(
        "lorlens",
        config={
            "lexicon": str(lexicon) if lexicon else None,
            "extra_lexicons": [str(p) for p in extra_lexicons],
            "context_rules": str(context_rules) if context_rules else None,
            "weights": str(weights) if weights else None,
            "model": "" if model is None else str(model),
            "trust_model": trust_model,
        },
    )
    return Analyzer(pipeline, max_text_chars=max_text_chars)
