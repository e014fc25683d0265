"""Writing the sample platform's tables the way a platform hands them over.

Some tables go out as CSV with Chinese headers in GB18030 (dates as 2024/1/2, rates as
"18.00%"), one as UTF-8 with a byte-order mark, one tab-separated, some as XLSX with a title
block above the header, and the large event tables as Parquet. The frames come in as numpy arrays;
DuckDB writes CSV and Parquet, openpyxl the workbooks.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from auditor.db import lit, q

CHUNK = 4 << 20


def write_csv(
    conn: duckdb.DuckDBPyConnection,
    select: str,
    path: Path,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    bom: bool = False,
    dateformat: str | None = None,
) -> None:
    """COPY a query to CSV, transcoding in chunks when the platform's encoding is not UTF-8."""
    raw = path if encoding == "utf-8" and not bom else path.with_suffix(".utf8.tmp")
    opts = f"HEADER, DELIMITER {lit(delimiter)}"
    if dateformat:
        opts += f", DATEFORMAT {lit(dateformat)}"
    conn.execute(f"COPY ({select}) TO {lit(str(raw))} ({opts})")
    if raw == path:
        return
    encoder = codecs.getincrementalencoder(encoding)()
    decoder = codecs.getincrementaldecoder("utf-8")()
    with raw.open("rb") as fin, path.open("wb") as fout:
        if bom:
            fout.write(codecs.BOM_UTF8)
        while chunk := fin.read(CHUNK):
            fout.write(encoder.encode(decoder.decode(chunk)))
        fout.write(encoder.encode(decoder.decode(b"", final=True), final=True))
    raw.unlink()


def write_parquet(conn: duckdb.DuckDBPyConnection, select: str, path: Path) -> None:
    conn.execute(f"COPY ({select}) TO {lit(str(path))} (FORMAT parquet, COMPRESSION zstd)")


def write_xlsx(
    path: Path,
    title: str,
    subtitle: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    sheet: str,
) -> None:
    """A workbook as platforms export it: a title and a subtitle line, a blank row, the table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=title)
    cell.font = Font(bold=True, size=14)
    ws.append([cell])
    ws.append([subtitle])
    ws.append([])
    ws.append(list(headers))
    for r in rows:
        ws.append([v.to_pydatetime() if hasattr(v, "to_pydatetime") else v for v in r])
    wb.save(path)


def register(conn: duckdb.DuckDBPyConnection, name: str, frame: dict[str, np.ndarray]) -> None:
    """Expose numpy columns to DuckDB; dates go as second-resolution timestamps."""
    cols = {}
    for k, v in frame.items():
        if v.dtype.kind == "M":
            v = v.astype("datetime64[s]")
        cols[k] = v
    conn.register(name, cols)


def rows_of(conn: duckdb.DuckDBPyConnection, select: str) -> list[tuple[Any, ...]]:
    return conn.execute(select).fetchall()


def generated_subtitle(as_of: Any) -> str:
    return f"导出时间：{datetime(2024, 10, 8, 9, 30):%Y-%m-%d %H:%M}  数据截止：{as_of}"


__all__ = ["q", "register", "rows_of", "write_csv", "write_parquet", "write_xlsx"]
