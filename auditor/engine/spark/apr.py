"""APR on Spark: the same numpy engine (``auditor.engine.apr``), run per batch of loans.

The cash flows come from the same SQL as on a case (transpiled), are spread over the cluster by
loan and sorted by loan and time within each partition, and each partition's rows go through
``mapInPandas`` in Arrow batches. A loan's flows are contiguous, so a batch is solved whole
except its last loan, which may continue in the next batch: that loan is carried over. The
solved rates then pass through the same SQL as on a case (NaN as NULL).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from auditor.engine.apr import compute_apr, pad_flows

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

APR_SCHEMA = (
    "loan_id string, periodic_rate double, apr_nominal double, apr_effective double, "
    "apr_simple double, flows int, unsolved_reason string"
)


def _solve(frame: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    t = compute_apr(
        pad_flows(
            frame["loan_id"].to_numpy(dtype=object),
            frame["amount"].to_numpy(dtype=float),
            frame["t"].to_numpy(dtype=float),
        )
    )
    return pd.DataFrame(
        {
            "loan_id": t.loan_ids.astype(str),
            "periodic_rate": t.periodic,
            "apr_nominal": t.nominal,
            "apr_effective": t.effective,
            "apr_simple": t.simple,
            "flows": t.flows.astype("int32"),
            "unsolved_reason": t.reason.astype(str),
        }
    )


def solve_batches(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Rows sorted by loan (and time) in, one row per loan out; a loan split across two
    batches is solved once, whole."""
    import pandas as pd

    carry: pd.DataFrame | None = None
    for frame in frames:
        if carry is not None and len(carry):
            frame = pd.concat([carry, frame], ignore_index=True)
        if not len(frame):
            continue
        ids = frame["loan_id"].to_numpy(dtype=object)
        last = ids == ids[-1]
        carry = frame[last]
        done = frame[~last]
        if len(done):
            yield _solve(done)
    if carry is not None and len(carry):
        yield _solve(carry)


def apr_frame(flows: DataFrame, partitions: int) -> DataFrame:
    """``flows`` (loan_id, kind, amount, t) -> one row per loan with its rates, unsorted."""
    from pyspark.sql import functions as F

    prepared = (
        flows.select(
            F.col("loan_id").cast("string").alias("loan_id"),
            F.col("kind"),
            F.col("amount").cast("double").alias("amount"),
            F.col("t").cast("double").alias("t"),
        )
        .repartition(max(partitions, 1), "loan_id")
        .sortWithinPartitions("loan_id", "t", "kind")
    )
    return prepared.mapInPandas(solve_batches, APR_SCHEMA)
