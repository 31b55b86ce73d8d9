"""Where lorlens finds its bundled data and model.

An installed wheel carries ``data/`` files as ``lorlens/_data`` and the bundled
model as ``lorlens/_models`` (see ``pyproject.toml``). A source checkout used
without installing (an editable install, or tests run from the repository)
finds the same files at the repository's top-level ``data/`` and ``models/``,
which are the files users edit.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_DIR = _PACKAGE_DIR.parent.parent


def data_path(name: str) -> Path:
    """Path of a bundled data file such as ``phrase_tiers.csv``."""
    return _first_existing(_PACKAGE_DIR / "_data" / name, _REPO_DIR / "data" / name)


def model_path(name: str = "default") -> Path:
    """Folder of a bundled model (``default`` is the one ``lorlens.load`` uses)."""
    return _first_existing(_PACKAGE_DIR / "_models" / name, _REPO_DIR / "models" / name)


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[0]
