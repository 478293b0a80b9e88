"""The data layer: the only code that runs SQL (issue #10; tests/test_data_layer.py checks).

`connection` opens a desk file (header checks, WAL, read-only, busy timeout, migrations) and
holds the write transaction; `schema` the tables, their version and `ClaimVisibility`;
`articles`, `claims`, `sources` (sources and report links), `reports` (with the search
index), `events` and `exports` read and write them. Every function takes a
`sqlite3.Connection`; modules here import nothing above the layer but the plain records of
`core.models` and `core.errors`. The rules (anchoring, merging, scoring, revisions, undo)
live above, in the modules that call these.
"""
