"""Sample sizes for attribute sampling, and the upper limit of a deviation (exception) rate.

Both rest on the binomial distribution, computed exactly here (a few lines over ``math``; the
app has no statistics library and these two formulas do not justify one).

Size (the method behind the AICPA Audit Sampling guide's Table A-1 and A-2): the smallest ``n``
such that, were the population's true deviation rate the tolerable rate ``t``, a sample of ``n``
would show no more than the expected number of deviations ``k = ceil(n * e)`` with probability
at most ``1 - c``::

    n = min { n : P(X <= ceil(n * e); n, t) <= 1 - c }

With no expected deviations this is ``n = ceil(ln(1 - c) / ln(1 - t))``: 95 % confidence and a
5 % tolerable rate give 59, the guide's figure.

Upper limit (one-sided Clopper-Pearson): with ``k`` exceptions in ``n`` items tested, the rate
``p_u`` at which seeing ``k`` or fewer has probability ``1 - c``; ``c`` of the time the true
rate lies below it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from auditor.errors import AuditorError

MAX_SIZE = 100_000


class SamplingError(AuditorError):
    title = "Audit sampling"


def binom_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), summed in log space (exact to float precision)."""
    if k < 0:
        return 0.0
    if k >= n or p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 0.0
    lp, lq = math.log(p), math.log1p(-p)
    terms = [
        math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * lp + (n - i) * lq
        for i in range(k + 1)
    ]
    top = max(terms)
    return min(1.0, math.exp(top) * sum(math.exp(t - top) for t in terms))


@dataclass(frozen=True)
class AttributeSize:
    size: int
    expected_deviations: int
    confidence: float
    tolerable_rate: float
    expected_rate: float
    risk_at_size: float  # P(X <= k; n, t) at the size chosen

    @property
    def formula(self) -> str:
        c, t, e = self.confidence, self.tolerable_rate, self.expected_rate
        head = (
            f"attribute sample size (binomial; AICPA Audit Sampling guide, Table A-1 method): "
            f"n = smallest n with P(X <= ceil(n x {e:g}); n, {t:g}) <= 1 - {c:g}"
        )
        if e == 0:
            head += f"; with no expected deviations n = ceil(ln(1 - {c:g}) / ln(1 - {t:g}))"
        return (
            f"{head}; n = {self.size}, expected deviations {self.expected_deviations}, "
            f"P = {self.risk_at_size:.4f}"
        )


def attribute_sample_size(
    confidence: float, tolerable_rate: float, expected_rate: float = 0.0
) -> AttributeSize:
    """The attribute-sampling size for these parameters (rates as fractions: 0.05 = 5 %)."""
    if not 0 < confidence < 1:
        raise SamplingError(f"confidence {confidence:g} must lie between 0 and 1 (0.95 = 95 %)")
    if not 0 < tolerable_rate < 1:
        raise SamplingError(
            f"tolerable deviation rate {tolerable_rate:g} must lie between 0 and 1 (0.05 = 5 %)"
        )
    if not 0 <= expected_rate < tolerable_rate:
        raise SamplingError(
            f"expected deviation rate {expected_rate:g} must be at least 0 and below the "
            f"tolerable rate {tolerable_rate:g}"
        )
    alpha = 1 - confidence
    if expected_rate == 0:
        n = math.ceil(math.log(alpha) / math.log1p(-tolerable_rate) - 1e-12)
        return AttributeSize(n, 0, confidence, tolerable_rate, 0.0, binom_cdf(0, n, tolerable_rate))
    for n in range(1, MAX_SIZE + 1):
        k = math.ceil(n * expected_rate - 1e-12)
        risk = binom_cdf(k, n, tolerable_rate)
        if risk <= alpha:
            return AttributeSize(n, k, confidence, tolerable_rate, expected_rate, risk)
    raise SamplingError(
        f"no sample of up to {MAX_SIZE:,} items reaches {confidence:g} confidence with a "
        f"tolerable rate of {tolerable_rate:g} and an expected rate of {expected_rate:g}: "
        "raise the tolerable rate or lower the expected rate"
    )


def upper_limit(exceptions: int, tested: int, confidence: float) -> float:
    """One-sided Clopper-Pearson upper limit of the exception rate (1.0 when nothing tested)."""
    if tested <= 0:
        return 1.0
    if exceptions >= tested:
        return 1.0
    alpha = 1 - confidence
    lo, hi = exceptions / tested, 1.0
    for _ in range(200):  # bisection: binom_cdf falls as p rises
        mid = (lo + hi) / 2
        if binom_cdf(exceptions, tested, mid) > alpha:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-12:
            break
    return hi
