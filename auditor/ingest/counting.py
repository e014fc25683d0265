"""Counting a delimited file's records ourselves, independently of the CSV parser.

The importer reconciles what the parser returned with what the file holds: records = title lines
+ header + blank + loaded + rejected + filtered. "What the file holds" must not come from the
parser itself, so this module counts records in the same read that fingerprints the file (or in
the pass that transcodes it): no second pass over the file.

A record ends at a line break (LF, CRLF or a lone CR) outside a quoted field. As in DuckDB's
reader, a quote opens a quoted field only at the start of a field (one space before it allowed)
and is an ordinary character in the middle of an unquoted one. Most chunks are counted with a few
vectorised numpy operations: while every quote stands where a quoted field opens or closes, the
number of quotes before a line break tells whether it lies inside a field. A chunk with a quote
anywhere else is walked quote by quote instead. Empty records (a line break right after another)
are listed by number: DuckDB skips them without a word, and the importer accounts for them as
blank lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

LF, CR, QUOTE = 10, 13, 34


@dataclass(frozen=True)
class RecordCount:
    records: int  # records in the file, the last one counted even without a final line break
    empty: tuple[int, ...]  # 1-based numbers of the empty records (zero-length lines)
    crlf: int = 0
    lf: int = 0
    cr: int = 0  # line breaks of each kind, outside quoted fields
    nul_bytes: int = 0
    irregular_quotes: bool = False  # quotes in the middle of unquoted fields were seen
    unterminated_quote: bool = False  # the file ends inside a quoted field

    @property
    def mixed_endings(self) -> bool:
        return sum(1 for n in (self.crlf, self.lf, self.cr) if n) > 1

    @property
    def endings(self) -> str:
        kinds = [k for k, n in (("CRLF", self.crlf), ("LF", self.lf), ("CR", self.cr)) if n]
        return "+".join(kinds) or "none"


@dataclass
class RecordCounter:
    """Feed the file's bytes in order (any chunk size), then ``finish``."""

    delimiter: str = ","
    track_ends: int = 0  # keep the file offsets where the first records end
    ends: list[int] = field(default_factory=list)
    _pending: bytes = b""  # trailing quotes or CRs held back until the byte after is known
    _offset: int = 0  # file offset of the first byte of the next buffer
    _prev: int = LF  # the byte before the next buffer (a line break at the start of the file)
    _in_quote: bool = False
    _state: int = 0  # the walk's state at the start of the next buffer (_FIELD_START)
    _last_end: int = 0  # file offset where the last line break ended
    _records: int = 0
    _empty: list[int] = field(default_factory=list)
    _kinds: list[int] = field(default_factory=lambda: [0, 0, 0])  # crlf, lf, cr
    _nul: int = 0
    _irregular: bool = False
    _total: int = 0

    def __post_init__(self) -> None:
        d = self.delimiter.encode("utf-8")
        self._delim = d[0] if len(d) == 1 else -1

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        self._total += len(chunk)
        buf = self._pending + chunk
        self._pending = b""
        keep = len(buf)
        while keep and buf[keep - 1] in (QUOTE, CR):
            keep -= 1  # a quote or CR is read with the byte after it
        buf, self._pending = buf[:keep], buf[keep:]
        if buf:
            self._scan(buf, final=False)

    def finish(self) -> RecordCount:
        if self._pending:
            self._scan(self._pending, final=True)
            self._pending = b""
        records = self._records
        if self._last_end < self._total:
            records += 1  # a last record without a final line break
        crlf, lf, cr = self._kinds
        return RecordCount(
            records=records,
            empty=tuple(self._empty),
            crlf=crlf,
            lf=lf,
            cr=cr,
            nul_bytes=self._nul,
            irregular_quotes=self._irregular,
            unterminated_quote=self._in_quote,
        )

    # --- the scan ---------------------------------------------------------------------------

    def _scan(self, buf: bytes, *, final: bool) -> None:
        a = np.frombuffer(buf, dtype=np.uint8)
        if b"\x00" in buf:
            self._nul += int(np.count_nonzero(a == 0))
        has_quote = b'"' in buf
        if (has_quote or self._in_quote) and not self._regular_quotes(a, final):
            self._irregular = True
            self._walk(buf, final)
        elif has_quote or self._in_quote or not self._plain(a, buf):
            self._vector(a, buf, has_quote)
        self._prev = buf[-1]
        self._offset += len(buf)

    def _regular_quotes(self, a: np.ndarray, final: bool) -> bool:
        """Whether every quote that opens a field by the count of quotes before it stands at a
        field's start: then quotes alternate open and close (a doubled quote closing and
        reopening) and their count before a line break tells inside from outside."""
        q = np.flatnonzero(a == QUOTE)
        if not len(q):
            return True
        at = q[(np.arange(len(q)) + int(self._in_quote)) % 2 == 0]
        prev = np.where(at > 0, a[np.maximum(at - 1, 0)], self._prev)
        bounds = np.array([LF, CR, QUOTE, self._delim if self._delim >= 0 else LF], np.uint8)
        return bool(np.isin(prev, bounds).all())

    def _plain(self, a: np.ndarray, buf: bytes) -> bool:
        """Count a buffer without quotes whose line breaks are all LF, none of its lines empty,
        in one comparison; False (nothing counted) if it is not one."""
        if b"\r" in buf:
            return False
        at = np.flatnonzero(a == LF)
        if not len(at):
            self._state = _after_gap(self._state, buf)
            return True
        if (at[0] == 0 and self._last_end == self._offset) or (np.diff(at) == 1).any():
            return False  # an empty line: the general path lists it
        n = len(at)
        self._records += n
        self._kinds[1] += n
        self._last_end = self._offset + int(at[-1]) + 1
        self._state = _after_gap(_FIELD_START, buf[int(at[-1]) + 1 :])
        return True

    def _vector(self, a: np.ndarray, buf: bytes, has_quote: bool) -> None:
        lf = np.flatnonzero(a == LF)
        if b"\r" in buf:
            cr = np.flatnonzero(a == CR)
            crlf_cr = cr[(cr + 1 < len(a)) & (a[np.minimum(cr + 1, len(a) - 1)] == LF)]
            lf_of_crlf = crlf_cr + 1
            lone_lf = np.setdiff1d(lf, lf_of_crlf, assume_unique=True)
            starts = np.concatenate([cr, lone_lf])
            kinds = np.concatenate(
                [np.where(np.isin(cr, crlf_cr), 0, 2), np.ones(len(lone_lf), np.int64)]
            )
            order = np.argsort(starts, kind="stable")
            starts, kinds = starts[order], kinds[order]
        else:
            starts = lf
            kinds = np.ones(len(lf), np.int64)
        if (has_quote or self._in_quote) and len(starts):
            q = np.flatnonzero(a == QUOTE)
            inside = (np.searchsorted(q, starts) + int(self._in_quote)) % 2 == 1
            starts, kinds = starts[~inside], kinds[~inside]
        if has_quote:
            self._in_quote = (int(np.count_nonzero(a == QUOTE)) + int(self._in_quote)) % 2 == 1
        self._state = self._end_state(buf)
        self._count(starts, kinds)

    def _end_state(self, buf: bytes) -> int:
        """The walk's state after a buffer counted by the vectorised path."""
        if self._in_quote:
            return _QUOTED
        delim = self.delimiter.encode("utf-8")[:1] or b"\n"
        last = max(buf.rfind(b"\n"), buf.rfind(b"\r"), buf.rfind(delim), buf.rfind(b'"'))
        if last < 0:
            return _after_gap(self._state, buf)
        if buf[last] == QUOTE:
            return _after_gap(_CLOSED, buf[last + 1 :])
        return _after_gap(_FIELD_START, buf[last + 1 :])

    def _count(self, starts: np.ndarray, kinds: np.ndarray) -> None:
        if not len(starts):
            return
        ends = starts + np.where(kinds == 0, 2, 1)
        abs_starts = starts + self._offset
        prev_ends = np.concatenate([[self._last_end], ends[:-1] + self._offset])
        empty = np.flatnonzero(abs_starts == prev_ends)
        if len(empty):
            self._empty.extend((empty + self._records + 1).tolist())
        if len(self.ends) < self.track_ends:
            want = self.track_ends - len(self.ends)
            self.ends.extend((ends[:want] + self._offset).tolist())
        for k in (0, 1, 2):
            self._kinds[k] += int(np.count_nonzero(kinds == k))
        self._records += len(starts)
        self._last_end = int(ends[-1]) + self._offset

    def _walk(self, buf: bytes, final: bool) -> None:
        """The exact walk for a buffer with irregular quotes, state by state as DuckDB's reader
        goes: a quote opens a quoted field at a field's start (one space before it allowed),
        reopens it right after a closing quote (spaces between allowed), and is literal
        anywhere else."""
        a = np.frombuffer(buf, np.uint8)
        delim = self._delim if self._delim >= 0 else LF
        specials = np.flatnonzero((a == QUOTE) | (a == LF) | (a == CR) | (a == delim)).tolist()
        starts: list[int] = []
        kinds: list[int] = []
        state = self._state
        last = -1
        n = len(buf)
        for p in specials:
            if p <= last:
                continue  # the LF of a CRLF
            if p > last + 1 and state != _QUOTED:
                state = _after_gap(state, buf[last + 1 : p])
            last = p
            b = buf[p]
            if state == _QUOTED:
                if b == QUOTE:
                    state = _CLOSED
            elif b == QUOTE:
                state = _QUOTED if state in (_FIELD_START, _ONE_SPACE, _CLOSED) else _STANDARD
            elif b in (CR, LF):
                crlf = b == CR and p + 1 < n and buf[p + 1] == LF
                starts.append(p)
                kinds.append(0 if crlf else (2 if b == CR else 1))
                last = p + 1 if crlf else p
                state = _FIELD_START
            else:
                state = _FIELD_START  # the delimiter
        if state != _QUOTED:
            state = _after_gap(state, buf[last + 1 :])
        self._state = state
        self._in_quote = state == _QUOTED
        self._count(np.array(starts, dtype=np.int64), np.array(kinds, dtype=np.int64))


def _after_gap(state: int, gap: bytes) -> int:
    """The state after ordinary bytes (no quote, delimiter or line break)."""
    if not gap or state == _QUOTED:
        return state
    if state == _FIELD_START and gap == b" ":
        return _ONE_SPACE
    if state == _CLOSED and not gap.strip(b" "):
        return _CLOSED  # spaces after a closing quote are tolerated
    return _STANDARD


# The walk's states: at a field's (or record's) start, after one space there, in an unquoted
# field (or text behind a closing quote), inside quotes, right after a closing quote.
_FIELD_START, _ONE_SPACE, _STANDARD, _QUOTED, _CLOSED = range(5)


def count_records(data: bytes, delimiter: str = ",", chunk: int = 1 << 22) -> RecordCount:
    """Count the records of ``data`` (tests and samples)."""
    counter = RecordCounter(delimiter)
    for i in range(0, len(data), chunk):
        counter.feed(data[i : i + chunk])
    return counter.finish()
