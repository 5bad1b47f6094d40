"""The write-ahead log (xlog.c) and where it is kept.

Every change to the database is described by a WAL record before the change
can reach durable storage: heap inserts, updates and row stamps (with the
xmin/xmax/ctid they produce), page pruning, VACUUM removals, catalog
changes, sequence advances (logged 32 values ahead, as PostgreSQL does, so
a sequence jumps forward after a crash), and the commit or abort of every
transaction and subtransaction.  Tables themselves are only written at a
checkpoint, as one image; between checkpoints the log is the only durable
record of what happened, which is exactly PostgreSQL's rule that the log
is written ahead of the data.

A record is framed as [length][CRC-32][payload]; its LSN is its end offset
in the log (PostgreSQL prints LSNs as two hex halves, `0/16B3748`).  A
record whose frame is incomplete or whose checksum does not match ends
replay there: a torn write at the tail of the log is not an error, it is
where the log ends.

Flushing: with synchronous_commit on (the default) COMMIT returns only after
the log up to its commit record is flushed.  With it off, commit records
wait in the buffer until the next synchronous flush, a checkpoint, or the
WAL writer, which flushes what is older than wal_writer_delay (200 ms on
the engine clock, run by Engine.poll()); a crash before that loses those
commits whole, never half.

Storage: in memory (the default) the "disk" is a byte string that survives
`Engine.crash()`; with a data directory it is a file, written and fsynced
at every flush, beside the last checkpoint image and a format marker.
"""
from __future__ import annotations

import os
import pickle
import struct
import zlib
from pathlib import Path
from typing import Any, Iterator

from .errors import PgError

FORMAT = "txlab-wal-1"
LSN_BASE = 0x1000000            # where the first record starts (PostgreSQL's log too starts past 0)
_FRAME = struct.Struct("<II")    # payload length, CRC-32 of the payload
_HEADER = struct.Struct("<Q")    # a log file starts with the LSN of its first record
WAL_WRITER_DELAY_MS = 200


def format_lsn(lsn: int) -> str:
    return f"{lsn >> 32:X}/{lsn & 0xFFFFFFFF:X}"


class WriteAheadLog:
    """The log since the last checkpoint: records appended, some flushed."""

    def __init__(self, storage: "MemoryStorage | DirectoryStorage", start_lsn: int) -> None:
        self.storage = storage
        self.start_lsn = start_lsn       # LSN of the first byte of `buffer`
        self.buffer = bytearray()
        self.flushed = 0                 # bytes of `buffer` known durable
        self.unflushed_since: Any = None # engine-clock time of the oldest unflushed record
        self.replaying = False           # recovery applies records without logging them again
        self.records = 0                 # records appended (VACUUM VERBOSE's "WAL usage")

    @property
    def insert_lsn(self) -> int:
        return self.start_lsn + len(self.buffer)

    @property
    def flush_lsn(self) -> int:
        return self.start_lsn + self.flushed

    def log(self, kind: str, *payload: Any) -> int:
        """Append one record; returns its end LSN."""
        if self.replaying:
            return self.insert_lsn
        data = pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)
        self.buffer += _FRAME.pack(len(data), zlib.crc32(data)) + data
        self.records += 1
        return self.insert_lsn

    def flush(self) -> None:
        if self.flushed < len(self.buffer):
            self.storage.write_wal(bytes(self.buffer[self.flushed:]))
            self.flushed = len(self.buffer)
        self.unflushed_since = None


def read_records(data: bytes, start_lsn: int) -> Iterator[tuple[int, str, tuple]]:
    """(end LSN, kind, payload) of each whole, intact record of `data`."""
    pos = 0
    while pos + _FRAME.size <= len(data):
        length, crc = _FRAME.unpack_from(data, pos)
        body = data[pos + _FRAME.size: pos + _FRAME.size + length]
        if len(body) < length or zlib.crc32(body) != crc:
            return                       # a torn or corrupt tail: the log ends here
        try:
            kind, payload = pickle.loads(body)
        except Exception:
            return
        pos += _FRAME.size + length
        yield start_lsn + pos, kind, payload


def split_log(data: bytes) -> tuple[int, bytes]:
    """(start LSN, records) of a log file's contents."""
    if len(data) < _HEADER.size:
        return LSN_BASE, b""
    return _HEADER.unpack_from(data)[0], data[_HEADER.size:]


class MemoryStorage:
    """The default: a "disk" in memory that a simulated crash does not erase."""

    def __init__(self) -> None:
        self.image: bytes | None = None
        self.wal = bytearray(_HEADER.pack(LSN_BASE))

    def write_wal(self, data: bytes) -> None:
        self.wal += data

    def write_checkpoint(self, image: bytes, start_lsn: int) -> None:
        self.image = image
        self.wal = bytearray(_HEADER.pack(start_lsn))

    def read(self) -> tuple[bytes | None, bytes]:
        return self.image, bytes(self.wal)


class DirectoryStorage:
    """A TxLab data directory: FORMAT marker, checkpoint image, WAL file."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.marker = self.path / "TXLAB_VERSION"
        self.image_file = self.path / "checkpoint"
        self.wal_file = self.path / "wal"
        self._fd: int | None = None

    def open(self) -> bool:
        """Check (or create) the directory; True if it already held a database."""
        if self.path.exists() and not self.path.is_dir():
            raise PgError("58000", f'"{self.path}" is not a directory')
        if self.path.exists() and any(self.path.iterdir()):
            if not self.marker.exists():
                raise PgError("58000", f'"{self.path}" is not a TxLab data directory',
                              hint="Use an empty or new directory for a new database.")
            found = self.marker.read_text().strip()
            if found != FORMAT:
                raise PgError("58000", f'data directory "{self.path}" has format "{found}", '
                                       f'this TxLab reads "{FORMAT}"')
            return True
        self.path.mkdir(parents=True, exist_ok=True)
        self._write_atomically(self.marker, FORMAT.encode())
        return False

    def _write_atomically(self, target: Path, data: bytes) -> None:
        tmp = target.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
        dir_fd = os.open(self.path, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def write_wal(self, data: bytes) -> None:
        if self._fd is None:
            if not self.wal_file.exists():
                self._write_atomically(self.wal_file, _HEADER.pack(LSN_BASE))
            self._fd = os.open(self.wal_file, os.O_WRONLY | os.O_APPEND)
        os.write(self._fd, data)
        os.fsync(self._fd)

    def write_checkpoint(self, image: bytes, start_lsn: int) -> None:
        """The image first, then a fresh log; a crash in between replays the old
        log's records only past the image's redo point, so nothing twice."""
        self._write_atomically(self.image_file, image)
        self.close()
        self._write_atomically(self.wal_file, _HEADER.pack(start_lsn))

    def read(self) -> tuple[bytes | None, bytes]:
        image = self.image_file.read_bytes() if self.image_file.exists() else None
        wal = self.wal_file.read_bytes() if self.wal_file.exists() else b""
        return image, wal

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
