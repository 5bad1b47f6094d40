"""Benchmark: the TxLab kernel next to a bare ipykernel echo kernel, in one run.

    python bench/kernel.py [--starts 5] [--cells 300]

Measures, for both kernels, launched the same way (IPKernelApp, a kernelspec
in a temporary JUPYTER_PATH, jupyter_client's KernelManager):

* start-to-ready: from start_kernel() to the kernel_info reply
  (wait_for_ready), median of --starts launches, alternating kernels;
* idle RSS: resident memory of the kernel process after it answered a cell
  and sat idle for a second (TxLab has loaded its engine by then);
* round trip of a one-statement cell (``SELECT 1;`` on TxLab, the same text
  echoed by the echo kernel): execute_request sent to idle status received,
  median and 90th percentile of --cells cells after a warm-up.

Targets (ISSUE): a cell within 2 ms of the echo kernel, start within 0.5 s,
idle RSS within 40 MB.  The output says whether each is met.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {"start_s": 0.5, "rss_mb": 40.0, "cell_ms": 2.0}


def kernelspecs() -> str:
    """txlab and echo kernelspecs in a fresh JUPYTER_PATH directory."""
    import os
    from txlab.kernel.install import write_spec
    base = Path(tempfile.mkdtemp(prefix="txlab-bench-"))
    write_spec(base / "kernels" / "txlab", sys.executable)
    echo = base / "kernels" / "echo"
    echo.mkdir(parents=True)
    (echo / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, str(ROOT / "bench" / "kernel_echo.py"), "-f", "{connection_file}"],
        "display_name": "echo", "language": "text", "interrupt_mode": "message"}))
    os.environ["JUPYTER_PATH"] = str(base)
    return str(base)


def start(name: str):
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc, time.perf_counter() - t0


def stop(km, kc) -> None:
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def rss_mb(km) -> float:
    pid = km.provisioner.pid if hasattr(km.provisioner, "pid") else km.provisioner.process.pid
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def round_trip(kc, code: str) -> float:
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_iopub_msg(timeout=30)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            elapsed = time.perf_counter() - t0
            break
    kc.get_shell_msg(timeout=30)
    return elapsed


def measure(name: str, code: str, cells: int) -> dict:
    km, kc, _ = start(name)
    try:
        for _ in range(20):                       # warm-up (TxLab imports its engine lazily)
            round_trip(kc, code)
        time.sleep(1.0)
        memory = rss_mb(km)
        times = sorted(round_trip(kc, code) for _ in range(cells))
        return {"rss_mb": memory, "cell_ms": statistics.median(times) * 1000,
                "cell_p90_ms": times[int(len(times) * 0.9)] * 1000}
    finally:
        stop(km, kc)


def start_times(starts: int) -> dict:
    out: dict[str, list[float]] = {"echo": [], "txlab": []}
    for _ in range(starts):
        for name in ("echo", "txlab"):
            km, kc, elapsed = start(name)
            out[name].append(elapsed)
            stop(km, kc)
    return {name: statistics.median(v) for name, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--cells", type=int, default=300)
    args = parser.parse_args(argv)
    kernelspecs()
    starts = start_times(args.starts)
    echo = measure("echo", "SELECT 1;", args.cells)
    txlab = measure("txlab", "SELECT 1;", args.cells)
    rows = [
        ("start-to-ready (s)", starts["echo"], starts["txlab"], "start_s"),
        ("idle RSS (MB)", echo["rss_mb"], txlab["rss_mb"], "rss_mb"),
        ("one-statement cell, median (ms)", echo["cell_ms"], txlab["cell_ms"], "cell_ms"),
        ("one-statement cell, p90 (ms)", echo["cell_p90_ms"], txlab["cell_p90_ms"], None),
    ]
    print(f"{'':34} {'echo':>10} {'txlab':>10} {'diff':>10}  target")
    ok = True
    for label, e, t, key in rows:
        target = TARGETS.get(key) if key else None
        verdict = ""
        if target is not None:
            met = t - e <= target
            ok &= met
            verdict = f"<= +{target:g}  {'met' if met else 'MISSED'}"
        print(f"{label:34} {e:10.3f} {t:10.3f} {t - e:+10.3f}  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
