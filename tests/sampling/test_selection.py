"""Selection methods and sample sizes, without a case."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.results.sample_size import (
    SamplingError,
    attribute_sample_size,
    binom_cdf,
    upper_limit,
)
from auditor.results.sampling import (
    allocate,
    generator,
    select_mus,
    select_random,
    select_stratified,
    select_systematic,
)

# AICPA Audit Sampling guide, Table A-1 (95 % confidence) and A-2 (90 %): the sample size for
# (expected deviation rate, tolerable rate); the last figure is ceil(n x expected rate).
AICPA = [
    (0.95, 0.0, 0.05, 59, 0),
    (0.95, 0.0, 0.02, 149, 0),
    (0.95, 0.0, 0.10, 29, 0),
    (0.95, 0.0025, 0.05, 93, 1),
    (0.95, 0.01, 0.04, 156, 2),
    (0.95, 0.015, 0.05, 124, 2),
    (0.95, 0.02, 0.05, 181, 4),
    (0.95, 0.02, 0.06, 127, 3),
    (0.95, 0.03, 0.06, 195, 6),
    (0.95, 0.03, 0.10, 61, 2),
    (0.90, 0.0, 0.05, 45, 0),
    (0.90, 0.01, 0.05, 77, 1),
    (0.90, 0.02, 0.06, 88, 2),
]


@pytest.mark.parametrize(("confidence", "expected", "tolerable", "size", "k"), AICPA)
def test_attribute_sizes_reproduce_the_aicpa_tables(
    confidence: float, expected: float, tolerable: float, size: int, k: int
) -> None:
    got = attribute_sample_size(confidence, tolerable, expected)
    assert (got.size, got.expected_deviations) == (size, k)
    assert "P(X <= ceil(n x" in got.formula and f"n = {size}" in got.formula


def test_the_worked_zero_deviation_example() -> None:
    """95 % confidence, 5 % tolerable, none expected: n = ceil(ln 0.05 / ln 0.95) =
    ceil(58.40) = 59; 0.95^59 = 0.0485 <= 0.05 while 0.95^58 = 0.0510 is not."""
    got = attribute_sample_size(0.95, 0.05)
    assert got.size == math.ceil(math.log(0.05) / math.log(0.95)) == 59
    assert got.risk_at_size == pytest.approx(0.95**59)
    assert 0.95**58 > 0.05 >= 0.95**59


def test_bad_parameters_are_refused_with_what_to_change() -> None:
    with pytest.raises(SamplingError, match="below the tolerable rate"):
        attribute_sample_size(0.95, 0.05, 0.06)
    with pytest.raises(SamplingError, match="confidence"):
        attribute_sample_size(95, 0.05)


def test_upper_limit_is_clopper_pearson() -> None:
    """No exception in 59: the limit solves (1 - p)^59 = 0.05, p = 1 - 0.05^(1/59) = 4.95 %.
    Two in 100: P(X <= 2; 100, p) = 0.05 at p = 6.16 %."""
    assert upper_limit(0, 59, 0.95) == pytest.approx(1 - 0.05 ** (1 / 59), abs=1e-9)
    ul = upper_limit(2, 100, 0.95)
    assert binom_cdf(2, 100, ul) == pytest.approx(0.05, abs=1e-9)
    assert round(ul, 4) == 0.0616
    assert upper_limit(0, 0, 0.95) == 1.0


sizes = st.integers(min_value=1, max_value=400).flatmap(
    lambda n: st.tuples(st.just(n), st.integers(min_value=1, max_value=n))
)


@settings(max_examples=60, deadline=None)
@given(sizes, st.integers(min_value=0, max_value=2**63 - 1))
def test_same_seed_same_sample_and_valid_positions(pop: tuple[int, int], seed: int) -> None:
    population, size = pop
    for select in (select_random, select_systematic):
        a = select(generator(seed), population, size)
        b = select(generator(seed), population, size)
        assert a.tolist() == b.tolist()
        assert len(set(a.tolist())) == size
        assert a.min() >= 0 and a.max() < population
        assert a.tolist() == sorted(a.tolist())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=10**7), min_size=1, max_size=200),
    st.integers(min_value=1, max_value=50),
    st.integers(min_value=0, max_value=2**32),
)
def test_mus_same_seed_same_units(cents: list[int], size: int, seed: int) -> None:
    a = select_mus(generator(seed), np.array(cents), size)
    b = select_mus(generator(seed), np.array(cents), size)
    assert a.items.tolist() == b.items.tolist() and a.hits.tolist() == b.hits.tolist()
    assert int(a.hits.sum()) == size  # every selection point lands in one item
    interval = sum(cents) / size
    big = [i for i, c in enumerate(cents) if c >= interval]
    assert set(big) <= set(a.items.tolist())  # an item at least the interval is always hit


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=300), min_size=1, max_size=12),
    st.integers(min_value=1, max_value=500),
)
def test_allocation_spreads_the_size_and_never_exceeds_a_stratum(
    strata: list[int], size: int
) -> None:
    got = allocate(strata, size, "proportional")
    assert sum(got) == min(size, sum(strata))
    assert all(0 <= g <= n for g, n in zip(got, strata, strict=True))
    assert allocate(strata, size, "equal") == [min(size, n) for n in strata]


SEEDS = range(3000)  # a fixed seed set: the test is deterministic, never flaky


def _within(observed: np.ndarray, expected: np.ndarray, trials: int) -> None:
    """Each frequency within 5 standard errors of its probability (p = 0 or 1 exactly)."""
    se = np.sqrt(expected * (1 - expected) / trials)
    assert np.all(np.abs(observed - expected) <= 5 * se + 1e-12), (observed, expected)


def test_random_and_systematic_select_every_row_with_probability_n_over_n() -> None:
    population, size = 23, 5
    for select in (select_random, select_systematic):
        counts = np.zeros(population)
        for seed in SEEDS:
            counts[select(generator(seed), population, size)] += 1
        _within(counts / len(SEEDS), np.full(population, size / population), len(SEEDS))


def test_random_gives_every_pair_the_same_chance() -> None:
    """Simple random sampling: each of the C(6,2) = 15 pairs about 1/15 of the time; systematic
    sampling cannot (only 3 pairs are possible with an interval of 3)."""
    pairs: dict[tuple[int, ...], int] = {}
    for seed in SEEDS:
        key = tuple(select_random(generator(seed), 6, 2).tolist())
        pairs[key] = pairs.get(key, 0) + 1
    assert len(pairs) == 15
    _within(np.array(list(pairs.values())) / len(SEEDS), np.full(15, 1 / 15), len(SEEDS))


def test_stratified_selects_within_each_stratum_at_its_own_rate() -> None:
    strata = [10, 4, 6]
    counts = np.zeros(sum(strata))
    for seed in SEEDS:
        got, sizes = select_stratified(generator(seed), strata, 6, "proportional")
        assert sizes == [3, 1, 2]  # 6 x 10/20 = 3, 6 x 4/20 = 1.2, 6 x 6/20 = 1.8 -> 3, 1, 2
        counts[got] += 1
    expected = np.array([3 / 10] * 10 + [1 / 4] * 4 + [2 / 6] * 6)
    _within(counts / len(SEEDS), expected, len(SEEDS))


def test_monetary_unit_selection_is_proportional_to_amount() -> None:
    """Amounts 1..8 and 40 (total 76 cents), 4 selection points: interval 19, so item a is hit
    with probability a/19 and the 40-cent item (above the interval) always, twice or more."""
    cents = np.array([1, 2, 3, 4, 5, 6, 7, 8, 40])
    counts = np.zeros(len(cents))
    for seed in SEEDS:
        sel = select_mus(generator(seed), cents, 4)
        counts[sel.items] += 1
        assert sel.hits[sel.items.tolist().index(8)] >= 2
    expected = np.minimum(1.0, cents * 4 / cents.sum())
    _within(counts / len(SEEDS), expected, len(SEEDS))


def test_the_stream_is_numpys_pcg64_raw_output() -> None:
    """Reproducible on any machine: the selection rests on PCG64's raw words, which numpy keeps
    stable across versions and platforms; pinned here, so a change of stream or of the
    selection arithmetic fails this test rather than silently changing samples."""
    raw = np.random.Generator(np.random.PCG64(0)).bit_generator.random_raw(1)
    assert int(raw[0]) == 0xA30FEBCFD9C2825F
    assert select_random(generator(0), 10, 3).tolist() == [1, 2, 3]
    assert select_systematic(generator(0), 10, 3).tolist() == [0, 3, 7]
