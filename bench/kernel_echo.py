"""A bare ipykernel kernel for bench/kernel.py: the baseline TxLab is measured against.

It does the least a kernel can do for a cell: publish one display_data
holding the cell's text, and reply.  Launched by IPKernelApp exactly as the
TxLab kernel is, so the difference in start-up, memory and round trip is
what TxLab itself costs.
"""
from ipykernel.kernelbase import Kernel


class EchoKernel(Kernel):
    implementation = "echo"
    implementation_version = "1.0"
    language = "text"
    language_info = {"name": "text", "mimetype": "text/plain", "file_extension": ".txt"}
    banner = "echo"

    async def do_execute(self, code, silent, store_history=True, user_expressions=None,
                         allow_stdin=False, *, cell_meta=None, cell_id=None):
        if not silent:
            self.send_response(self.iopub_socket, "display_data",
                               {"data": {"text/plain": code}, "metadata": {}, "transient": {}})
        return {"status": "ok", "execution_count": self.execution_count, "payload": [],
                "user_expressions": {}}


if __name__ == "__main__":
    from ipykernel.kernelapp import IPKernelApp
    IPKernelApp.launch_instance(kernel_class=EchoKernel)
