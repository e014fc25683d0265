"""Query workbooks: the saved form of an inspection (``document``: checks, parameters, custom
queries, sources and their mappings) and re-running one on a new export (``rerun``).
"""
