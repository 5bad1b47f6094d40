"""TxLab's diagrams of engine state: DOT built with `graphviz`, shown through ipywidgets.

Layers, each depending only on the ones before it:

* txlab.engine.inspect: read-only facts (version chains, snapshots,
  savepoint trees, flows, timeline, lock waits), live or reconstructed
  from the event log;
* one module per diagram (versions, snapshots, savepoints, flow, timeline,
  locks) turning those facts into a `Diagram`: a deterministic text form
  and DOT source with the same facts;
* diagrams.build / diagrams.bundle: a `Request` to a Diagram, and a
  Diagram to a MIME bundle (text/plain, text/vnd.graphviz, image/svg+xml
  rendered by render.py, and the widget view);
* views: ipywidgets (selectors, history slider, live mode);
* commands.run: what the kernel calls for \\versions, \\snapshot,
  \\savepoints, \\flow, \\timeline, \\locks and \\explore.

Nothing here changes the engine; live views only listen to its event log.
"""
from .commands import run
from .diagrams import KINDS, Request, build, bundle

__all__ = ["run", "Request", "build", "bundle", "KINDS"]
