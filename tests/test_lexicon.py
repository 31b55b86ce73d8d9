from __future__ import annotations

from pathlib import Path

import pytest

from lorlens import LexiconError
from lorlens.labels import COMPETENCIES, FLAGS, SIGNALS, TIERS
from lorlens.lexicon import Lexicon, read_rules

HEADER = "pattern,kind,tier,evidence,competency,signal,weight,note\n"


def write(tmp_path: Path, body: str, name: str = "lex.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_good_rows_become_rules(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'top 5%,phrase,standout,percentile,,,1.0,rank\n"\\bthird of \\d+",regex,strong,percentile;comparison,,,0.7,\n'
        "adequate,phrase,concern,,knowledge_base,doubt:minimal_assurance,0.6,\n",
    )
    rules = read_rules(path)
    assert [r.tier for r in rules] == ["standout", "strong", "concern"]
    assert rules[1].kind == "regex" and rules[1].evidence == ("comparison", "percentile")
    assert rules[2].signal == "doubt:minimal_assurance" and rules[2].competency == "knowledge_base"
    assert rules[0].origin == "lex.csv:2"


@pytest.mark.parametrize(
    "row, field, problem",
    [
        ("great,phrase,superb,,,,0.5,\n", "tier", "unknown tier"),
        ("great,phrase,strong,anecdotal,,,0.5,\n", "evidence", "unknown flag"),
        (",phrase,strong,,,,0.5,\n", "pattern", "empty pattern"),
        ('"top (\\d+",regex,strong,,,,0.5,\n', "pattern", "does not compile"),
        ("great,phrase,strong,,,,1.5,\n", "weight", "outside 0..1"),
        ("great,phrase,strong,,,,heavy,\n", "weight", "not a number"),
        ("great,glob,strong,,,,0.5,\n", "kind", "unknown kind"),
        ("great,phrase,strong,,bravery,,0.5,\n", "competency", "unknown competency"),
        ("great,phrase,strong,,,doubt:vibes,0.5,\n", "signal", "unknown signal"),
    ],
)
def test_bad_row_names_file_line_and_field(tmp_path: Path, row: str, field: str, problem: str) -> None:
    path = write(tmp_path, "fine,phrase,solid,,,,0.5,\n" + row)
    with pytest.raises(LexiconError) as info:
        read_rules(path)
    err = info.value
    assert err.line == 3 and err.field == field and problem in err.problem
    assert str(path) in str(err) and "line 3" in str(err)


def test_duplicate_rows_that_disagree_are_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "solid resident,phrase,solid,,,,0.5,\nSolid  Resident,phrase,strong,,,,0.5,\n")
    with pytest.raises(LexiconError, match="line 3.*duplicate of lex.csv:2"):
        read_rules(path)


def test_identical_duplicates_are_tolerated(tmp_path: Path) -> None:
    path = write(tmp_path, "solid resident,phrase,solid,,,,0.5,\nsolid resident,phrase,solid,,,,0.5,\n")
    assert len(read_rules(path)) == 1


def test_missing_column_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "lex.csv"
    path.write_text("pattern,kind\ngreat,phrase\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="missing column"):
        read_rules(path)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot open"):
        read_rules(tmp_path / "nope.csv")


def test_extra_lexicon_overrides_and_extends(tmp_path: Path) -> None:
    base = write(tmp_path, "solid resident,phrase,solid,,,,0.5,\ngreat,phrase,strong,,,,0.4,\n", "base.csv")
    extra = write(tmp_path, "solid resident,phrase,generic,,,,0.3,mine\nrockstar,phrase,strong,,,,0.5,\n", "extra.csv")
    lexicon = Lexicon.load(base, [extra])
    by_pattern = {r.pattern: r for r in lexicon.rules}
    assert by_pattern["solid resident"].tier == "generic" and by_pattern["solid resident"].origin == "extra.csv:2"
    assert set(by_pattern) == {"solid resident", "great", "rockstar"}


def test_bundled_lexicon_loads_and_covers_the_contract() -> None:
    lexicon = Lexicon.load()
    rules = lexicon.rules
    assert len(rules) >= 400
    assert {r.tier for r in rules} == set(TIERS)
    assert {f for r in rules for f in r.evidence} == set(FLAGS)
    assert {r.competency for r in rules if r.competency} == set(COMPETENCIES)
    signals = {r.signal for r in rules if r.signal}
    assert signals - {"doubt:negated_praise"} <= set(SIGNALS)
    assert {s for s in SIGNALS if s != "doubt:negated_praise"} <= signals
