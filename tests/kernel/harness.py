"""Drive a real TxLab kernel process through jupyter_client, as a frontend does.

Kernel tests must see what JupyterLab sees: the messages on the wire.  The
kernelspec is written into a temporary JUPYTER_PATH directory (pointing at
this interpreter and this checkout), so the tests never depend on what is
installed in the environment.  `KernelHarness.execute` sends an
execute_request with the cell metadata JupyterLab would send (its tags) and
collects the reply and every iopub message of that request.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FAULTY = Path(__file__).with_name("faulty_kernel.py")


def jupyter_path() -> str:
    """A directory with the txlab (and txlab-faulty) kernelspecs; set once per process."""
    existing = os.environ.get("TXLAB_TEST_JUPYTER_PATH")
    if existing:
        return existing
    import atexit
    import shutil
    from txlab.kernel.install import kernel_spec, write_spec
    base = Path(tempfile.mkdtemp(prefix="txlab-jupyter-"))
    atexit.register(shutil.rmtree, base, True)
    write_spec(base / "kernels" / "txlab", sys.executable)
    faulty = kernel_spec(sys.executable)
    faulty["argv"] = [sys.executable, str(FAULTY), "-f", "{connection_file}"]
    faulty["display_name"] = "TxLab with injected faults (tests)"
    (base / "kernels" / "txlab-faulty").mkdir(parents=True)
    (base / "kernels" / "txlab-faulty" / "kernel.json").write_text(json.dumps(faulty))
    os.environ["TXLAB_TEST_JUPYTER_PATH"] = str(base)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(base), os.environ.get("JUPYTER_PATH")]))
    return str(base)


@dataclass
class Run:
    reply: dict
    messages: list[dict] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.reply["status"]

    def of_type(self, *types: str) -> list[dict]:
        return [m for m in self.messages if m["msg_type"] in types]

    @property
    def displays(self) -> list[dict]:
        return [m["content"] for m in self.of_type("display_data")]

    @property
    def text(self) -> str:
        """text/plain of the cell's (first) display."""
        shown = self.displays
        return shown[0]["data"]["text/plain"] if shown else ""

    @property
    def html(self) -> str:
        shown = self.displays
        return shown[0]["data"].get("text/html", "") if shown else ""

    @property
    def display_id(self) -> str | None:
        shown = self.displays
        return shown[0].get("transient", {}).get("display_id") if shown else None

    @property
    def updates(self) -> list[dict]:
        return [m["content"] for m in self.of_type("update_display_data")]

    @property
    def streams(self) -> list[dict]:
        return [m["content"] for m in self.of_type("stream")]

    @property
    def errors(self) -> list[dict]:
        return [m["content"] for m in self.of_type("error")]


class KernelHarness:
    def __init__(self, kernel_name: str = "txlab") -> None:
        jupyter_path()
        from jupyter_client.manager import start_new_kernel
        self.km, self.kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=60)

    def close(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def send_execute(self, code: str, tags: list[str] | None = None, metadata: dict | None = None) -> str:
        meta = dict(metadata or {})
        if tags is not None:
            meta["tags"] = tags
        content = {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": True}
        msg = self.kc.session.msg("execute_request", content, metadata=meta)
        self.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def reply(self, msg_id: str, timeout: float = 30) -> dict:
        while True:
            msg = self.kc.get_shell_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    def iopub_until_idle(self, msg_id: str, timeout: float = 30) -> list[dict]:
        out = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return out
            out.append(msg)

    def execute(self, code: str, tags: list[str] | None = None, metadata: dict | None = None,
                timeout: float = 30) -> Run:
        msg_id = self.send_execute(code, tags, metadata)
        reply = self.reply(msg_id, timeout)
        return Run(reply["content"], self.iopub_until_idle(msg_id, timeout))

    def request(self, method: str, *args: Any, **kwargs: Any) -> dict:
        msg_id = getattr(self.kc, method)(*args, **kwargs)
        return self.reply(msg_id)["content"]

    def drain_iopub(self, timeout: float = 0.3) -> list[dict]:
        out = []
        while True:
            try:
                out.append(self.kc.get_iopub_msg(timeout=timeout))
            except Empty:
                return out
