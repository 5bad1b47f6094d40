"""TxLab in a real JupyterLab, in a real (headless) Chromium.

The kernel tests check the messages on the wire; this test checks what a
learner sees.  It starts JupyterLab itself (127.0.0.1, a free port, a random
token, a temporary notebook directory and Jupyter/JupyterLab directories of
its own, so nothing of the user's set-up leaks in), registers the TxLab
kernelspec the way ``scripts/lab`` does (``python -m txlab.kernel install``,
here into a temporary prefix on JUPYTER_PATH), opens a small notebook made
for the test in Debian's Chromium driven by Playwright (``executable_path``:
no browser download), clicks Run > Run All Cells and checks that

(a) the ``\\locks`` cell shows an SVG diagram (Graphviz's drawing of the
    wait-for graph when a renderer is installed, DESIGN §6), and
(b) Bob's cell, which waits for Alice's row lock, first shows the waiting
    notice and, after Alice's COMMIT in a later cell, shows ``UPDATE 1`` in
    that same output area (``update_display_data``, DESIGN §5).  This also
    proves that JupyterLab sends each cell's tags (``conn:alice``,
    ``conn:bob``) with the execute request: untagged, nobody would wait.

A screenshot of the notebook after the run is saved to
``artifacts/browser/jupyterlab.png`` (git-ignored), with JupyterLab's log
and the browser console next to it when the test fails.

Skipped, with the reason, only when no Chromium is found (``.ci/run``
installs Debian's ``chromium``; TXLAB_CHROMIUM names another binary).  A
missing Python package (playwright, jupyterlab: ``pip install -e
'.[browser]'``) skips too, except under ``.ci/run``, which sets
TXLAB_BROWSER_REQUIRED=1 so that CI fails instead of silently skipping.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "browser"
SCREENSHOT = ARTIFACTS / "jupyterlab.png"
NOTEBOOK = "txlab-browser-test.ipynb"

# What Chromium needs here: root (no sandbox), no GPU, and no traffic of its own
# (this machine's network is closed; Chromium's background requests only fail slowly).
CHROMIUM_ARGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-sandbox"]
VIEWPORT = {"width": 1280, "height": 1350}

START_TIMEOUT = 60          # seconds for JupyterLab to answer
UI_TIMEOUT_MS = 60_000      # for any one DOM condition in the page
RUN_TIMEOUT_MS = 90_000     # for Run All to finish every cell

# The notebook, cell by cell: (connection tag or None, source).  Bob's UPDATE
# waits for Alice's row lock until her COMMIT two cells later.
CELLS = [
    (None, "DROP TABLE IF EXISTS accounts;\n"
           "CREATE TABLE accounts (account_id bigint PRIMARY KEY, balance numeric(12,2) NOT NULL);\n"
           "INSERT INTO accounts VALUES (1, 5000.00), (2, 3000.00);"),
    ("alice", "BEGIN;\nUPDATE accounts SET balance = balance - 50.00 WHERE account_id = 1;"),
    ("bob", "UPDATE accounts SET balance = balance + 50.00 WHERE account_id = 1;"),
    (None, "\\locks"),
    ("alice", "COMMIT;"),
    ("bob", "SELECT account_id, balance FROM accounts ORDER BY account_id;"),
]
WAITING_CELL, LOCKS_CELL, COMMIT_CELL, LAST_CELL = 2, 3, 4, 5


# --- what is needed -------------------------------------------------------------------------------
def find_chromium() -> str | None:
    named = os.environ.get("TXLAB_CHROMIUM")
    candidates = [named] if named else []
    candidates += [shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")]
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def require_module(module: str, why: str) -> None:
    if importlib.util.find_spec(module) is not None:
        return
    message = f"{why} ({module} is not installed: pip install -e '.[browser]')"
    if os.environ.get("TXLAB_BROWSER_REQUIRED") == "1":
        pytest.fail(message + "; TXLAB_BROWSER_REQUIRED=1, so this is a failure, not a skip")
    pytest.skip(message)


# --- JupyterLab -----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_notebook(path: Path) -> None:
    nb = new_notebook(metadata={
        "kernelspec": {"name": "txlab", "display_name": "TxLab (PostgreSQL 15)", "language": "sql"},
        "language_info": {"name": "sql"},
    })
    nb.cells.append(new_markdown_cell("# Bob waits for Alice\n\nRun > Run All Cells: Bob's `UPDATE` waits "
                                      "for Alice's row lock until she commits."))
    for conn, source in CELLS:
        cell = new_code_cell(source)
        if conn:
            cell.metadata["tags"] = [f"conn:{conn}"]
        nb.cells.append(cell)
    nbformat.write(nb, path)


def write_lab_settings(settings: Path) -> None:
    """User settings of this throwaway JupyterLab: every cell in the DOM (no
    windowing, so the page can be read top to bottom) and no news or update
    checks (no network here, and no toast over the notebook)."""
    def put(plugin: str, values: dict) -> None:
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    put("@jupyterlab/notebook-extension/tracker", {"windowingMode": "none"})
    put("@jupyterlab/apputils-extension/notification", {"fetchNews": "false", "checkForUpdates": False})


class Lab:
    """A JupyterLab server of the test's own."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.notebooks = base / "notebooks"
        self.runtime = base / "runtime"
        self.log_path = base / "jupyterlab.log"
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        prefix = self.base / "prefix"
        # Registered as scripts/lab does (`python -m txlab.kernel install`), into a
        # prefix of the test's own instead of the environment's.
        done = subprocess.run([sys.executable, "-m", "txlab.kernel", "install", "--prefix", str(prefix)],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"python -m txlab.kernel install failed:\n{done.stdout}{done.stderr}"
        kernels = prefix / "share" / "jupyter"
        assert (kernels / "kernels" / "txlab" / "kernel.json").is_file(), done.stdout
        settings = self.base / "lab-settings"
        write_lab_settings(settings)
        env = dict(os.environ)
        env.update(
            JUPYTER_PATH=os.pathsep.join(filter(None, [str(kernels), os.environ.get("JUPYTER_PATH")])),
            JUPYTER_CONFIG_DIR=str(self.base / "config"),
            JUPYTER_DATA_DIR=str(self.base / "data"),
            JUPYTER_RUNTIME_DIR=str(self.runtime),
            JUPYTERLAB_SETTINGS_DIR=str(settings),
            JUPYTERLAB_WORKSPACES_DIR=str(self.base / "workspaces"),
            PYTHONUNBUFFERED="1",
        )
        return env

    def start(self) -> None:
        self.notebooks.mkdir(parents=True)
        write_notebook(self.notebooks / NOTEBOOK)
        env = self.env()
        argv = [sys.executable, "-m", "jupyterlab", "--no-browser",
                "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.notebooks}",
                "--LabApp.expose_app_in_browser=True",      # window.jupyterapp, to ask the kernel's status
                "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            argv.append("--allow-root")
        log = open(self.log_path, "wb")
        try:
            self.proc = subprocess.Popen(argv, cwd=self.notebooks, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        finally:
            log.close()

    def wait_ready(self) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"JupyterLab exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with self.request("GET", "/api/status", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"JupyterLab did not answer within {START_TIMEOUT} s:\n{self.log_tail()}")
            time.sleep(0.2)

    def request(self, method: str, path: str, timeout: float):
        req = urllib.request.Request(self.url + path, method=method, data=b"" if method == "POST" else None,
                                     headers={"Authorization": f"token {self.token}"})
        return urllib.request.urlopen(req, timeout=timeout)

    def notebook_url(self) -> str:
        return f"{self.url}/lab/tree/{NOTEBOOK}?reset&token={self.token}"

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self) -> None:
        """Shut the server down (it shuts its kernels down), then make sure:
        the server's process group, and any kernel started from this server's
        runtime directory, are killed."""
        proc = self.proc
        if proc is None:
            return
        if proc.poll() is None:
            try:
                self.request("POST", "/api/shutdown", timeout=5).close()
            except Exception:
                pass
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                for sig in (signal.SIGTERM, signal.SIGKILL):
                    try:
                        os.killpg(proc.pid, sig)
                    except ProcessLookupError:
                        break
                    try:
                        proc.wait(timeout=5)
                        break
                    except subprocess.TimeoutExpired:
                        pass
        for pid in processes_mentioning(str(self.runtime)):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def processes_mentioning(text: str) -> list[int]:
    """Pids whose command line contains `text` (a kernel's connection file lies
    in the server's runtime directory, a path unique to this test run)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline and int(entry.name) != os.getpid():
            found.append(int(entry.name))
    return found


@contextmanager
def running_lab(base: Path) -> Iterator[Lab]:
    """JupyterLab, launched (`Lab.wait_ready` waits until it answers); always stopped."""
    lab = Lab(base)
    try:
        lab.start()
        yield lab
    finally:
        lab.stop()


@contextmanager
def chromium_page(executable: str, profile: Path) -> Iterator[object]:
    """A page in headless Chromium with a fresh profile; the browser is always closed."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=CHROMIUM_ARGS,
            viewport=VIEWPORT, device_scale_factor=1, timeout=UI_TIMEOUT_MS)
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.set_default_timeout(UI_TIMEOUT_MS)
            yield page
        finally:
            context.close()


# --- the page ---------------------------------------------------------------------------------------
KERNEL_IDLE = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const ctx = panel && panel.sessionContext;
    const kernel = ctx && ctx.session && ctx.session.kernel;
    return !!kernel && kernel.status === 'idle' && kernel.name === 'txlab';
}"""

# Record every text the waiting cell's output area shows, and mark that element,
# so the test can tell it was updated in place rather than replaced or appended to.
WATCH = """(index) => {
    const cell = document.querySelectorAll('.jp-Notebook .jp-CodeCell')[index];
    const area = cell.querySelector('.jp-OutputArea');
    area.setAttribute('data-txlab-watched', '1');
    window.__txlabSeen = [];
    const note = () => {
        const text = area.innerText;
        const seen = window.__txlabSeen;
        if (seen.length === 0 || seen[seen.length - 1] !== text) seen.push(text);
    };
    new MutationObserver(note).observe(area, {childList: true, subtree: true, characterData: true});
    return true;
}"""

ALL_RUN = """(count) => {
    const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')];
    return prompts.length === count && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


def cell(page, index: int):
    return page.locator(".jp-Notebook .jp-CodeCell").nth(index)


def output_text(page, index: int) -> str:
    return cell(page, index).locator(".jp-OutputArea").inner_text()


def test_run_all_in_jupyterlab(tmp_path: Path):
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium found (looked for TXLAB_CHROMIUM, chromium, chromium-browser, google-chrome): "
                    "apt-get install chromium, as .ci/run does")
    require_module("playwright", "the browser test drives Chromium with Playwright")
    require_module("jupyterlab", "the browser test runs JupyterLab")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ("jupyterlab-failure.png", "jupyterlab.log"):
        (ARTIFACTS / old).unlink(missing_ok=True)
    started = time.monotonic()
    phases: list[str] = []

    def phase(name: str) -> None:
        phases.append(f"{name} {time.monotonic() - started:.1f}s")

    console: list[str] = []
    lab: Lab | None = None
    ok = False
    try:
        with running_lab(tmp_path / "lab") as lab, chromium_page(chromium, tmp_path / "chromium-profile") as page:
            phase("chromium up")
            page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
            try:
                lab.wait_ready()            # Chromium started meanwhile
                phase("jupyterlab up")
                check_run_all(page, lab, phase)
            except BaseException:
                try:
                    page.screenshot(path=str(ARTIFACTS / "jupyterlab-failure.png"), timeout=10_000)
                except Exception:
                    pass                    # the page may be gone; the original error matters
                raise
        ok = True
    finally:
        phase("stopped")
        print(f"\nbrowser test: {', '.join(phases)}; screenshot {SCREENSHOT}")
        (ARTIFACTS / "console.log").write_text("\n".join(console) + "\n")
        if not ok and lab is not None:
            (ARTIFACTS / "jupyterlab.log").write_text(lab.log_tail(200_000))


