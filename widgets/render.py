"""DOT to SVG: Graphviz's `dot` executable if it is on PATH, else pygraphviz.

pygraphviz 2.x wheels bundle Graphviz's libraries, so `pip install
txlab[diagrams]` alone renders on a fresh machine; a system Graphviz is used
first because it is what a user who installed one expects.  When neither
is there, `svg_for` still returns an SVG: the diagram's text form drawn as
lines of monospace text under a one-line hint, so every output keeps the
same MIME types (nbval compares the set of types) and the learner still
sees every fact.

Rendering is memoised by DOT source: a live view redrawn after each cell
usually draws the same picture again.  Graphviz run in-process writes its
warnings (font configuration, "layout may take a long time") straight to
file descriptor 2, where a kernel would show them as stderr, which graders
treat as failure; they are captured instead, and an error among them
makes the rendering fail, so the text form is shown.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections import OrderedDict
from contextlib import contextmanager
from typing import Iterator

from .dot import esc

HINT = ("No Graphviz renderer: pip install 'txlab[diagrams]' (pygraphviz) or install Graphviz's dot to draw this "
        "diagram; the text below has the same facts.")
_CACHE: "OrderedDict[tuple[str, str], str]" = OrderedDict()
_CACHE_SIZE = 64
_NOISE = ("Fontconfig warning", "Fontconfig error")


def renderer() -> str | None:
    """'dot', 'pygraphviz' or None: what `render` would use now."""
    if shutil.which("dot"):
        return "dot"
    try:
        import pygraphviz  # noqa: F401
    except ImportError:
        return None
    return "pygraphviz"


def render(dot: str, using: str | None = None) -> str | None:
    """The SVG of `dot` (no XML prolog), or None if nothing can render it."""
    using = using or renderer()
    if using is None:
        return None
    key = (using, dot)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    svg = _strip_prolog(_with_dot(dot) if using == "dot" else _with_pygraphviz(dot))
    _CACHE[key] = svg
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return svg


def svg_for(dot: str, text: str) -> tuple[str, bool]:
    """(svg, rendered): Graphviz's drawing, or the text form as SVG with a hint."""
    try:
        svg = render(dot)
    except Exception as e:       # a renderer that fails must not lose the diagram
        return text_svg(text, f"Graphviz failed ({type(e).__name__}: {e}); the text below has the same facts."), False
    if svg is None:
        return text_svg(text, HINT), False
    return svg, True


def _with_dot(dot: str) -> str:
    import graphviz
    return graphviz.pipe("dot", "svg", dot.encode("utf-8"), quiet=True).decode("utf-8")


def _with_pygraphviz(dot: str) -> str:
    import pygraphviz
    with _captured_fd2() as said:
        graph = pygraphviz.AGraph(string=dot)
        data = graph.draw(format="svg", prog="dot")
        graph.close()
    errors = [line for line in said if line.startswith(("Error", "Warning: syntax"))]
    if errors:
        raise RuntimeError(errors[0])
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)


def _strip_prolog(svg: str) -> str:
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


@contextmanager
def _captured_fd2() -> Iterator[list[str]]:
    """Capture file descriptor 2 while Graphviz runs; the list gets what it
    said there, font-configuration noise left out."""
    said: list[str] = []
    try:
        saved = os.dup(2)
    except OSError:
        yield said
        return
    with tempfile.TemporaryFile() as tmp:
        try:
            sys.stderr.flush()
            os.dup2(tmp.fileno(), 2)
            yield said
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            said.extend(line for line in tmp.read().decode("utf-8", "replace").splitlines()
                        if line.strip() and not line.startswith(_NOISE))


def text_svg(text: str, hint: str) -> str:
    """`text` as monospace lines under `hint`, for viewers that show SVG first."""
    lines = [hint, ""] + text.splitlines()
    width = 7 * max(len(line) for line in lines) + 20
    height = 16 * len(lines) + 12
    body = "".join(f'<tspan x="10" dy="16">{esc(line) or " "}</tspan>' for line in lines)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><rect width="100%" height="100%" fill="white"/>'
            f'<text font-family="monospace" font-size="12" xml:space="preserve" y="0">{body}</text></svg>')
