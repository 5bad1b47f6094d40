"""pytest plugin: make ``pytest --nbval`` run TxLab notebooks as JupyterLab does.

Registered through the ``pytest11`` entry point, so it is loaded by every
pytest run; it does nothing unless nbval runs a notebook on the TxLab
kernel.  Then, before each cell:

* **cell metadata goes with the execute request.**  JupyterLab sends a
  cell's metadata (its ``conn:NAME`` tag) with the request; nbval does not.
  jupyter_client merges ``Session.metadata`` into every message it sends,
  so the plugin sets nbval's kernel client's session metadata to the
  cell's metadata (plus the notebook's ``txlab`` metadata, which carries
  the notebook clock), and a notebook that names connections only by tags
  passes as it runs in JupyterLab.
* **SVG is not compared** (DESIGN §6): diagrams also carry a deterministic
  ``text/plain`` and their DOT source, which nbval does compare; the SVG
  depends on the Graphviz version that drew it.
* **updates of a display in the same cell are applied** (a cell blocked on
  a lock timeout shows a waiting notice, then its outcome), as a frontend
  applies them; nbval alone keeps the first version.
* **a display updated in place by a later cell is compared as first shown.**  A statement
  that waits for a lock shows a waiting notice; a later cell releases it
  and updates that display in place.  JupyterLab saves the updated display,
  but nbval compares each cell right after running it, when it showed the
  notice.  The kernel keeps what the display first showed in its metadata
  (``txlab.first_shown``), and the plugin compares against that.  (The
  later cell's own output, which reports the resumed statement, is
  compared as usual.)
"""
from __future__ import annotations

import copy
from typing import Any

import pytest

_SVG = "image/svg+xml"


def _is_nbval_cell(item: Any) -> bool:
    return type(item).__name__ == "IPyNbCell" and hasattr(item, "cell") and hasattr(item.parent, "nb")


def _runs_txlab(notebook_file: Any) -> bool:
    """Whether the kernel nbval started for this notebook is TxLab's."""
    kernel = getattr(notebook_file, "kernel", None)
    km = getattr(kernel, "km", None)
    if km is None:
        return False
    if getattr(km, "kernel_name", "") == "txlab":
        return True
    try:
        return "txlab.kernel" in km.kernel_spec.argv
    except Exception:
        return False


def _cell_metadata(item: Any) -> dict:
    meta = dict(item.cell.get("metadata", {}) or {})
    notebook_meta = item.parent.nb.metadata.get("txlab")
    if isinstance(notebook_meta, dict):
        meta["txlab"] = {**notebook_meta, **(meta.get("txlab") or {})}
    cell_id = item.cell.get("id")
    if cell_id:
        meta["cellId"] = cell_id
    return meta


def _follow_updates(notebook_file: Any) -> None:
    """Apply ``update_display_data`` to what nbval collected, as a frontend does.

    nbval keeps a display's ``data`` dict as the message delivered it and
    ignores updates; a cell that blocked on a lock timeout first shows a
    waiting notice and then updates it with the outcome.  Wrapping nbval's
    message getter, the plugin updates that same dict in place."""
    if getattr(notebook_file, "_txlab_follows_updates", False):
        return
    notebook_file._txlab_follows_updates = True
    original = notebook_file.get_kernel_message
    shown: dict[str, dict] = {}

    def get_kernel_message(*args: Any, **kwargs: Any) -> dict:
        msg = original(*args, **kwargs)
        content = msg.get("content") or {}
        display_id = (content.get("transient") or {}).get("display_id")
        if display_id and msg.get("msg_type") == "display_data":
            shown[display_id] = content.get("data", {})
        elif display_id and msg.get("msg_type") == "update_display_data" and display_id in shown:
            target = shown[display_id]
            target.clear()
            target.update(content.get("data", {}))
        return msg

    notebook_file.get_kernel_message = get_kernel_message


def _as_first_shown(outputs: list) -> list:
    """Stored outputs, with displays updated in place replaced by what they first showed."""
    fixed = []
    for out in outputs:
        first = (out.get("metadata") or {}).get("txlab", {}).get("first_shown") \
            if out.get("output_type") == "display_data" else None
        if first:
            from nbformat import from_dict
            out = copy.deepcopy(out)
            out["data"] = from_dict(first)
        fixed.append(out)
    return fixed


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: Any):
    yield            # nbval's own setup starts the notebook's kernel first
    if not _is_nbval_cell(item) or not _runs_txlab(item.parent):
        return
    parent = item.parent
    if _SVG not in parent.skip_compare:
        parent.skip_compare = tuple(parent.skip_compare) + (_SVG,)
    parent.kernel.kc.session.metadata = _cell_metadata(item)
    _follow_updates(parent)
    outputs = item.cell.get("outputs")
    if outputs:
        item.cell = copy.copy(item.cell)
        item.cell["outputs"] = _as_first_shown(outputs)
