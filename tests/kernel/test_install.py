"""The kernelspec: what pip installs (wheel shared data) and what
``python -m txlab.kernel install`` writes."""
from __future__ import annotations

import json
import subprocess
import sys
import tomllib

from tests.kernel.harness import ROOT
from txlab.kernel.install import LOGOS, RESOURCES


def test_install_command_writes_a_pinned_spec(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "txlab.kernel", "install", "--prefix", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    spec_dir = tmp_path / "share" / "jupyter" / "kernels" / "txlab"
    spec = json.loads((spec_dir / "kernel.json").read_text())
    assert spec["argv"] == [sys.executable, "-m", "txlab.kernel", "-f", "{connection_file}"]
    assert spec["interrupt_mode"] == "message" and spec["language"] == "sql"
    for logo in LOGOS:
        assert (spec_dir / logo).stat().st_size > 100


def test_wheel_shared_data_is_the_kernelspec():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    shared = config["data-files"]["share/jupyter/kernels/txlab"]
    assert sorted(p.rsplit("/", 1)[1] for p in shared) == sorted(["kernel.json", *LOGOS])
    for path in shared:
        assert (ROOT / path).is_file()
    template = json.loads((RESOURCES / "kernel.json").read_text())
    assert template["argv"][:3] == ["python", "-m", "txlab.kernel"]    # jupyter_client puts its python here


def test_pytest_plugin_is_registered():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert config["entry-points"]["pytest11"]["txlab_nbval"] == "txlab.kernel.nbval_plugin"
    assert any(dep.startswith("jupyter_kernel_test") for dep in config["optional-dependencies"]["test"])
