"""The TxLab kernel with faults injected where TxLab's own code could fail.

Used only by tests/kernel/test_robustness.py (kernelspec ``txlab-faulty``):
a bug anywhere must show PostgreSQL's ``ERROR:  internal error: ...`` and
leave the kernel and the other connections working.

* SQL containing ``fault_in_engine`` raises inside the engine's Session.execute;
* SQL containing ``fault_in_render`` makes the HTML view raise;
* the meta-command ``\\fault`` raises inside a meta-command handler;
* SQL containing ``fault_print`` prints to stdout and stderr and warns.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _inject() -> None:
    from txlab.engine.session import Session
    from txlab.kernel import html, metacmds

    original_execute = Session.execute

    def execute(self, sql):
        if "fault_in_engine" in sql:
            raise RuntimeError("injected engine fault")
        if "fault_print" in sql:              # library code that prints and warns
            import warnings
            print("debug output from the engine")
            print("and on stderr", file=sys.stderr)
            warnings.warn("something deprecated", DeprecationWarning)
        return original_execute(self, sql)

    Session.execute = execute

    original_render = html.render_html

    def render(output):
        if "fault_in_render" in output.text():
            raise ValueError("injected render fault")
        return original_render(output)

    html.render_html = render

    def fault(*args):
        raise KeyError("injected meta-command fault")

    metacmds._HANDLERS["fault"] = fault


if __name__ == "__main__":
    _inject()
    from ipykernel.kernelapp import IPKernelApp
    from txlab.kernel.kernel import TxLabKernel
    IPKernelApp.launch_instance(kernel_class=TxLabKernel)
