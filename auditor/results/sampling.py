"""Audit sampling: which positions of an ordered population a method selects, from a seed.

Reproducible on any machine: the random numbers are numpy's PCG64 bit generator seeded with the
examiner's seed (``numpy.random.Generator(PCG64(seed))``), and only its raw 64-bit output is used
(``bit_generator.random_raw``). numpy keeps a bit generator's stream fixed across versions but
not the output of ``Generator`` methods such as ``choice``, so the selection below is built from
raw words by integer arithmetic: no Python hash order, no DuckDB ``random()``, no float rounding
that could differ between machines.

Methods (population positions 0..N-1, in the population's fixed order):

- ``random``: simple random sampling without replacement. Every position gets a raw 64-bit key;
  the ``n`` smallest keys are the sample, so every subset of size ``n`` is equally likely and each
  row is selected with probability n/N.
- ``systematic``: a random start ``r`` in [0, N) and the positions floor((r + i*N) / n) for
  i = 0..n-1: an interval of N/n with a random start, each row selected with probability n/N.
- ``stratified``: the population ordered by the stratum column; a size per stratum (proportional
  to the stratum's rows by largest remainder, or the same size in every stratum), then simple
  random sampling in each stratum, strata in their sorted order.
- ``mus``: monetary-unit sampling. Amounts in cents (positive only); total T, interval T/n,
  a random start ``r`` in [0, T) and selection points floor((r + i*T) / n): the item holding a
  point is selected, so an item of amount a is selected with probability min(1, a*n/T), and an
  item larger than the interval may be hit more than once (its ``hits``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from auditor.results.sample_size import SamplingError

Method = Literal["random", "stratified", "systematic", "mus"]
METHODS: tuple[Method, ...] = ("random", "stratified", "systematic", "mus")
Allocation = Literal["proportional", "equal"]
BIT_GENERATOR = "PCG64"
_U64 = 1 << 64


def generator(seed: int) -> np.random.Generator:
    """The documented source of randomness: numpy's Generator over PCG64 seeded with ``seed``."""
    if seed < 0:
        raise SamplingError(f"seed {seed} must be zero or a positive whole number")
    return np.random.Generator(np.random.PCG64(seed))


def _raw(gen: np.random.Generator, k: int) -> np.ndarray:
    return np.asarray(gen.bit_generator.random_raw(k), dtype=np.uint64)


def uniform_below(gen: np.random.Generator, bound: int) -> int:
    """A whole number uniform in [0, bound) from raw words, without modulo bias."""
    if bound <= 0:
        raise SamplingError("cannot draw from an empty range")
    limit = (_U64 // bound) * bound
    while True:
        word = int(_raw(gen, 1)[0])
        if word < limit:
            return word % bound


def select_random(gen: np.random.Generator, population: int, size: int) -> np.ndarray:
    """``size`` distinct positions of 0..population-1, each subset equally likely; ascending."""
    size = min(size, population)
    if size <= 0:
        return np.zeros(0, dtype=np.int64)
    keys = _raw(gen, population)
    picked = np.argsort(keys, kind="stable")[:size]
    return np.sort(picked).astype(np.int64)


def select_systematic(gen: np.random.Generator, population: int, size: int) -> np.ndarray:
    size = min(size, population)
    if size <= 0:
        return np.zeros(0, dtype=np.int64)
    start = uniform_below(gen, population)
    return np.array([(start + i * population) // size for i in range(size)], dtype=np.int64)


def allocate(strata: list[int], size: int, allocation: Allocation) -> list[int]:
    """Sample size per stratum. Proportional: ``size`` spread by the strata's rows with the
    largest-remainder rule (ties to the earlier stratum); equal: ``size`` in each stratum. Never
    more than a stratum holds."""
    if allocation == "equal":
        return [min(size, n) for n in strata]
    total = sum(strata)
    size = min(size, total)
    if total == 0:
        return [0 for _ in strata]
    exact = [size * n / total for n in strata]
    out = [min(int(e), n) for e, n in zip(exact, strata, strict=True)]
    order = sorted(range(len(strata)), key=lambda i: (-(exact[i] - int(exact[i])), i))
    left = size - sum(out)
    while left > 0:
        moved = False
        for i in order:
            if left and out[i] < strata[i]:
                out[i] += 1
                left -= 1
                moved = True
        if not moved:
            break
    return out


def select_stratified(
    gen: np.random.Generator, strata: list[int], size: int, allocation: Allocation
) -> tuple[np.ndarray, list[int]]:
    """Positions (strata laid end to end in their order) and the size drawn in each stratum."""
    sizes = allocate(strata, size, allocation)
    picked, offset = [], 0
    for rows, n in zip(strata, sizes, strict=True):
        picked.append(select_random(gen, rows, n) + offset)
        offset += rows
    return (np.concatenate(picked) if picked else np.zeros(0, dtype=np.int64)), sizes


@dataclass(frozen=True)
class MonetarySelection:
    items: np.ndarray  # indices into the amounts given, ascending
    hits: np.ndarray  # selection points falling in each selected item
    total_cents: int
    interval_cents: float
    start_cents: int
    points: int


def select_mus(gen: np.random.Generator, cents: np.ndarray, size: int) -> MonetarySelection:
    """Monetary-unit selection over positive amounts given in cents."""
    amounts = np.asarray(cents, dtype=np.int64)
    if len(amounts) and int(amounts.min()) <= 0:
        raise SamplingError("monetary-unit sampling needs positive amounts only")
    total = int(amounts.sum()) if len(amounts) else 0
    if total == 0 or size <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return MonetarySelection(empty, empty, total, 0.0, 0, 0)
    start = uniform_below(gen, total)
    points = np.array([(start + i * total) // size for i in range(size)], dtype=np.int64)
    cum = np.cumsum(amounts)
    holder = np.searchsorted(cum, points, side="right")
    items, hits = np.unique(holder, return_counts=True)
    return MonetarySelection(
        items.astype(np.int64), hits.astype(np.int64), total, total / size, start, size
    )
