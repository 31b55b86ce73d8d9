"""notebooks/explore.ipynb runs top to bottom (so it never goes stale) and is saved clean."""

from __future__ import annotations

import nbformat

from .conftest import REPO

NOTEBOOK = REPO / "notebooks" / "explore.ipynb"


def test_notebook_is_saved_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_notebook_runs_top_to_bottom() -> None:
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(REPO)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    assert any("<span title=" in o["data"]["text/html"] for o in html)  # the highlighted letter
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the plots
