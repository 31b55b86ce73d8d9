"""Shared fixtures: a small lexicon whose rows the tests control.

Tests of mechanisms (matching, negation scope, segmentation, CLI) use this
lexicon so that editing the bundled ``data/phrase_tiers.csv`` cannot break
them; tests of the bundled data say so in their names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import lorlens

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEV_DIR = SHARED / "eval" / "dev"
EXAMPLES = REPO / "examples"

TEST_LEXICON = """pattern,kind,tier,evidence,competency,signal,weight,note
strongly recommend,phrase,strong,,,,0.8,test row
recommend her without reservation,phrase,strong,,,,0.9,test row
without reservation,phrase,strong,,,,0.85,test row
among the strongest,phrase,standout,comparison,,,0.8,test row
one of the best,phrase,standout,comparison,,,0.9,test row
"\\btop\\s+(?:[1-9]|10)\\s*(?:%|percent)",regex,standout,percentile,,,1.0,test row
exceptional,phrase,strong,,,,0.6,test row
excellent,phrase,strong,,,,0.6,test row
hard-working,phrase,generic,,work_ethic,,0.5,test row
team player,phrase,generic,,team_fit,,0.5,test row
manage,phrase,solid,,,,0.3,test row
with appropriate support,phrase,concern,,,doubt:conditional,0.8,test row
needed reminders,phrase,concern,,reliability,doubt:weakness,0.7,test row
met expectations,phrase,concern,,,doubt:minimal_assurance,0.8,test row
recommending her,phrase,solid,,,,0.5,test row
program director,phrase,neutral,,,role:leadership,0.3,test row
two weeks,phrase,neutral,,,contact:short,0.3,test row
"""


@pytest.fixture(scope="session")
def test_lexicon_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lexicon") / "test_lexicon.csv"
    path.write_text(TEST_LEXICON, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def rules_analyzer(test_lexicon_path: Path) -> lorlens.Analyzer:
    """Lexicon-only analyzer on the test lexicon."""
    return lorlens.load(lexicon=test_lexicon_path, model=None)


@pytest.fixture(scope="session")
def analyzer() -> lorlens.Analyzer:
    """The analyzer as users get it: bundled lexicon and bundled model."""
    return lorlens.load()
