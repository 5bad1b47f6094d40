"""Kernel tests share one kernel process per module (start-up is the slow part)."""
import pytest

from .harness import KernelHarness, jupyter_path

jupyter_path()      # before jupyter_kernel_test's setUpClass looks for the kernelspec


@pytest.fixture(scope="module")
def kernel():
    k = KernelHarness()
    yield k
    k.close()
