"""Row locks and concurrent updates (heapam's heap_lock_tuple / heap_update,
and EvalPlanQual).

PostgreSQL keeps row locks in the row itself: the locker's xid goes into
xmax with a LOCK_ONLY flag, several lockers share a MultiXactId, and the
updater or deleter of a row also counts as its strongest locker.  Here a
version's `locks` maps each member xid to its mode; `xmax` is the updater
(visibility uses it) or, for a row only locked, the single locker's xid or
a multixact number, which is what `SELECT xmax` shows.

Four modes, weakest first; UPDATE takes FOR NO KEY UPDATE unless it changes
a key column (then FOR UPDATE), DELETE takes FOR UPDATE, a foreign-key
check takes FOR KEY SHARE on the referenced row:

                  KEY SHARE  SHARE  NO KEY UPDATE  UPDATE
    KEY SHARE                                        X
    SHARE                            X               X
    NO KEY UPDATE            X       X               X
    UPDATE           X       X       X               X

Members whose transaction has ended (or whose savepoint was rolled back)
hold nothing.  A request that conflicts with a running member waits for
that transaction (a ShareLock on its xid).  When the wait is over and the
row turned out to have been updated or deleted by a committed transaction:

* READ COMMITTED follows the update chain to the newest version, re-checks
  the statement's WHERE clause on it (EvalPlanQual) and goes on with that
  version, or skips the row if it no longer qualifies or is gone;
* REPEATABLE READ and SERIALIZABLE fail with 40001 "could not serialize
  access due to concurrent update" (or "... concurrent delete").
"""
from __future__ import annotations

from typing import Any, Callable

from .clog import ABORTED, COMMITTED
from .errors import PgError
from .waits import Wait, suspend

KEY_SHARE, SHARE, NO_KEY_UPDATE, UPDATE = "key share", "share", "no key update", "update"
STRENGTH = {KEY_SHARE: 1, SHARE: 2, NO_KEY_UPDATE: 3, UPDATE: 4}
_CONFLICTS = {
    KEY_SHARE: {UPDATE},
    SHARE: {NO_KEY_UPDATE, UPDATE},
    NO_KEY_UPDATE: {SHARE, NO_KEY_UPDATE, UPDATE},
    UPDATE: {KEY_SHARE, SHARE, NO_KEY_UPDATE, UPDATE},
}
LOCKING_CLAUSE = {"LCS_FORKEYSHARE": KEY_SHARE, "LCS_FORSHARE": SHARE,
                  "LCS_FORNOKEYUPDATE": NO_KEY_UPDATE, "LCS_FORUPDATE": UPDATE}


def _running(clog: Any, xid: int) -> bool:
    return clog.state_of(xid) not in (COMMITTED, ABORTED)


def members(tup: Any) -> dict[int, str]:
    """Who holds the row, by xid: lockers and the updater/deleter."""
    if tup.locks:
        return tup.locks
    return {tup.xmax: UPDATE} if tup.xmax else {}


def conflicting_xids(run: Any, tup: Any, mode: str) -> list[int]:
    clog = run.engine.xacts.clog
    own = run.xact.own
    bad = _CONFLICTS[mode]
    return [x for x, m in members(tup).items() if m in bad and x not in own and _running(clog, x)]


