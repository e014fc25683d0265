"""The case store: one DuckDB file per inspection.

The canonical schema, the case database (tables, sources with their fingerprints, rejects),
the hash-chained audit log, and what a case holds (``info``). Every other stage stands on this
one; it imports none of them.
"""
