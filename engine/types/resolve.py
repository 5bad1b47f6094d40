"""Overload resolution and common types: parse_func.c, parse_oper.c, parse_coerce.c.

Operators, functions and aggregates are all chosen the same way PostgreSQL
chooses them (documentation chapter 10, "Type Conversion"):

1. an exact match of the argument types wins (for a binary operator with
   one unknown literal, the literal is first assumed to have the other
   side's type: binary_oper_exact);
2. otherwise the candidates that every argument can reach by an implicit
   cast (an unknown literal reaches anything) are kept, and if more than
   one remains, func_select_candidate narrows them: most exact matches,
   then most preferred types of the argument's own category, then for the
   unknown arguments the category the candidates agree on (string wins),
   then "all known arguments have one type, assume the unknowns have it".

`Candidate` is one pg_proc/pg_operator/pg_aggregate row: declared argument
types (possibly the pseudo-types "any"/anynonarray), result type and the
implementation, or for a generic row (concat, anytextcat, ...) a factory
that is given the actual argument types, so that its output functions are
chosen once, at plan time.  `choose` returns the winner and the argument types the caller
must coerce its arguments to (pseudo-types replaced by the actual types,
unknown literals by text).

`common_type` is select_common_type plus coerce_to_common_type's check,
used for UNION, CASE, VALUES, COALESCE, GREATEST and the like.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from ..errors import PgError
from . import conditions
from .casts import can_coerce_implicitly
from .sqltype import POLYMORPHIC, SqlType
from .system import UNKNOWN
from .text import TEXT


@dataclass(frozen=True)
class Candidate:
    """One catalog row that a name may resolve to."""

    args: tuple[SqlType, ...]
    result: SqlType
    impl: Any                 # the implementation, or factory(actual args) if generic
    variadic: bool = False    # the last argument repeats (VARIADIC "any")
    strict: bool = True
    volatile: bool = False
    generic: bool = False     # impl is a factory given the resolved argument types

    def expanded(self, nargs: int) -> "Candidate | None":
        """This row as called with nargs arguments, or None if it cannot be."""
        if not self.variadic:
            return self if len(self.args) == nargs else None
        if nargs < len(self.args):
            return None
        extra = nargs - len(self.args)
        return Candidate(self.args + (self.args[-1],) * extra, self.result, self.impl,
                         False, self.strict, self.volatile, self.generic)

    def bound(self, inputs: Sequence[SqlType]) -> tuple[list[SqlType], Any]:
        """(argument types to coerce to, implementation) for these inputs."""
        missing = next((t for t in self.args + (self.result,) if not t.kind.modelled), None)
        if missing is not None:
            raise conditions.not_supported(f"type {missing.regtype}")
        args = [(TEXT if t.oid == UNKNOWN.oid else t) if a.oid in POLYMORPHIC else a
                for a, t in zip(self.args, inputs)]
        return args, (self.impl(args) if self.generic else self.impl)


class NotFound(Exception):
    """No candidate accepts the arguments (42883 in the caller's words)."""


class Ambiguous(Exception):
    """Several candidates remain (42725 in the caller's words)."""


def can_coerce(src: SqlType, dst: SqlType) -> bool:
    """can_coerce_type for one argument in implicit context."""
    if src.oid == dst.oid or src.oid == UNKNOWN.oid:
        return True
    if dst.oid in POLYMORPHIC:
        return True           # TxLab has no array types: everything is "nonarray"
    return can_coerce_implicitly(src, dst)


def exact(candidates: Sequence[Candidate], inputs: Sequence[SqlType]) -> Candidate | None:
    oids = [t.oid for t in inputs]
    for c in candidates:
        if [a.oid for a in c.args] == oids:
            return c
    return None


def choose(candidates: Sequence[Candidate], inputs: Sequence[SqlType]) -> Candidate:
    """func_match_argtypes + func_select_candidate; raises NotFound/Ambiguous."""
    usable = [c for c in candidates if all(can_coerce(t, a) for t, a in zip(inputs, c.args))]
    if not usable:
        raise NotFound()
    if len(usable) == 1:
        return usable[0]
    chosen = _select_candidate(usable, inputs)
    if chosen is None:
        raise Ambiguous()
    return chosen


def pick(candidates: Sequence[Candidate], inputs: Sequence[SqlType], exact_inputs: Sequence[SqlType],
         missing: Callable[[], PgError], ambiguous: Callable[[], PgError]) -> Candidate:
    """The exact match for exact_inputs, else `choose`, with the caller's errors."""
    hit = exact(candidates, exact_inputs)
    if hit is not None:
        return hit
    try:
        return choose(candidates, inputs)
    except NotFound:
        raise missing() from None
    except Ambiguous:
        raise ambiguous() from None


def _keep_best(candidates: list[Candidate], score: Callable[[Candidate], int]) -> list[Candidate]:
    scores = [score(c) for c in candidates]
    best = max(scores)
    return [c for c, s in zip(candidates, scores) if s == best]


def _select_candidate(candidates: list[Candidate], inputs: Sequence[SqlType]) -> Candidate | None:
    known = [i for i, t in enumerate(inputs) if t.oid != UNKNOWN.oid]
    unknown = [i for i, t in enumerate(inputs) if t.oid == UNKNOWN.oid]

    def exact_matches(c: Candidate) -> int:
        return sum(c.args[i].oid == inputs[i].oid for i in known)

    def preferred_matches(c: Candidate) -> int:
        return sum(c.args[i].oid == inputs[i].oid
                   or (c.args[i].preferred and c.args[i].category == inputs[i].category)
                   for i in known)

    for score in (exact_matches, preferred_matches):
        candidates = _keep_best(candidates, score)
        if len(candidates) == 1:
            return candidates[0]
    if not unknown:
        return None
    candidates = _by_unknown_categories(candidates, unknown)
    if len(candidates) == 1:
        return candidates[0]
    known_types = {inputs[i].oid for i in known}
    if known and len(known_types) == 1:
        assumed = inputs[known[0]]
        fits = [c for c in candidates if all(can_coerce(assumed, a) for a in c.args)]
        if len(fits) == 1:
            return fits[0]
    return None


def _by_unknown_categories(candidates: list[Candidate], unknown: list[int]) -> list[Candidate]:
    """Step 3e: at each unknown position pick a category (string if anyone takes
    it, else the one all agree on), prefer its preferred type, drop the rest."""
    wanted: dict[int, tuple[str, bool]] = {}
    for i in unknown:
        category, preferred, conflict = None, False, False
        for c in candidates:
            arg = c.args[i]
            if category is None or (arg.category == "S" and category != "S"):
                category, preferred = arg.category, arg.preferred
            elif arg.category == category:
                preferred = preferred or arg.preferred
            else:
                conflict = True
        if conflict and category != "S":
            return candidates
        wanted[i] = (category, preferred)
    kept = [c for c in candidates
            if all(c.args[i].category == cat and (c.args[i].preferred or not pref)
                   for i, (cat, pref) in wanted.items())]
    return kept or candidates


def common_type(types: Sequence[SqlType], context: str) -> SqlType:
    """select_common_type + the coercibility check of coerce_to_common_type.

    Raises 42804 "<CONTEXT> types X and Y cannot be matched" for a category
    clash and 42846 "<CONTEXT> could not convert type X to Y" when an input
    cannot reach the chosen type implicitly.  All-unknown inputs give text.
    The typmod survives only if every input has the same type and typmod.
    """
    first = types[0]
    if all(t.oid == first.oid for t in types):
        chosen = first.base
    else:
        chosen = _select_common(types, context)
        for t in types:
            if not can_coerce(t, chosen):
                raise PgError("42846", f"{context} could not convert type {t.regtype} to {chosen.regtype}")
    if chosen.oid == UNKNOWN.oid:
        return TEXT
    if all(t.oid == chosen.oid and t.typmod == first.typmod for t in types):
        return first
    return chosen


def _select_common(types: Sequence[SqlType], context: str) -> SqlType:
    chosen = types[0].base
    for t in types[1:]:
        if t.oid == UNKNOWN.oid or t.oid == chosen.oid:
            continue
        if chosen.oid == UNKNOWN.oid:
            chosen = t.base
        elif t.category != chosen.category:
            raise PgError("42804", f"{context} types {chosen.regtype} and {t.regtype} cannot be matched")
        elif (not chosen.preferred and can_coerce_implicitly(chosen, t)
              and not can_coerce_implicitly(t, chosen)):
            chosen = t.base
    return chosen