def acquire(run: Any, tup: Any, mode: str, verb: str, relname: str,
            recheck: Callable[[Any], bool] | None, policy: str = "block") -> Any:
    """The version of the row the statement may lock/update/delete now, or
    None when the row is to be skipped.  `policy` is "block", "nowait" or "skip"."""
    if verb != "locking":            # heap_update/heap_delete take the xid first; heap_lock_tuple
        run.assign_xid()             # only once the lock is granted (record_lock)
    queued: Any = None               # the tuple lock held while waiting for this version
    followed = False                 # READ COMMITTED moved on to a newer version of the row
    clog = run.engine.xacts.clog
    try:
        while True:
            if queued is not None and queued[1] != tup.ctid:
                release_tuple_lock(run, queued)      # heap_lock_tuple gives it up on TM_Updated
                queued = None
            if followed and _updater_running(run, tup):
                # heapam_tuple_lock re-fetches the newest version and waits for its
                # updater without queueing on the tuple lock (XLTW_FetchUpdated)
                if policy == "skip":
                    return None
                _no_wait(policy, relname)
                wait_for_xact(run, tup.xmax, f"while rechecking updated tuple {_ctid(tup)} in relation \"{relname}\"")
                continue
            blocking = conflicting_xids(run, tup, mode)
            if blocking:
                if policy == "skip":
                    return None
                _no_wait(policy, relname)
                updated = tup.xmax and not tup.lock_only and successor(tup) is not None
                # a transaction already holding a lock on the row skips the queue: it
                # could deadlock with a waiter there waiting for it (heap_lock_tuple)
                if queued is None and not any(x in run.xact.own for x in members(tup)):
                    queued = take_tuple_lock(run, relname, tup, mode)
                # then it waits for the transaction it saw, which may have ended meanwhile
                if _running(clog, blocking[0]):
                    what = "locking" if followed else verb     # a newer version is locked first
                    wait_for_xact(run, blocking[0], f"while {what} tuple {_ctid(tup)} in relation \"{relname}\"")
                if updated:              # heap_lock_tuple then follows the update chain (not a deleted
                    run.assign_xid()     # row's) with its own xid, even when it goes on to fail or skip
                continue
            chained = _chain_blocker(run, tup, mode)
            if chained is not None:      # heap_lock_updated_tuple waits whatever the wait policy
                run.assign_xid()
                xid, version = chained
                wait_for_xact(run, xid, f"while locking updated version {_ctid(version)} of tuple in relation "
                                        f"\"{relname}\"")
                continue
            if tup.xmax and not tup.lock_only and tup.xmax not in run.xact.own:
                st = clog.state_of(tup.xmax)
                if st == COMMITTED and mode == KEY_SHARE and _key_survives(run, tup):
                    return tup          # the key is unchanged: KEY SHARE may lock this version
                if st == COMMITTED:
                    tup = _concurrently_changed(run, tup, verb)
                    if tup is None:
                        return None
                    followed = True
                    continue
            if tup.xmax and not tup.lock_only and tup.xmax in run.xact.own:
                return None              # already updated or deleted by this transaction
            if followed and recheck is not None and not recheck(tup):
                return None              # EvalPlanQual, once the newest version is had
            return tup
    finally:
        if queued is not None:
            release_tuple_lock(run, queued)


def _updater_running(run: Any, tup: Any) -> bool:
    xmax = tup.xmax
    return bool(xmax) and not tup.lock_only and xmax not in run.xact.own and _running(run.engine.xacts.clog, xmax)


def _no_wait(policy: str, relname: str) -> None:
    if policy == "nowait":
        raise PgError("55P03", f'could not obtain lock on row in relation "{relname}"')


def take_tuple_lock(run: Any, relname: str, tup: Any, mode: str) -> tuple:
    """heap_acquire_tuplock: queue for the row behind earlier waiters, in the
    heavyweight mode matching the row lock wanted.  Returns the lock's key."""
    locks, xact = run.engine.tuple_locks, run.xact
    key = (relname, tup.ctid)
    hw = TUPLE_LOCK_MODE[mode]
    if locks.blockers(key, xact, hw):
        locks.enqueue(key, xact, hw)
        oid = getattr(run.session.catalog_get(relname), "oid", 0)
        try:
            suspend(run.session, Wait(lambda: not locks.blockers(key, xact, hw),
                                      lambda: locks.blockers(key, xact, hw),
                                      f"{hw} on tuple {_ctid(tup)} of relation {oid} of database "
                                      f"{run.engine.database_oid}", "Lock", "tuple"))
        finally:
            locks.dequeue(key, xact)
    locks.grant(key, xact, hw, len(xact.stack) - 1)
    return key


def release_tuple_lock(run: Any, key: tuple) -> None:
    run.engine.tuple_locks.release(key, run.xact)


def successor(tup: Any) -> Any:
    """The newer version `tup`'s xmax made, or None when it was deleted.  A link
    whose version another transaction made is stale (an aborted update's, the
    row since deleted): PostgreSQL's chain walk checks xmin == prior xmax too."""
    nxt = tup.next
    return nxt if nxt is not None and nxt.xmin == tup.xmax else None


def _key_survives(run: Any, tup: Any) -> bool:
    """Every committed change down the update chain from `tup` left the key
    alone and the row still exists (heap_lock_updated_tuple finds no conflict)."""
    clog = run.engine.xacts.clog
    while tup.xmax and not tup.lock_only and clog.state_of(tup.xmax) == COMMITTED:
        if members(tup).get(tup.xmax) != NO_KEY_UPDATE or successor(tup) is None:
            return False
        tup = successor(tup)
    return True


def _chain_blocker(run: Any, tup: Any, mode: str) -> tuple[int, Any] | None:
    """heap_lock_updated_tuple: a lock on a version whose updater (running or
    committed) left the key alone also locks the newer versions, so it waits
    for whoever holds a conflicting claim on one of them (a later DELETE).  That
    walk takes no heed of NOWAIT or SKIP LOCKED, in PostgreSQL 15 as here.
    Only KEY SHARE gets past an updater to walk the chain (heap_lock_tuple's
    LockTupleKeyShare branch).  Returns the xid to wait for and the version
    it holds."""
    if mode != KEY_SHARE:
        return None
    clog = run.engine.xacts.clog
    while tup.xmax and not tup.lock_only and successor(tup) is not None \
            and tup.xmax not in run.xact.own and clog.state_of(tup.xmax) != ABORTED:
        tup = successor(tup)
        blocking = conflicting_xids(run, tup, mode)
        if blocking:
            return blocking[0], tup
    return None


