"""The ``lorlens`` spaCy component: segment, match, classify, score.

``nlp.add_pipe("lorlens")`` adds the whole reading to any English pipeline.
Results go where spaCy users look for them:

- ``doc._.lorlens_report``: the :class:`~lorlens.report.LetterReport`;
- ``doc.spans["lorlens"]``: one span per sentence, labelled with its tier,
  with ``span._.lorlens_tier``, ``span._.lorlens_evidence`` and
  ``span._.lorlens_confidence``;
- ``doc.spans["lorlens_matches"]``: the lexicon matches, labelled by rule tier.

How the lexicon and the classifier combine: the lexicon (with negation and
hedge scope) reads every sentence first; that reading is a feature family of
the classifier, which makes the final call on tier and evidence. Without a
model, the lexicon reading is the answer. Layout lines (letterhead,
salutation, closing, signature) are always ``neutral`` but their matches are
kept, because the signature block is where the writer's role is stated.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from .baseline import read_match, read_sentence
from .context import ContextScoper, read_context_rules
from .features import SentenceInput, sentence_input
from .lexicon import Lexicon, LexiconMatch, LexiconMatcher, matches_in
from .report import LetterReport, MatchReport, SentenceReport
from .resources import model_path
from .score import ScoreWeights, score_letter
from .segment import LetterSegmenter, Segment
from .writer import read_writer_context

if TYPE_CHECKING:
    from .compiled import CompiledModel

BODY_KINDS = frozenset({"sentence", "bullet"})

for _name, _obj in (("lorlens_report", Doc), ("lorlens_matches", Doc)):
    if not _obj.has_extension(_name):
        _obj.set_extension(_name, default=None)
for _name in ("lorlens_tier", "lorlens_evidence", "lorlens_confidence"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


TEXT_KEY = "lorlens_text"


def letter_text(doc: Doc) -> str:
    """The letter's text: the string the doc was made from, if it was kept, else ``doc.text``.

    ``doc.text`` is rebuilt from every token on each access (about a tenth of
    the time lorlens spends on a letter), so :class:`~lorlens.analyzer.Analyzer`
    keeps the original string in ``doc.user_data[TEXT_KEY]``. It is used only if
    it still spans the doc exactly.
    """
    kept = doc.user_data.get(TEXT_KEY)
    if isinstance(kept, str):
        if len(doc) == 0:
            if kept == "":
                return kept
        else:
            last = doc[-1]
            if len(kept) == last.idx + len(last.text_with_ws) and kept.startswith(doc[0].text, doc[0].idx):
                return kept
    return doc.text


class LorlensComponent:
    """Reads a letter ``Doc`` end to end; see the module docstring for outputs."""

    def __init__(
        self,
        nlp: Language,
        lexicon: Lexicon,
        scoper: ContextScoper,
        weights: ScoreWeights,
        model: "CompiledModel | None" = None,
        max_chars: int = 1200,
    ) -> None:
        self.lexicon = lexicon
        self.scoper = scoper
        self.weights = weights
        self.model = model
        self.segmenter = LetterSegmenter(max_chars=max_chars)
        self.matcher = LexiconMatcher(nlp.vocab, lexicon, nlp.make_doc)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Process docs in batches so the classifier vectorises many sentences at once."""
        for batch in minibatch(stream, size=batch_size):
            prepared = [self._prepare(doc) for doc in batch]
            rows = [row for *_, letter_rows, _ in prepared for row in letter_rows]
            body_matches = [m for *_, letter_matches in prepared for m in letter_matches]
            predictions = self._predict(rows, body_matches)
            offset = 0
            for doc, text, units, letter_rows, _ in prepared:
                n = len(letter_rows)
                self._finish(doc, text, units, predictions[offset : offset + n])
                offset += n
                yield doc

    def _prepare(
        self, doc: Doc
    ) -> tuple[Doc, str, list[tuple[Segment, list[LexiconMatch]]], list[SentenceInput], list[list[LexiconMatch]]]:
        text = letter_text(doc)
        self.segmenter(doc, text)
        segments: list[Segment] = doc._.lorlens_segments
        wrapped = any("\n" in text[seg.start : seg.end] for seg in segments if seg.kind in BODY_KINDS)
        all_matches = self.matcher(doc, text, wrapped)
        doc._.lorlens_matches = all_matches
        units = []
        rules = self.scoper.candidates(text)
        for seg in segments:
            scoped = self.scoper.apply(text, seg.start, seg.end, matches_in(all_matches, seg.start, seg.end), rules)
            units.append((seg, scoped))
        body = [(seg, m) for seg, m in units if seg.kind in BODY_KINDS]
        rows = [
            sentence_input(text[seg.start : seg.end], m, i, len(body), seg.kind) for i, (seg, m) in enumerate(body)
        ]
        return doc, text, units, rows, [m for _, m in body]

    def _predict(
        self, rows: Sequence[SentenceInput], body_matches: Sequence[list[LexiconMatch]]
    ) -> list[tuple[str, tuple[str, ...], float]]:
        if not rows:
            return []
        if self.model is None:
            readings = [read_sentence(m) for m in body_matches]
            return [(r.tier, r.evidence, r.confidence) for r in readings]
        probs, flags = self.model.predict_all(rows)
        classes = list(self.model.classes_)
        best = probs.argmax(axis=1)
        return [(classes[b], f, float(p[b])) for b, f, p in zip(best, flags, probs)]

    def _finish(
        self,
        doc: Doc,
        text: str,
        units: list[tuple[Segment, list[LexiconMatch]]],
        predictions: Sequence[tuple[str, tuple[str, ...], float]],
    ) -> None:
        sentences: list[SentenceReport] = []
        body_iter = iter(predictions)
        for seg, matches in units:
            if seg.kind in BODY_KINDS:
                tier, evidence, confidence = next(body_iter)
            else:
                tier, evidence, confidence = "neutral", (), 1.0
            sentences.append(sentence_report(text, seg.start, seg.end, seg.kind, tier, evidence, confidence, matches))
        context = read_writer_context(sentences)
        result = score_letter(sentences, context, self.weights)
        competencies: dict[str, int] = {}
        for s in sentences:
            if s.tier in ("standout", "strong", "solid", "generic"):
                for c in s.competencies:
                    competencies[c] = competencies.get(c, 0) + 1
        doc._.lorlens_report = LetterReport(
            score=result.score,
            tier=result.tier,
            sentences=sentences,
            context=context,
            reasons=list(result.reasons),
            competencies=competencies,
            text=text,
        )
        self._annotate(doc, sentences)

    @staticmethod
    def _annotate(doc: Doc, sentences: Sequence[SentenceReport]) -> None:
        spans = []
        for s in sentences:
            span = doc.char_span(s.start, s.end, label=s.tier, alignment_mode="expand")
            if span is None:
                continue
            span._.lorlens_tier = s.tier
            span._.lorlens_evidence = list(s.evidence)
            span._.lorlens_confidence = s.confidence
            spans.append(span)
        doc.spans["lorlens"] = spans
        match_spans = []
        for m in doc._.lorlens_matches or []:
            span = doc.char_span(m.start, m.end, label=m.rule.tier, alignment_mode="expand")
            if span is not None:
                match_spans.append(span)
        doc.spans["lorlens_matches"] = match_spans


