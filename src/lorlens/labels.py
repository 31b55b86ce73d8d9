"""The label vocabulary of LABELING.md, in one place.

Sentence tiers, evidence flags, competencies and lexicon signals are closed
sets; everything that reads or writes labels validates against these.
"""

from __future__ import annotations

TIERS: tuple[str, ...] = ("standout", "strong", "solid", "generic", "concern", "neutral")
"""Sentence tiers, strongest first; ``neutral`` is not an evaluation."""

LETTER_TIERS: tuple[str, ...] = ("standout", "strong", "solid", "generic", "concern")
"""Letter tiers, strongest first; they map to ratings 5..1."""

RATING_OF_TIER: dict[str, int] = {tier: 5 - i for i, tier in enumerate(LETTER_TIERS)}
TIER_OF_RATING: dict[int, str] = {rating: tier for tier, rating in RATING_OF_TIER.items()}

FLAGS: tuple[str, ...] = ("percentile", "comparison", "anecdote")

COMPETENCIES: tuple[str, ...] = (
    "work_ethic",
    "reliability",
    "clinical_reasoning",
    "team_fit",
    "knowledge_base",
    "communication",
    "professionalism",
    "teachability",
)

DOUBT_SIGNALS: tuple[str, ...] = (
    "doubt:hedge",
    "doubt:conditional",
    "doubt:faint_praise",
    "doubt:limited_contact",
    "doubt:weakness",
    "doubt:improvement_from_deficit",
    "doubt:minimal_assurance",
    "doubt:polite_no",
    "doubt:low_rank",
    "doubt:negated_praise",
)
ROLE_SIGNALS: tuple[str, ...] = ("role:leadership", "role:faculty", "role:community")
CONTACT_SIGNALS: tuple[str, ...] = ("contact:long", "contact:short", "contact:close")
SIGNALS: tuple[str, ...] = DOUBT_SIGNALS + ROLE_SIGNALS + CONTACT_SIGNALS

POSITIVE_TIERS: frozenset[str] = frozenset({"standout", "strong", "solid", "generic"})
