"""Mapping expressions are untrusted text: each must be one scalar expression over the row.

A mapping profile or a workbook received from someone else defines canonical columns by DuckDB
expressions (``{ expr = "CAST(\\"借款利率\\" AS DOUBLE) / 100" }``). Pasted into the import's
SELECT, such text could close the expression and open a statement (``1); COPY ... TO``), or read
a file through a subquery over a table function (``(SELECT content FROM read_text('/x'))``).

So the text is parsed by DuckDB's own parser (``json_serialize_sql``) as ``SELECT (<text>)``
and accepted only when that is exactly one SELECT with one item, no FROM, WHERE, CTE or other
clause, and whose every node is a plain scalar construct: column references, constants, casts,
operators, CASE, and calls to scalar functions that DuckDB's catalog knows, none of which reads
state outside the row (settings, environment, sequences, files). The import then runs with file
access closed except for the source itself (``Case.file_access_only``): the parser is the first
wall, the sandbox the second.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import duckdb

from auditor.errors import MappingError

# Node classes a scalar expression over one row may contain (DuckDB's ParsedExpression classes).
_ALLOWED_CLASSES = {
    "BETWEEN",
    "CASE",
    "CAST",
    "COLLATE",
    "COLUMN_REF",
    "COMPARISON",
    "CONJUNCTION",
    "CONSTANT",
    "FUNCTION",
    "LAMBDA",
    "LAMBDA_REF",
    "OPERATOR",
    "TYPE",  # the target type of a CAST
}
# Scalar functions that read or change state outside the row, or stall the import.
_DENIED_FUNCTIONS = re.compile(
    r"^(current_setting|getenv|nextval|currval|setseed|sleep_ms|sleep|"
    r"read_.*|glob|query|query_table|sql|json_execute_serialized_sql|json_serialize_.*|"
    r"duckdb_.*|pragma_.*|which_secret|current_secrets?|icu_.*|system.*|shell.*)$",
    re.IGNORECASE,
)
_MAX_LENGTH = 4000


@cache
def _scalar_functions() -> frozenset[str]:
    """Names of DuckDB's scalar functions and macros (aggregates and table functions excluded)."""
    with duckdb.connect(":memory:") as c:
        rows = c.execute(
            "SELECT DISTINCT lower(function_name) FROM duckdb_functions() "
            "WHERE function_type IN ('scalar', 'macro')"
        ).fetchall()
    return frozenset(r[0] for r in rows)


def _ast(sql: str) -> dict[str, Any]:
    with duckdb.connect(":memory:") as c:
        row = c.execute("SELECT json_serialize_sql($sql)", {"sql": sql}).fetchone()
    doc: dict[str, Any] = json.loads(row[0]) if row else {"error": True}
    return doc


def check_scalar_expression(expr: str, *, what: str) -> None:
    """Refuse ``expr`` unless it is one scalar expression over the row's columns.

    ``what`` names the expression in the message (``"mapping column 'region'"``).
    """
    text = expr.strip()
    if not text:
        raise MappingError(f"{what}: the expression is empty")
    if len(text) > _MAX_LENGTH:
        raise MappingError(f"{what}: the expression is longer than {_MAX_LENGTH} characters")
    if "\x00" in text:
        raise MappingError(f"{what}: the expression holds a NUL character")
    sql = f"SELECT ({text}\n)"
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as e:
        raise MappingError(f"{what}: not a valid expression: {_first_line(e)}") from e
    if len(statements) != 1:
        raise MappingError(f"{what}: must be one expression, not statements")
    doc = _ast(sql)
    if doc.get("error"):
        raise MappingError(
            f"{what}: not a valid expression: {doc.get('error_message', 'parse error')}"
        )
    stmts = doc.get("statements", [])
    node = stmts[0].get("node", {}) if len(stmts) == 1 else {}
    if node.get("type") != "SELECT_NODE" or len(node.get("select_list", [])) != 1:
        raise MappingError(f"{what}: must be a single scalar expression")
    clauses = (
        node.get("from_table", {}).get("type") != "EMPTY",
        node.get("where_clause") is not None,
        bool(node.get("group_expressions")),
        node.get("having") is not None,
        node.get("qualify") is not None,
        node.get("sample") is not None,
        bool(node.get("modifiers")),
        bool(node.get("cte_map", {}).get("map")),
    )
    if any(clauses):
        raise MappingError(f"{what}: must be a single scalar expression, without clauses")
    _walk(node["select_list"][0], what)


def _walk(value: Any, what: str) -> None:
    if isinstance(value, list):
        for v in value:
            _walk(v, what)
        return
    if not isinstance(value, dict):
        return
    cls = value.get("class")
    if cls is not None:
        if cls == "SUBQUERY":
            raise MappingError(f"{what}: subqueries are not allowed in a mapping expression")
        if cls not in _ALLOWED_CLASSES:
            kind = str(cls).lower().replace("_", " ")
            raise MappingError(f"{what}: a {kind} is not allowed in a mapping expression")
        if cls == "FUNCTION":
            _check_function(value, what)
    for v in value.values():
        _walk(v, what)


def _check_function(node: dict[str, Any], what: str) -> None:
    name = str(node.get("function_name", ""))
    if node.get("schema") or node.get("catalog"):
        raise MappingError(f"{what}: qualified function names are not allowed ({name})")
    if node.get("is_operator"):
        return
    lname = name.lower()
    if _DENIED_FUNCTIONS.match(lname):
        raise MappingError(f"{what}: the function {name}() is not allowed in a mapping")
    if lname not in _scalar_functions():
        raise MappingError(
            f"{what}: {name}() is not a scalar function (aggregates, window and table "
            "functions are not allowed in a mapping)"
        )


def _first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
