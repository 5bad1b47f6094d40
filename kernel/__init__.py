"""TxLab's Jupyter kernel: psql in a notebook, on the in-process engine.

A notebook is a psql client that drives several connections of one
database, like psql windows side by side.  The pieces:

=================  ==========================================================
`kernel`           the ipykernel `Kernel` subclass: messages, displays, interrupts
`lab`              the notebook's psql client: connections, psql's SendQuery steps
                   (AUTOCOMMIT, ON_ERROR_ROLLBACK, ON_ERROR_STOP), lock waits
`routing`          which connection a cell runs on (tag ``conn:NAME`` or ``-- conn: NAME``)
`metacmds`         backslash commands: psql's and TxLab's own
`describe`         ``\\d`` and friends from the engine's catalog, in psql's layout
`deparse`          DEFAULT and CHECK text as PostgreSQL's pg_get_expr prints it
`psqlvars`         psql's variables and their checks
`clock`            the notebook clock behind ``now()``
`output`, `html`   what a cell shows: psql's text and the HTML view
`editor`           completion, inspection (Shift+Tab), is_complete
`install`          the kernelspec (``python -m txlab.kernel install``)
`nbval_plugin`     pytest plugin: nbval sends cell metadata, ignores SVG
=================  ==========================================================

Importing this package is cheap: the engine, the widgets and Jupyter's
heavier modules are imported where they are first needed.
"""
__version__ = "0.1.0"
