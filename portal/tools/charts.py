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
