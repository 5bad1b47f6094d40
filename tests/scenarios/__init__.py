"""Scenario tests: TxLab's specification, recorded from PostgreSQL 15.

* `*.sql` - the scenarios (format in scenario.py, DESIGN §8);
* `record.py` - records `golden/<name>.json` from a real server, twice:
  field by field over libpq and as psql's text (why: record.py);
* `replay.py` - runs a scenario on `txlab.engine.Engine` and compares;
* `test_scenarios.py` - one protocol test and one psql-text test per scenario.
"""
