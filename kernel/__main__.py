"""``python -m txlab.kernel``: run the kernel, or install its kernelspec.

    python -m txlab.kernel -f CONNECTION_FILE       (what kernel.json runs)
    python -m txlab.kernel install [--user | --sys-prefix | --prefix DIR]
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["install"]:
        from .install import main as install_main
        return install_main(args[1:])
    from ipykernel.kernelapp import IPKernelApp
    from .kernel import TxLabKernel
    IPKernelApp.launch_instance(argv=args, kernel_class=TxLabKernel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
