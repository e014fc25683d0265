"""Error texts as an examiner reads them: the database's or Python's message cleaned.

DuckDB prefixes its messages with the error class ("Binder Error: ") and follows them with a
copy of the SQL and a caret; Python's decimal module says ``[<class
'decimal.ConversionSyntax'>]``. What is kept is the sentence that says what is wrong, and the
database's own hint ("Did you mean ...") when it gives one.
"""

from __future__ import annotations

import re

# Error classes whose prefix goes, with what the message becomes about.
_PREFIX = re.compile(
    r"^(?:[A-Za-z_.]*\.)?(?:Binder|Parser|Catalog|Conversion|Invalid Input|Constraint|Out of "
    r"Range|Not implemented|Permission|IO|Dependency|Transaction|Interrupt|Serialization|"
    r"Internal|Invalid|Syntax|Type|Sequence|Fatal|Out of Memory)(?: Error)?: ",
    re.IGNORECASE,
)
_PY_CLASS = re.compile(r"\s*\(?\[?<class '[\w.]+'>\]?\)?")
_TYPES = {
    "INT8": "a whole number", "INT16": "a whole number", "INT32": "a whole number",
    "INT64": "a whole number", "INT128": "a whole number", "UINT8": "a whole number",
    "UINT16": "a whole number", "UINT32": "a whole number", "UINT64": "a whole number",
    "DOUBLE": "a number", "FLOAT": "a number", "DATE": "a date (YYYY-MM-DD)",
    "TIMESTAMP": "a date and time", "BOOL": "yes or no", "BOOLEAN": "yes or no",
}  # fmt: skip
TEXT = {
    "convert": "{value} is not {kind}",
    "sandbox": "The SQL runs sandboxed: it cannot read or write files ({detail})",
    "decimal": "not a number",
    "empty": "the database gave no reason",
}


def clean_error(text: str) -> str:
    """One or two lines a person can act on, from a DuckDB or Python error message."""
    lines = [ln.strip() for ln in str(text).splitlines() if ln.strip()]
    if not lines:
        return TEXT["empty"]
    head = lines[0]
    hints = [ln for ln in lines[1:] if ln.lower().startswith(("did you mean", "candidate"))]
    if "file system operations are disabled" in head or "disabled by configuration" in head:
        detail = _PREFIX.sub("", head).split(" - ")[0]
        return TEXT["sandbox"].format(detail=detail)
    head = _PREFIX.sub("", head)
    head = _PREFIX.sub("", head)  # "Conversion Error: Invalid Input Error: ..." nests
    if "decimal.ConversionSyntax" in head or "decimal.InvalidOperation" in head:
        head = _PY_CLASS.sub("", head).rstrip(" (") + f" ({TEXT['decimal']})"
        head = head.replace("( (", "(").replace("()", "").strip()
    converted = re.search(r"Could not convert (?:string )?'([^']*)' to (\w+)", head)
    if converted and converted.group(2).upper() in _TYPES:
        head = TEXT["convert"].format(
            value=repr(converted.group(1)), kind=_TYPES[converted.group(2).upper()]
        )
    head = head[:1].upper() + head[1:]
    return " ".join([head, *hints]) if hints else head