def _ctid(tup: Any) -> str:
    return f"({tup.ctid[0]},{tup.ctid[1]})"


def _concurrently_changed(run: Any, tup: Any, verb: str) -> Any:
    """The newer version READ COMMITTED goes on with (None: the row was
    deleted); REPEATABLE READ and SERIALIZABLE fail instead."""
    if run.xact.uses_transaction_snapshot:
        # ExecLockRows says "update" even for a deleted row; UPDATE and DELETE tell them apart
        what = "update" if successor(tup) is not None or verb == "locking" else "delete"
        raise PgError("40001", f"could not serialize access due to concurrent {what}")
    return successor(tup)


# The heavyweight lock a row waiter holds on the tuple while it sleeps (heapam's tupleLockExtraInfo)
TUPLE_LOCK_MODE = {KEY_SHARE: "AccessShareLock", SHARE: "RowShareLock",
                   NO_KEY_UPDATE: "ExclusiveLock", UPDATE: "AccessExclusiveLock"}


def wait_for_xact(run: Any, xid: int, context: str | None = None) -> None:
    """XactLockTableWait: sleep until transaction `xid` has ended."""
    engine = run.engine
    clog = engine.xacts.clog

    def ready() -> bool:
        return not _running(clog, xid)

    def blockers() -> list[Any]:
        top = engine.xacts.running.get(clog.top_of(xid))
        return [top] if top is not None and ready() is False else []
    suspend(run.session, Wait(ready, blockers, f"ShareLock on transaction {xid}", "Lock",
                              "transactionid", context=context))


def record_lock(run: Any, heap: Any, tup: Any, mode: str) -> None:
    """Stamp a row lock taken by SELECT ... FOR <mode> (or a foreign-key check)."""
    clog = run.engine.xacts.clog
    own = run.xact.own
    updater = tup.xmax if tup.xmax and not tup.lock_only and clog.state_of(tup.xmax) != ABORTED else 0
    if updater and updater in own:
        return                                   # this transaction updated it: it holds it already
    if any(x in own and x != updater and STRENGTH[m] >= STRENGTH[mode] for x, m in members(tup).items()):
        return                  # heap_lock_tuple: already locked as strongly (by any subtransaction)
    xid = run.assign_xid()
    # members keep their order, the newcomer last (MultiXactIdExpand): waiters wait for them in turn
    live = {x: m for x, m in members(tup).items() if x == updater or _running(clog, x) or x in own}
    old = live.get(xid)
    if old is None or STRENGTH[mode] > STRENGTH[old]:
        live[xid] = mode
    run.emit("row_lock", ctid=tup.ctid, xid=xid, mode=mode, relfilenode=heap.relfilenode)
    if updater:                                  # an updater that left the key alone stays xmax
        heap.stamp(tup, tup.xmax, tup.cmax, False, live)
        if successor(tup) is not None:
            record_lock(run, heap, successor(tup), mode)   # heap_lock_updated_tuple: newer versions too
        return
    heap.stamp(tup, xid if len(live) == 1 else _new_multixact(run), run.xact.curcid, True, live)


def _new_multixact(run: Any) -> int:
    """A MultiXactId for several lockers: what `SELECT xmax` shows for them."""
    mxid = run.engine.next_multixact
    run.engine.next_multixact += 1
    return mxid


def carry_key_share_locks(run: Any, heap: Any, old: Any, new: Any) -> None:
    """A non-key update carries the old version's running KEY SHARE lockers
    over to the new version (compute_new_xmax_infomask), so a foreign-key
    check's lock still protects the key."""
    clog = run.engine.xacts.clog
    keep = {x: KEY_SHARE for x, m in members(old).items()
            if m == KEY_SHARE and x != old.xmax and _running(clog, x)}
    if keep:
        xmax = next(iter(keep)) if len(keep) == 1 else _new_multixact(run)
        heap.stamp(new, xmax, new.cmax, True, keep)


def stamp_update(run: Any, heap: Any, tup: Any, xid: int, cid: int, mode: str) -> None:
    """The updater/deleter becomes the row's xmax; live lockers stay members."""
    clog = run.engine.xacts.clog
    held = members(tup).get(xid) if tup.lock_only else None
    if held is not None and STRENGTH[held] > STRENGTH[mode]:
        mode = held        # compute_new_xmax_infomask: an own FOR UPDATE lock makes it a key update
    # running lockers stay; an earlier updater of this version can only have aborted
    live = {x: m for x, m in members(tup).items()
            if x != xid and _running(clog, x) and (tup.lock_only or x != tup.xmax)}
    live[xid] = mode
    heap.stamp(tup, xid, cid, False, live)