def sentence_report(
    text: str,
    start: int,
    end: int,
    kind: str,
    tier: str,
    evidence: Sequence[str],
    confidence: float,
    matches: Sequence[LexiconMatch],
) -> SentenceReport:
    """The report of one sentence: its reading plus the lexicon evidence behind it.

    Doubt signals are kept only on ``concern`` sentences (a hedge word in a
    sentence the classifier reads as praise is not a doubt raiser);
    competencies come from non-negated matches.
    """
    doubts: tuple[str, ...] = ()
    if tier == "concern":
        readings = [read_match(m) for m in matches]
        doubts = tuple(sorted({r.signal for r in readings if r.signal and r.signal.startswith("doubt:")}))
    competencies = tuple(sorted({m.rule.competency for m in matches if m.rule.competency and not m.negated}))
    return SentenceReport(
        start=start,
        end=end,
        text=text[start:end],
        tier=tier,
        evidence=tuple(evidence),
        confidence=confidence,
        kind=kind,
        doubts=doubts,
        competencies=competencies,
        matches=tuple(_match_report(m) for m in matches),
    )


def _match_report(m: LexiconMatch) -> MatchReport:
    r = m.rule
    return MatchReport(
        pattern=r.pattern,
        tier=r.tier,
        start=m.start,
        end=m.end,
        evidence=r.evidence,
        competency=r.competency,
        signal=r.signal,
        negated=m.negated,
        hedged=m.hedged,
        origin=r.origin,
    )


def resolve_model(model: "str | Path | CompiledModel | None", trust: bool = False) -> "CompiledModel | None":
    """``"default"`` is the bundled model (if one is bundled), ``""``/``None`` no model, else a path.

    A model object with ``predict_all`` (a :class:`~lorlens.compiled.CompiledModel`
    or a fitted :class:`~lorlens.model.SentenceModel`) is used as given.
    """
    from .compiled import CompiledModel
    from .modelfile import MODEL_FILE, load_model

    if isinstance(model, CompiledModel) or hasattr(model, "predict_all"):
        return model  # type: ignore[return-value]
    if model is None or model == "":
        return None
    if model == "default":
        folder = model_path("default")
        return load_model(folder) if (folder / MODEL_FILE).exists() else None
    return load_model(model, trust=trust)


@Language.factory(
    "lorlens",
    default_config={
        "lexicon": None,
        "extra_lexicons": [],
        "context_rules": None,
        "weights": None,
        "model": "default",
        "trust_model": False,
        "max_chars": 1200,
    },
)
def make_lorlens(
    nlp: Language,
    name: str,
    lexicon: str | None,
    extra_lexicons: list[str],
    context_rules: str | None,
    weights: str | None,
    model: str,
    trust_model: bool,
    max_chars: int,
) -> LorlensComponent:
    """Build the component from file paths in its config (``None`` = bundled data)."""
    return LorlensComponent(
        nlp,
        lexicon=Lexicon.load(lexicon, extra_lexicons),
        scoper=ContextScoper(read_context_rules(context_rules)),
        weights=ScoreWeights.load(weights),
        model=resolve_model(model, trust_model),
        max_chars=max_chars,
    )
