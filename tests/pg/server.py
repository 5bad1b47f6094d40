"""A throwaway PostgreSQL 15 cluster for recording golden outputs.

PostgreSQL is TxLab's specification, so the recorders start a real server
rather than trusting anyone's memory of what it prints.  The cluster is made
for reproducible recordings:

* C locale and UTF8, so text sorts by code point as the engine sorts it;
* autovacuum off, so no background transaction consumes an xid between two
  statements of a scenario and recorded xids are those a learner would see;
* TimeZone UTC and DateStyle ISO, MDY (PostgreSQL's own defaults);
* a short deadlock_timeout, so a recording does not sleep a second per
  deadlock; recorders pause longer than it after a blocking step, so the
  statement that closes a cycle is the victim as it is at human speed;
* Unix socket only, trust authentication, in a temporary directory.

initdb refuses to run as root; as root the cluster runs as the `postgres`
user (created by Debian's package), or a `txlabpg` user made for the purpose.
"""
from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

SETTINGS = {
    "listen_addresses": "''",
    "autovacuum": "off",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "TimeZone": "UTC",
    "DateStyle": "'ISO, MDY'",
    "lc_messages": "C",
    "deadlock_timeout": "100ms",
    "max_connections": "40",
    "shared_buffers": "32MB",
}


def bindir() -> Path:
    """Directory holding initdb/pg_ctl/postgres of PostgreSQL 15."""
    for cand in ("/usr/lib/postgresql/15/bin",):
        if Path(cand, "initdb").exists():
            return Path(cand)
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    raise RuntimeError("PostgreSQL 15 server binaries not found (install postgresql-15)")


def available() -> bool:
    try:
        bindir()
        return True
    except RuntimeError:
        return False


def _server_user() -> str | None:
    """The unprivileged user to run the cluster as, or None to run as ourselves."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "txlabpg"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            pass
    subprocess.run(["useradd", "--system", "--no-create-home", "txlabpg"], check=True)
    return "txlabpg"


class Cluster:
    """A running throwaway cluster; use as a context manager."""

    def __init__(self, settings: dict[str, str] | None = None) -> None:
        """`settings` overrides entries of SETTINGS (the benchmarks turn fsync
        and synchronous_commit back on); the recorders keep the defaults."""
        self.settings = {**SETTINGS, **(settings or {})}
        self.bin = bindir()
        self.user = _server_user()
        self.dir = Path(tempfile.mkdtemp(prefix="txlab-pg-"))
        self.data = self.dir / "data"
        self.socket_dir = str(self.dir)
        self.port = 54329

    def _run(self, args: list[str], **kw) -> subprocess.CompletedProcess:
        if self.user:
            args = ["runuser", "-u", self.user, "--", *args]
        return subprocess.run(args, check=True, capture_output=True, text=True, **kw)

    def start(self) -> "Cluster":
        if self.user:
            pw = pwd.getpwnam(self.user)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        self._run([str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                   "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"])
        opts = " ".join(f"-c {k}={v}" for k, v in self.settings.items())
        opts += f" -k {self.socket_dir} -p {self.port}"
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", opts,
                   "-l", str(self.dir / "log"), "-w", "start"])
        return self

    def stop(self) -> None:
        try:
            self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"])
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def conninfo(self, dbname: str = "postgres", application_name: str = "") -> str:
        info = f"host={self.socket_dir} port={self.port} user=postgres dbname={dbname}"
        return info + (f" application_name={application_name}" if application_name else "")

    def psql_args(self, dbname: str = "postgres") -> list[str]:
        """psql as a learner runs it: no ~/.psqlrc, default settings."""
        return [str(self.bin / "psql") if (self.bin / "psql").exists() else "psql",
                "-X", "-h", self.socket_dir, "-p", str(self.port), "-U", "postgres", "-d", dbname]

    def fresh_database(self, name: str) -> str:
        """Drop and create database `name`; returns its name."""
        import psycopg
        with psycopg.connect(self.conninfo(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def wait_ready(self, timeout: float = 10.0) -> None:
        import psycopg
        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg.connect(self.conninfo()).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
