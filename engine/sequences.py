"""Sequences: nextval, currval, setval, lastval (sequence.c).

A sequence is a counter outside MVCC: nextval's effect survives the
rollback of the transaction that called it, so a rolled-back INSERT leaves
a gap in a serial or identity column, exactly as in PostgreSQL.  currval
and lastval are per session, and fail before the session's first nextval.
"""
from __future__ import annotations

from typing import Any

from .errors import PgError


def _sequence(run: Any, name: str) -> Any:
    seqname = name.split(".")[-1].strip('"')
    seq = run.session.catalog_get(seqname)
    if seq is None or getattr(seq, "relkind", "") != "S":
        if seq is None:
            raise PgError("42P01", f'relation "{name}" does not exist')
        raise PgError("42809", f'"{name}" is not a sequence')
    return seq


SEQ_LOG_VALS = 32     # values PostgreSQL logs ahead (sequence.c)


def _log_ahead(run: Any, seq: Any, value: int) -> None:
    """Log the value the sequence will reach 32 calls from now (so a crash
    makes it jump ahead, never back).  WAL-logging needs the top
    transaction's xid, so this assigns one, as in PostgreSQL."""
    run.top_xid()
    seq.state.log_cnt = SEQ_LOG_VALS
    ahead = value + SEQ_LOG_VALS * seq.increment
    ahead = min(ahead, seq.maxvalue) if seq.increment > 0 else max(ahead, seq.minvalue)
    run.engine.wal.log("seq", seq.oid, ahead, True)


def nextval(run: Any, seq: Any) -> int:
    st = seq.state
    log = not st.is_called or st.log_cnt < 1
    if not log:
        st.log_cnt -= 1
    if not st.is_called:
        value = st.last_value
    else:
        value = st.last_value + seq.increment
        if value > seq.maxvalue or value < seq.minvalue:
            if not seq.cycle:
                bound = "maximum" if seq.increment > 0 else "minimum"
                limit = seq.maxvalue if seq.increment > 0 else seq.minvalue
                raise PgError("2200H", f'nextval: reached {bound} value of sequence "{seq.name}" ({limit})')
            value = seq.minvalue if seq.increment > 0 else seq.maxvalue
    st.last_value, st.is_called = value, True
    if log:
        _log_ahead(run, seq, value)
    run.session.currvals[seq.name] = value
    run.session.lastval = value
    run.emit("nextval", sequence=seq.name, value=value)
    return value


def sequence_function(run: Any, name: str, vals: list) -> Any:
    if name == "lastval":
        if run.session.lastval is None:
            raise PgError("55000", "lastval is not yet defined in this session")
        return run.session.lastval
    seq = _sequence(run, vals[0])
    if name == "nextval":
        return nextval(run, seq)
    if name == "currval":
        if seq.name not in run.session.currvals:
            raise PgError("55000", f'currval of sequence "{seq.name}" is not yet defined in this session')
        return run.session.currvals[seq.name]
    value = vals[1]
    called = vals[2] if len(vals) > 2 else True
    if not seq.minvalue <= value <= seq.maxvalue:
        raise PgError("22003", f'setval: value {value} is out of bounds for sequence "{seq.name}" '
                               f"({seq.minvalue}..{seq.maxvalue})")
    run.top_xid()
    seq.state.last_value, seq.state.is_called, seq.state.log_cnt = value, called, 0
    run.engine.wal.log("seq", seq.oid, value, called)
    if called:
        run.session.currvals[seq.name] = value
        run.session.lastval = value
    return value
