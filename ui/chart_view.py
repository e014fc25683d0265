"""Charts of check results with pyqtgraph, drawn from the core's ChartData.

Kinds: series over time (line), bars and stacked bars, vintage curves (line, one series per
vintage), a roll-rate heatmap, a failure-rate timeline with incident windows and findings
shaded, and an APR histogram with the cap drawn as a line.

Each chart is sized to its data: the view's range is set from every series, every shaded
window and every reference line (a cap beyond the data still shows), never from what happens to
be on screen. The legend sits below the plot, outside the data, and names the shading too;
dates and categories get ticks spaced by the room they have (``chart_axes``). Long series are
downsampled to the screen ('peak'); hovering shows the nearest point's values; ``to_png``
renders the chart for the Excel report. This module and ``chart_axes`` are the only ones that
import pyqtgraph.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QToolTip, QVBoxLayout, QWidget

from auditor.results.chart_data import ChartData
from ui.chart_axes import BottomAxis

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"]  # fmt: skip
FINDING_SHADE = QColor(214, 39, 40, 70)
INCIDENT_SHADE = QColor(255, 160, 0, 70)
DOWNSAMPLE_FROM = 2_000  # points; shorter series are drawn as they are
SMOOTH_POINTS = 300  # lines with more points are drawn without antialiasing (far faster)
LEGEND_ROW = 4  # the plot's layout row under the bottom axis
TITLE_PT = 10


def _title_font() -> QFont:
    font = QFont()
    font.setPointSize(TITLE_PT)
    return font


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


def _span(values: list[float], pad: float = 0.03) -> tuple[float, float]:
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        return 0.0, 1.0
    lo, hi = min(finite), max(finite)
    width = hi - lo or abs(hi) or 1.0
    return lo - width * pad, hi + width * pad


class ChartView(QWidget):
    def __init__(self, parent: QWidget | None = None, *, antialias: bool = True) -> None:
        """``antialias`` off draws several times faster (the report's images, drawn on the
        GUI thread one per turn, need that); long lines are drawn without it anyway."""
        super().__init__(parent)
        pg.setConfigOptions(background="w", foreground="k")
        self.antialias = antialias
        self.empty = QLabel(self.tr("No chart for this result."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.addWidget(self.empty)
        self.empty.hide()
        self.data: ChartData | None = None
        self._xpos: np.ndarray = np.zeros(0)
        self._hist: np.ndarray = np.zeros(0)
        self.items: list[Any] = []
        self.legend_names: list[str] = []
        self._samples: list[Any] = []  # legend samples for shading (kept alive)
        self.title = ""
        # One plot for the life of the view, reset for each chart: with PySide6 6.12,
        # deleting pyqtgraph plots and making new ones crashed the interpreter at exit.
        self.axis = BottomAxis()
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis})
        self.plot.setAntialiasing(antialias)
        self.plot.scene().sigMouseMoved.connect(self._hover)
        self.lay.insertWidget(0, self.plot)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setGrid(50)  # not showGrid: it drives the context menu
        # Parented before it joins the layout, so that Qt owns it (as pyqtgraph's own
        # addLegend does): an item both Python and Qt think they own is freed twice.
        self.axis.setParentItem(self.plot.plotItem)
        self.legend = pg.LegendItem(colCount=4, frame=False, labelTextSize="9pt")
        self.legend.setParentItem(self.plot.plotItem)
        self.plot.plotItem.layout.addItem(self.legend, LEGEND_ROW, 1)
        self._legend_shown = True
        self._show_legend(False)

    # --- drawing ---------------------------------------------------------------------

    def _reset(self) -> None:
        item = self.plot.plotItem
        item.clear()
        self.legend.clear()
        self.legend_names = []
        self._samples = []
        self._show_legend(False)
        left = item.getAxis("left")
        left.setTicks(None)
        left.setLabel("")
        left.showLabel(False)
        self.axis.setTicks(None)
        self.axis.setLabel("")
        self.axis.showLabel(False)
        self.axis.set_numbers()
        item.invertY(False)
        item.setTitle(None)
        item.enableAutoRange()

    def _show_legend(self, show: bool) -> None:
        """The legend's row under the plot: as tall as its entries, or none at all."""
        if show == self._legend_shown:
            return
        layout = self.plot.plotItem.layout
        layout.setRowMaximumHeight(LEGEND_ROW, 10_000 if show else 0)
        layout.setRowSpacing(LEGEND_ROW, 0)
        self.legend.setVisible(show)
        self._legend_shown = show

    def _add_legend(self, item: Any, name: str) -> None:
        self.legend.addItem(item, name)
        self.legend_names.append(name)
        self._fit_legend()
        self._show_legend(True)

    def _fit_legend(self) -> None:
        """As many legend columns as the width holds: the legend never widens the chart."""
        if not self.legend_names:
            return
        metrics = QFontMetrics(_title_font())
        entry = max(metrics.horizontalAdvance(n) for n in self.legend_names) + 40
        columns = max(1, min(len(self.legend_names), (self.width() - 60) // max(entry, 1)))
        if columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)

    def _shade_sample(self, colour: QColor, name: str) -> None:
        """A legend entry for shaded windows (a swatch of their colour)."""
        sample = pg.BarGraphItem(x=[0], height=[1], width=1, brush=colour, pen=None)
        self._samples.append(sample)
        self._add_legend(sample, name)

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
        self.title = data.title
        self._show_title()
        self.plot.setToolTip(data.title)
        if data.kind == "histogram":
            self._histogram(data)
        elif data.kind == "heatmap":
            self._heatmap(data)
        elif data.kind in ("bar", "stacked_bar"):
            self._bars(data, stacked=data.kind == "stacked_bar")
        else:
            self._lines(data)

    def _show_title(self) -> None:
        """The title, shortened to the width there is (the tooltip has it whole)."""
        if not self.title:
            return
        metrics = QFontMetrics(_title_font())
        width = max(80, self.width() - 70)
        text = metrics.elidedText(self.title, Qt.TextElideMode.ElideRight, width)
        self.plot.setTitle(text, size=f"{TITLE_PT}pt")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.data is not None:
            self._show_title()
            self._fit_legend()

    def _x_positions(self, xs: list[Any]) -> np.ndarray:
        """Positions for the x values; the axis shows dates, categories or numbers."""
        epochs = [_epoch(x) for x in xs]
        if xs and all(e is not None for e in epochs):
            self.axis.set_dates()
            return np.array(epochs, dtype=float)
        if xs and all(isinstance(x, int | float | Decimal) for x in xs):
            self.axis.set_numbers()
            return np.array([float(x) for x in xs])
        self.axis.set_categories([str(x) for x in xs])
        return np.arange(len(xs), dtype=float)

    def _lines(self, data: ChartData) -> None:
        x = self._x_positions(data.xs)
        self._xpos = x
        scale = 100.0 if data.percent else 1.0
        ys: list[float] = [0.0]
        smooth = self.antialias and len(x) * len(data.names) <= SMOOTH_POINTS
        for i, name in enumerate(data.names):
            y = np.array([_num(row[i]) for row in data.values]) * scale
            ys += [float(np.nanmin(y)), float(np.nanmax(y))] if np.isfinite(y).any() else []
            item = self.plot.plot(
                x, y, pen=pg.mkPen(PALETTE[i % len(PALETTE)], width=2), connect="finite",
                antialias=smooth,
            )  # fmt: skip
            if len(x) > DOWNSAMPLE_FROM:
                item.setDownsampling(auto=True, method="peak")
                item.setClipToView(True)
            self.items.append(item)
            if len(data.names) > 1:
                self._add_legend(item, name)
        xs = [float(x.min()), float(x.max())] if len(x) else [0.0, 1.0]
        span = xs[1] - xs[0]
        kinds: set[str] = set()
        for start, end, label in data.windows:
            a, b = _epoch(start), _epoch(end)
            if a is None or b is None:
                continue
            # At least a sliver of the chart wide, so an hour on a year's axis still shows.
            b = max(b, a + span * 0.004, a + 60)
            finding = label == "finding"
            kinds.add("finding" if finding else "incident")
            region = pg.LinearRegionItem(
                (a, b), movable=False, brush=FINDING_SHADE if finding else INCIDENT_SHADE,
                pen=pg.mkPen(None),
            )  # fmt: skip
            region.setZValue(-10)
            region.setToolTip(label)
            self.plot.addItem(region, ignoreBounds=True)
            self.items.append(region)
            xs += [a, b]
        if "incident" in kinds:
            self._shade_sample(INCIDENT_SHADE, self.tr("logged incident"))
        if "finding" in kinds:
            self._shade_sample(FINDING_SHADE, self.tr("finding"))
        if data.percent:
            self.plot.getAxis("left").setLabel("%")
        self.plot.setXRange(*_span(xs), padding=0)
        self.plot.setYRange(*_span(ys, 0.06), padding=0)

    def _bars(self, data: ChartData, stacked: bool) -> None:
        x = self._x_positions([str(v) for v in data.xs])  # categories, one bar group each
        self._xpos = x
        n = max(1, len(data.names))
        width = 0.8 if stacked else 0.8 / n
        base = np.zeros(len(x))
        top = np.zeros(len(x))
        low = 0.0
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
                pen=pg.mkPen("#ffffff", width=0.5),
            )
            self.plot.addItem(bar)
            self.items.append(bar)
            if n > 1:
                self._add_legend(bar, name)
            top = np.maximum(top, base + y if stacked else y)
            low = min(low, float(y.min()) if len(y) else 0.0)
            if stacked:
                base = base + y
        if data.percent:
            self.plot.getAxis("left").setLabel("%")
        self.plot.setXRange(-0.6, max(0.6, len(x) - 0.4), padding=0)
        high = float(top.max()) if len(top) else 1.0
        self.plot.setYRange(low * 1.08, (high or 1.0) * 1.08, padding=0)

    def _heatmap(self, data: ChartData) -> None:
        grid = np.array([[_num(v) for v in row] for row in data.values], dtype=float)
        img = pg.ImageItem(np.nan_to_num(grid))
        img.setColorMap(pg.colormap.get("viridis"))
        # Cells centred on whole numbers, so the category axis labels them where they are.
        img.setRect(QRectF(-0.5, -0.5, len(data.xs), len(data.names)))
        self.plot.addItem(img)
        self.plot.getAxis("left").setTicks([[(float(i), n) for i, n in enumerate(data.names)]])
        self.axis.set_categories([str(x) for x in data.xs])
        self.axis.setLabel(data.x)
        self.plot.getPlotItem().invertY(True)  # the first "from" state on top, as in a table
        self.plot.setXRange(-0.5, len(data.xs) - 0.5, padding=0)
        self.plot.setYRange(-0.5, len(data.names) - 0.5, padding=0)
        self._xpos = np.arange(len(data.xs), dtype=float)
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
        xs = [float(edges[0] * scale), float(edges[-1] * scale)]
        for m in data.marks:
            line = pg.InfiniteLine(
                m * scale,
                angle=90,
                pen=pg.mkPen("#d62728", width=2, style=Qt.PenStyle.DashLine),
                label=self.tr("cap {0}").format(f"{m * scale:.2f}{'%' if data.percent else ''}"),
                labelOpts={"position": 0.92, "color": "#d62728", "anchors": [(1, 0), (1, 0)]},
            )
            self.plot.addItem(line, ignoreBounds=True)
            self.items.append(line)
            xs.append(float(m * scale))
        self.axis.setLabel(data.x + (" (%)" if data.percent else ""))
        self.plot.setXRange(*_span(xs, 0.05), padding=0)
        self.plot.setYRange(0, float(counts.max() or 1) * 1.08, padding=0)

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
