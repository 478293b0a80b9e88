"""The data layer: the only code that runs SQL (issue #10).

Modules here take a connection or transaction and import nothing above them.
"""