def check_run_all(page, lab: Lab, phase) -> None:
    page.goto(lab.notebook_url(), wait_until="domcontentloaded")
    count = len(CELLS)
    page.wait_for_function(f"() => document.querySelectorAll('.jp-Notebook .jp-CodeCell').length === {count}")
    phase("notebook shown")
    page.wait_for_function(KERNEL_IDLE, timeout=RUN_TIMEOUT_MS)
    phase("kernel idle")
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")      # room for the notebook
    page.evaluate(WATCH, WAITING_CELL)

    # What a learner does: Run > Run All Cells.
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^\s*Run\s*$")).click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    page.wait_for_function(ALL_RUN, arg=count, timeout=RUN_TIMEOUT_MS)
    page.wait_for_function(KERNEL_IDLE, timeout=RUN_TIMEOUT_MS)
    cell(page, LAST_CELL).locator(".jp-OutputArea", has_text="(2 rows)").wait_for()
    phase("all cells run")

    # (a) the diagram: an SVG in the \locks cell's output (inside the widget view
    # when ipywidgets renders, else the image/svg+xml output)
    svg = cell(page, LOCKS_CELL).locator(".jp-OutputArea-output svg").first
    svg.wait_for(state="visible")
    drawing = svg.evaluate("""(el) => ({
        nodes: el.querySelectorAll('g.node').length,
        edges: el.querySelectorAll('g.edge').length,
        text: el.textContent,
        width: el.getBoundingClientRect().width,
        height: el.getBoundingClientRect().height,
        mime: el.closest('.jp-OutputArea-output').getAttribute('data-mime-type'),
    })""")

    # (b) the waiting cell, updated in place
    waiting = cell(page, WAITING_CELL)
    waiting.locator(".jp-OutputArea", has_text="UPDATE 1").wait_for()
    final = output_text(page, WAITING_CELL)
    seen = page.evaluate("() => window.__txlabSeen")
    resumed = output_text(page, COMMIT_CELL)

    # what a learner sees, top of the notebook first
    page.evaluate("() => document.querySelector('.jp-WindowedPanel-outer, .jp-Notebook').scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOT))
    phase("screenshot")

    assert any("is waiting for ShareLock on transaction" in t for t in seen), \
        f"Bob's cell never showed the waiting notice; it showed {seen!r}"
    assert "UPDATE 1" in final and "is waiting for" not in final, f"Bob's cell was not updated: {final!r}"
    assert waiting.locator("[data-txlab-watched]").count() == 1, "Bob's output area was replaced"
    assert waiting.locator(".jp-OutputArea-child").count() == 1, f"the update was appended, not applied in place: {final!r}"
    assert seen[-1] == final, seen
    assert "COMMIT" in resumed and re.search(r"bob\s+\(pid \d+\) resumed", resumed), resumed

    assert drawing["width"] > 50 and drawing["height"] > 20, drawing
    assert "bob" in drawing["text"] and "alice" in drawing["text"], drawing["text"][:500]
    from txlab.widgets.render import renderer
    if renderer() is not None:       # Graphviz drew it: bob -> alice, two nodes and an edge
        assert drawing["nodes"] >= 2 and drawing["edges"] >= 1, drawing
