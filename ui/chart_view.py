"""Charts of check results with pyqtgraph, drawn from the core's ChartData.

Kinds: series over time (line), bars and stacked bars, vintage curves (line, one series per
vintage), a roll-rate heatmap, a failure-rate timeline with incident windows and findings
shaded, and an APR histogram with the cap drawn as a line. Long series are downsampled to the
screen ('peak', clipped to view); hovering shows the nearest point's values; ``to_png`` renders
the chart for the Excel report. This is the only module that imports pyqtgraph.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF
from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import QLabel, QToolTip, QVBoxLayout, QWidget

from auditor.results.chart_data import ChartData

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"]  # fmt: skip
SHADE = {"finding": QColor(214, 39, 40, 60)}
INCIDENT_SHADE = QColor(255, 160, 0, 55)


def _num(v: Any) -> float:
    if v is None:
        return math.nan
    if isinstance(v, Decimal | int | float):
        return float(v)
    return math.nan


def _epoch(v: Any) -> float | None:
    if isinstance(v, dt.datetime):
        return v.replace(tzinfo=dt.UTC).timestamp() if v.tzinfo is None else v.timestamp()
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day, tzinfo=dt.UTC).timestamp()
    return None


class ChartView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.empty = QLabel(self.tr("No chart for this result."))
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.addWidget(self.empty)
        self.empty.hide()
        self.data: ChartData | None = None
        self._xpos: np.ndarray = np.zeros(0)
        self.items: list[Any] = []
        # One plot for the life of the view, reset for each chart: with PySide6 6.12,
        # deleting pyqtgraph plots and making new ones crashed the interpreter at exit.
        self.plot = pg.PlotWidget()
        self.plot.scene().sigMouseMoved.connect(self._hover)
        self.lay.insertWidget(0, self.plot)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setGrid(50)  # not showGrid: it drives the context menu

    # --- drawing ---------------------------------------------------------------------

    def _reset(self) -> None:
        item = self.plot.plotItem
        item.clear()
        legend = item.legend
        if legend is not None:
            legend.clear()
            if legend.scene() is not None:
                legend.scene().removeItem(legend)
            item.legend = None
        for axis in ("left", "bottom"):
            ax = item.getAxis(axis)
            ax.setTicks(None)
            ax.setLabel("")
            ax.showLabel(False)
        item.invertY(False)
        item.setTitle(None)
        item.enableAutoRange()

    def show_data(self, data: ChartData | None) -> None:
        self.data = data
        self._reset()
        self.items = []
        if data is None or (not data.xs and not data.samples):
            self.plot.hide()
            self.empty.show()
            return
        self.empty.hide()
        self.plot.show()
        self.plot.setTitle(data.title)
        if data.kind == "histogram":
            self._histogram(data)
        elif data.kind == "heatmap":
            self._heatmap(data)
        elif data.kind in ("bar", "stacked_bar"):
            self._bars(data, stacked=data.kind == "stacked_bar")
        else:
            self._lines(data)

    def _x_axis(self, xs: list[Any]) -> np.ndarray:
        """Positions for the x values, with tick labels for dates and categories."""
        epochs = [_epoch(x) for x in xs]
        axis = self.plot.getAxis("bottom")
        if xs and all(e is not None for e in epochs):
            step = max(1, len(xs) // 5)
            timed = any(isinstance(x, dt.datetime) and (x.hour or x.minute) for x in xs)
            short = (epochs[-1] or 0) - (epochs[0] or 0) < 3 * 86400
            fmt = "%H:%M" if timed and short else "%Y-%m-%d"
            labels = [
                (e, x.strftime(fmt))
                for i, (e, x) in enumerate(zip(epochs, xs, strict=True))
                if i % step == 0
            ]
            axis.setTicks([labels])
            return np.array(epochs, dtype=float)
        if xs and all(isinstance(x, int | float | Decimal) for x in xs):
            return np.array([float(x) for x in xs])
        step = max(1, len(xs) // 20)
        axis.setTicks([[(i, str(x)) for i, x in enumerate(xs) if i % step == 0]])
        return np.arange(len(xs), dtype=float)

    def _lines(self, data: ChartData) -> None:
        x = self._x_axis(data.xs)
        self._xpos = x
        if len(data.names) > 1:
            self.plot.addLegend()
        scale = 100.0 if data.percent else 1.0
        for i, name in enumerate(data.names):
            y = np.array([_num(row[i]) for row in data.values]) * scale
            item = self.plot.plot(
                x,
                y,
                name=name,
                pen=pg.mkPen(PALETTE[i % len(PALETTE)], width=2),
                connect="finite",
            )
            item.setDownsampling(auto=True, method="peak")
            item.setClipToView(True)
            self.items.append(item)
        span = float(x.max() - x.min()) if len(x) else 0.0
        for start, end, label in data.windows:
            a, b = _epoch(start), _epoch(end)
            if a is None or b is None:
                continue
            # At least a sliver of the chart wide, so an hour on a year's axis still shows.
            b = max(b, a + span * 0.004, a + 60)
            region = pg.LinearRegionItem(
                (a, b), movable=False, brush=SHADE.get(label, INCIDENT_SHADE)
            )
            region.setZValue(-10)
            region.setToolTip(label)
            self.plot.addItem(region, ignoreBounds=True)
            self.items.append(region)
        if data.percent:
            self.plot.getAxis("left").setLabel("%")

    def _bars(self, data: ChartData, stacked: bool) -> None:
        x = self._x_axis([str(v) for v in data.xs])  # categories, one bar group each
        self._xpos = x
        n = max(1, len(data.names))
        width = 0.8 if stacked else 0.8 / n
        base = np.zeros(len(x))
        if n > 1:
            self.plot.addLegend()
        for i, name in enumerate(data.names):
            y = np.nan_to_num(np.array([_num(row[i]) for row in data.values]))
            y = y * (100.0 if data.percent else 1.0)
            pos = x if stacked else x - 0.4 + width * (i + 0.5)
            bar = pg.BarGraphItem(
                x=pos,
                height=y,
                y0=base if stacked else 0,
                width=width,
                brush=PALETTE[i % len(PALETTE)],
                name=name,
            )
            self.plot.addItem(bar)  # named: the legend lists it
            self.items.append(bar)
            if stacked:
                base = base + y
        if data.percent:
            self.plot.getAxis("left").setLabel("%")

    def _heatmap(self, data: ChartData) -> None:
        grid = np.array([[_num(v) for v in row] for row in data.values], dtype=float)
        img = pg.ImageItem(np.nan_to_num(grid))
        img.setColorMap(pg.colormap.get("viridis"))
        self.plot.addItem(img)
        self.plot.getAxis("left").setTicks([[(i + 0.5, n) for i, n in enumerate(data.names)]])
        step = max(1, len(data.xs) // 15)
        self.plot.getAxis("bottom").setTicks(
            [[(i + 0.5, str(x)) for i, x in enumerate(data.xs) if i % step == 0]]
        )
        self.plot.getAxis("bottom").setLabel(data.x)
        self.plot.getPlotItem().invertY(True)  # the first "from" state on top, as in a table
        self.plot.autoRange()
        self._xpos = np.arange(len(data.xs), dtype=float) + 0.5
        self.items.append(img)

    def _histogram(self, data: ChartData) -> None:
        values = np.array([v for v in data.samples if v is not None and math.isfinite(v)])
        if not len(values):
            values = np.array([_num(x) for x in data.xs])
        counts, edges = np.histogram(values, bins=min(60, max(10, int(np.sqrt(len(values))))))
        scale = 100.0 if data.percent else 1.0
        bar = pg.BarGraphItem(
            x0=edges[:-1] * scale, x1=edges[1:] * scale, height=counts, brush=PALETTE[0]
        )
        self.plot.addItem(bar)
        self.items.append(bar)
        self._xpos = (edges[:-1] + edges[1:]) / 2 * scale
        self._hist = counts
        for m in data.marks:
            line = pg.InfiniteLine(
                m * scale,
                angle=90,
                pen=pg.mkPen("#d62728", width=2, style=pg.QtCore.Qt.DashLine),
                label=f"cap {m * scale:.2f}{'%' if data.percent else ''}",
                labelOpts={"position": 0.9, "color": "#d62728"},
            )
            self.plot.addItem(line)
            self.items.append(line)
        self.plot.getAxis("bottom").setLabel(data.x + (" (%)" if data.percent else ""))

    # --- hover -----------------------------------------------------------------------

    def tooltip_at(self, x: float) -> str:
        """The text shown when hovering at chart x-coordinate ``x``."""
        data = self.data
        if data is None or not len(self._xpos):
            return ""
        i = int(np.argmin(np.abs(self._xpos - x)))
        if data.kind == "histogram":
            return f"{data.x} ≈ {self._xpos[i]:.2f}: {int(self._hist[i]):,}"
        if i >= len(data.xs):
            return ""
        parts = [f"{data.x}: {data.xs[i]}"]
        for name, v in zip(data.names, data.values[i], strict=True):
            fv = _num(v)
            text = "" if math.isnan(fv) else (f"{fv:.2%}" if data.percent else f"{fv:,.2f}")
            parts.append(f"{name}: {text}")
        return "\n".join(parts)

    def _hover(self, pos: QPointF) -> None:
        if self.data is None or not self.plot.sceneBoundingRect().contains(pos):
            return
        point = self.plot.plotItem.vb.mapSceneToView(pos)
        text = self.tooltip_at(point.x())
        if text:
            QToolTip.showText(QCursor.pos(), text, self.plot)

    # --- export ----------------------------------------------------------------------

    def to_png(self, width: int = 900) -> bytes:
        """The chart as PNG bytes (for the report); empty when there is no chart."""
        if self.data is None or self.plot.isHidden():
            return b""
        # Rendered by grabbing the widget at the asked width (pyqtgraph's ImageExporter,
        # with PySide6 6.12, left objects that crashed the interpreter at exit).
        old_size = self.size()
        if self.width() != width:
            self.resize(width, max(300, int(width * 0.55)))
        image = self.plot.grab().toImage()
        self.resize(old_size)
        if image.isNull():
            return b""
        buf = QByteArray()
        dev = QBuffer(buf)
        dev.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(dev, "PNG")
        dev.close()
        return bytes(buf.data())
