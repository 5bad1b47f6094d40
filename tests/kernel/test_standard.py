"""The standard kernel conformance suite (jupyter_kernel_test) for TxLab.

Messages are validated against the Jupyter message spec.  TxLab never
writes to stdout/stderr streams (everything is in the cell's display), so
the stream tests are skipped; a cell's output is display_data, not
execute_result, because a waiting statement's display must be updatable
in place (display_id)."""
from __future__ import annotations

import jupyter_kernel_test

from .harness import jupyter_path

jupyter_path()


class TxLabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "txlab"
    language_name = "sql"
    file_extension = ".sql"

    # a cell that fails as a whole: its connection cannot be decided
    code_generate_error = "-- conn: not a name!\nSELECT 1;"

    code_display_data = [
        {"code": "SELECT 1 AS one;", "mime": "text/plain"},
        {"code": "SELECT 1 AS one;", "mime": "text/html"},
        {"code": "\\echo hello, world", "mime": "text/plain"},
    ]

    completion_samples = [
        {"text": "ROLLB", "matches": {"ROLLBACK"}},
        {"text": "\\connec", "matches": {"\\connections"}},
    ]

    complete_code_samples = ["SELECT 1;", "\\d", "BEGIN; COMMIT;", "SELECT 1; -- done"]
    incomplete_code_samples = ["SELECT 1", "SELECT 'abc", "/* open", "BEGIN;\nSELECT (1"]

    code_inspect_sample = "BEGIN"
