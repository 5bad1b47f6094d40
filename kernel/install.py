"""The kernelspec: ``python -m txlab.kernel install [--user|--sys-prefix|--prefix DIR]``.

``pip install`` already installs the kernelspec as wheel shared data
(``share/jupyter/kernels/txlab``, from ``kernel/resources``; see
pyproject.toml's data-files), as ipykernel does: there ``kernel.json``
runs ``python -m txlab.kernel``, and jupyter_client replaces a bare
``python`` by the interpreter running Jupyter.  This command installs the
same spec elsewhere (per user, into another environment) and pins the
interpreter that runs it, so the spec keeps working from any Jupyter.

The spec asks for ``interrupt_mode: message``: an interrupt arrives as an
``interrupt_request`` on the control channel, which cancels the statement
that runs or waits (psql's Ctrl-C).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

__all__ = ["KERNEL_NAME", "kernel_spec", "write_spec", "main"]

KERNEL_NAME = "txlab"
RESOURCES = Path(__file__).parent / "resources"
LOGOS = ("logo-32x32.png", "logo-64x64.png", "logo-svg.svg")


def kernel_spec(python: str = sys.executable) -> dict:
    spec = json.loads((RESOURCES / "kernel.json").read_text())
    spec["argv"][0] = python
    return spec


def write_spec(directory: Path, python: str = sys.executable) -> Path:
    """kernel.json and the logos into `directory` (created)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "kernel.json").write_text(json.dumps(kernel_spec(python), indent=2) + "\n")
    for logo in LOGOS:
        shutil.copy(RESOURCES / logo, directory / logo)
    return directory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m txlab.kernel install",
                                     description="Install the TxLab kernelspec.")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true", help="install for the current user")
    where.add_argument("--sys-prefix", action="store_true", help=f"install into {sys.prefix}")
    where.add_argument("--prefix", help="install into this prefix (share/jupyter/kernels under it)")
    parser.add_argument("--name", default=KERNEL_NAME, help="kernelspec name (default: txlab)")
    args = parser.parse_args(argv)
    from jupyter_client.kernelspec import KernelSpecManager
    prefix = sys.prefix if args.sys_prefix else args.prefix
    with tempfile.TemporaryDirectory() as tmp:
        src = write_spec(Path(tmp) / args.name)
        dest = KernelSpecManager().install_kernel_spec(str(src), args.name, user=args.user,
                                                       prefix=prefix)
    print(f"Installed kernelspec {args.name} in {dest}")
    return 0
