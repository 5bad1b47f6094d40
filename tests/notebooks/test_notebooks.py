"""Every notebook under notebooks/ passes ``pytest --nbval`` on the TxLab kernel.

nbval runs in a subprocess (it is a pytest plugin of its own) with this
checkout's kernelspec on JUPYTER_PATH; the project's nbval plugin (pytest11
entry point) sends each cell's metadata, so cells tagged ``conn:NAME`` run
on their connections as in JupyterLab.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.kernel.harness import ROOT, jupyter_path

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_passes_nbval(path: Path):
    env = dict(os.environ, JUPYTER_PATH=jupyter_path())
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--nbval",
                           str(path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_run(path: Path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "txlab"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "run top to bottom once"
    for c in code:
        assert c.outputs, f"cell without stored output: {c.source[:40]!r}"
        assert all(o.output_type != "error" for o in c.outputs)


def test_tour_uses_two_tagged_connections():
    nb = nbformat.read(ROOT / "notebooks" / "00-tour.ipynb", as_version=4)
    tags = {t for c in nb.cells for t in c.metadata.get("tags", [])}
    assert {"conn:alice", "conn:bob"} <= tags


def test_plugin_compares_a_display_updated_later_as_first_shown():
    from txlab.kernel.nbval_plugin import _as_first_shown
    stored = [nbformat.from_dict({"output_type": "display_data", "data": {"text/plain": "UPDATE 1\n"},
                                  "metadata": {"txlab": {"first_shown": {"text/plain": "-- waiting\n"}}}}),
              nbformat.from_dict({"output_type": "display_data", "data": {"text/plain": "x"}, "metadata": {}})]
    fixed = _as_first_shown(stored)
    assert fixed[0]["data"] == {"text/plain": "-- waiting\n"} and fixed[0].data["text/plain"] == "-- waiting\n"
    assert fixed[1] is stored[1]
    assert stored[0]["data"] == {"text/plain": "UPDATE 1\n"}        # the notebook itself is untouched
