"""The charts' bottom axis: dates, categories or numbers, with ticks that never overlap.

One axis object serves every chart a view draws (pyqtgraph plots live as long as the view):
for dates it is pyqtgraph's own DateAxisItem, which picks years, months, days or hours by the
room it has; for categories it labels every n-th bar, n chosen from the widest label and the
axis's width in pixels (so a zoom or a resize re-spaces them); for numbers it is a plain axis.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Literal

import pyqtgraph as pg

AxisMode = Literal["date", "category", "number"]
LABEL_GAP_PX = 14
MONTH_TICKS_FROM_DAYS = 90  # a longer range is labelled by months


class BottomAxis(pg.DateAxisItem):
    def __init__(self) -> None:
        super().__init__(orientation="bottom", utcOffset=0)
        self.mode: AxisMode = "number"
        self.labels: list[str] = []
        self._months = False  # the date ticks shown are month starts

    def set_dates(self) -> None:
        self.mode, self.labels = "date", []
        self.picture = None
        self.update()

    def set_categories(self, labels: list[str]) -> None:
        self.mode, self.labels = "category", list(labels)
        self.picture = None
        self.update()

    def set_numbers(self) -> None:
        self.mode, self.labels = "number", []
        self.picture = None
        self.update()

    def _label_px(self) -> float:
        metrics = getattr(self, "fontMetrics", None)
        widest = max(self.labels, key=len) if self.labels else ""
        if metrics is None:
            return 7.0 * len(widest) + LABEL_GAP_PX
        return float(metrics.boundingRect(widest).width() + LABEL_GAP_PX)

    def category_step(self, lo: float, hi: float, size: float) -> int:
        """Label every n-th category so that labels of this width fit in ``size`` pixels."""
        shown = max(1.0, min(hi, len(self.labels) - 0.5) - max(lo, -0.5))
        per_label = size / shown if shown else size
        return max(1, math.ceil(self._label_px() / max(per_label, 1e-9)))

    def _month_ticks(self, lo: float, hi: float, size: float) -> list[float] | None:
        """Month starts every 1, 2, 3, 6 or 12 months, as many as labels like "2024-03" fit
        (pyqtgraph's own date ticks fall back to years alone on a narrow chart)."""
        if hi - lo < MONTH_TICKS_FROM_DAYS * 86400 or size <= 0:
            return None
        start = dt.datetime.fromtimestamp(lo, dt.UTC)
        end = dt.datetime.fromtimestamp(hi, dt.UTC)
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        metrics = getattr(self, "fontMetrics", None)
        label = (metrics.boundingRect("2024-03").width() if metrics else 50) + LABEL_GAP_PX
        need = months * label / size
        step = next((s for s in (1, 2, 3, 6, 12) if s >= need), 12 * math.ceil(need / 12))
        ticks = []
        year, month = start.year, start.month
        while True:
            at = dt.datetime(year, month, 1, tzinfo=dt.UTC).timestamp()
            if at > hi:
                break
            if at >= lo and (year * 12 + month - 1) % step == 0:
                ticks.append(at)
            month += 1
            if month > 12:
                year, month = year + 1, 1
        return ticks

    def tickValues(self, minVal: float, maxVal: float, size: float) -> Any:
        if self.mode == "date":
            months = self._month_ticks(minVal, maxVal, size)
            self._months = months is not None
            if months is not None:
                return [(30 * 86400.0, months)]
            return super().tickValues(minVal, maxVal, size)
        if self.mode == "category":
            step = self.category_step(minVal, maxVal, size)
            first = max(0, math.ceil(minVal))
            last = min(len(self.labels) - 1, math.floor(maxVal))
            return [(float(step), [float(i) for i in range(first, last + 1) if i % step == 0])]
        return pg.AxisItem.tickValues(self, minVal, maxVal, size)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if self.mode == "date" and self._months:
            return [dt.datetime.fromtimestamp(v, dt.UTC).strftime("%Y-%m") for v in values]
        if self.mode == "date":
            return list(super().tickStrings(values, scale, spacing))
        if self.mode == "category":
            out = []
            for v in values:
                i = round(v)
                out.append(self.labels[i] if 0 <= i < len(self.labels) else "")
            return out
        return list(pg.AxisItem.tickStrings(self, values, scale, spacing))
