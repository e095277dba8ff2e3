"""Server-rendered chart geometry: numbers in, SVG coordinates out (templates draw them beside a table)."""

from decimal import Decimal

WIDTH, HEIGHT, MARGIN = 600, 240, 8


def line_points(values, width=WIDTH, height=HEIGHT, margin=MARGIN):
    """SVG polyline points for a series from its first value down to zero or up to its maximum."""
    values = list(values)
    top = max(values, default=Decimal(0)) or Decimal(1)
    steps = max(len(values) - 1, 1)
    points = []
    for index, value in enumerate(values):
        x = margin + (width - 2 * margin) * index / steps
        y = margin + (height - 2 * margin) * (1 - float(value / top))
        points.append(f"{x:.1f},{y:.1f}")
    return " ".join(points)


BAR_WIDTH, BAR_ROW, BAR_HEIGHT, BAR_LABEL = 480, 44, 16, 17


def horizontal_bars(fractions, width=BAR_WIDTH, margin=MARGIN, row=BAR_ROW, height=BAR_HEIGHT):
    """One row per fraction of a whole (0 to 1), from the top: a baseline for its label, then a bar as long
    as that fraction of the full width. Returns the bars and the height of the whole chart."""
    usable = width - 2 * margin
    bars = []
    for index, fraction in enumerate(fractions):
        top = margin + row * index
        bars.append(
            {
                "label_y": f"{top + BAR_LABEL:.1f}",
                "x": f"{margin:.1f}",
                "y": f"{top + row - height - 4:.1f}",
                "width": f"{usable * float(fraction):.1f}",
                "height": f"{height:.1f}",
            }
        )
    return bars, 2 * margin + row * len(bars)
