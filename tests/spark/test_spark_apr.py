"""APR on Spark: the same numpy engine per batch of loans, a loan split across batches solved
once, whole (no Spark needed: the batch function is fed as mapInPandas feeds it)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from auditor.engine.apr import compute_apr, pad_flows
from auditor.engine.spark.apr import solve_batches


def flows() -> pd.DataFrame:
    """Three loans of 1,000 received, repaid 12 x 90 (L1), 6 x 175 (L2), 3 x 340 (L3)."""
    rows = []
    for loan, n, pay in (("L1", 12, 90.0), ("L2", 6, 175.0), ("L3", 3, 340.0)):
        rows.append((loan, 0, -1000.0, 0.0))
        rows += [(loan, 1, pay, float(k)) for k in range(1, n + 1)]
    return pd.DataFrame(rows, columns=["loan_id", "kind", "amount", "t"])


def test_loans_split_across_batches_are_solved_once_and_whole() -> None:
    frame = flows()
    whole = compute_apr(
        pad_flows(
            frame["loan_id"].to_numpy(dtype=object),
            frame["amount"].to_numpy(),
            frame["t"].to_numpy(),
        )
    )
    for size in (1, 4, 7, 13, len(frame)):
        batches = [frame.iloc[i : i + size] for i in range(0, len(frame), size)]
        got = pd.concat(list(solve_batches(iter(batches))), ignore_index=True)
        assert list(got["loan_id"]) == ["L1", "L2", "L3"], size
        assert np.allclose(got["periodic_rate"], whole.periodic, rtol=0, atol=1e-12), size
        assert list(got["flows"]) == [13, 7, 4]
    # 12 x 90 against 1,000: about 1.5% a month (the rate solves the NPV to zero).
    r = float(whole.periodic[0])
    assert abs(sum(90 / (1 + r) ** k for k in range(1, 13)) - 1000) < 1e-6
