"""Re-run a TxLab notebook and store its outputs, as JupyterLab would.

    python -m tests.notebooks.execute notebooks/00-tour.ipynb [...]

nbclient runs every cell in order; like JupyterLab (and the nbval plugin),
each execute request carries the cell's metadata (its ``conn:NAME`` tag)
and the notebook's ``txlab`` metadata, through jupyter_client's session
metadata.  nbclient applies ``update_display_data`` to earlier cells, so a
cell that waited for a lock is stored with its final output (and, in its
metadata, what it first showed).  The kernel used is this checkout's.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tests.kernel.harness import jupyter_path


class MetadataClient(NotebookClient):
    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        meta = dict(cell.get("metadata", {}))
        notebook_meta = self.nb.metadata.get("txlab")
        if isinstance(notebook_meta, dict):
            meta["txlab"] = {**notebook_meta, **meta.get("txlab", {})}
        if cell.get("id"):
            meta["cellId"] = cell["id"]
        self.kc.session.metadata = meta
        return await super().async_execute_cell(cell, cell_index, execution_count, store_history)


def execute(path: Path) -> None:
    jupyter_path()
    nb = nbformat.read(path, as_version=4)
    MetadataClient(nb, kernel_name="txlab", timeout=120, record_timing=False, resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.write(nb, path)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        execute(Path(arg))
        print("executed", arg)
