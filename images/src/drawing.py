"""Drawing helpers shared by leafdeck's artwork scripts (draw_heel.py, draw_wrist.py).

Each picture is written in its own "base" units; a :class:`View` maps them onto a supersampled canvas
(final pixels x ``supersample``), so the geometry reads in natural numbers and the output is drawn at
4x and downsampled, which keeps edges smooth and the bytes reproducible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw

WHITE = (255, 255, 255)


@dataclass(frozen=True)
class View:
    """Base units -> supersampled canvas: ``(offset + scale * base) * supersample``."""

    width: int  # final size in pixels
    height: int
    scale: float  # base units -> final pixels
    offset_x: float  # offset on the final canvas, in final pixels
    offset_y: float
    supersample: int = 4

    def pt(self, x, y):
        return (
            (self.offset_x + self.scale * x) * self.supersample,
            (self.offset_y + self.scale * y) * self.supersample,
        )

    def points(self, pts):
        return [self.pt(x, y) for x, y in pts]

    def circle(self, d, x, y, r, **kw):
        """Circle at base point (x, y) with radius r in final pixels."""
        cx, cy = self.pt(x, y)
        s = self.supersample
        d.ellipse([cx - r * s, cy - r * s, cx + r * s, cy + r * s], **kw)

    def line_width(self, w):
        """Line width in final pixels -> supersampled width."""
        return max(1, round(w * self.supersample))


def spline(points, closed=True, n=14):
    """Uniform Catmull-Rom spline through the points, as a dense polyline."""
    pts = list(points)
    if closed:
        ext = [pts[-1]] + pts + pts[:2]
    else:
        ext = [pts[0]] + pts + [pts[-1]]
    out = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        for k in range(n):
            t = k / n
            t2, t3 = t * t, t * t * t
            out.append(
                tuple(
                    0.5
                    * (
                        2 * p1[j]
                        + (-p0[j] + p2[j]) * t
                        + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                        + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3
                    )
                    for j in range(2)
                )
            )
    if not closed:
        out.append(pts[-1])
    return out


def band(center, widths, n=14):
    """Closed outline of a band of varying width along a centre line.

    Returns (outline, centre polyline, normals, half widths)."""
    c = spline(center, closed=False, n=n)
    m = len(c)
    # widths given per control point: interpolate along the samples
    hw = []
    for i in range(m):
        f = i / (m - 1) * (len(widths) - 1)
        k = min(int(f), len(widths) - 2)
        t = f - k
        hw.append((widths[k] * (1 - t) + widths[k + 1] * t) / 2)
    normals = []
    for i in range(m):
        a = c[max(i - 1, 0)]
        b = c[min(i + 1, m - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        d = math.hypot(dx, dy) or 1.0
        normals.append((-dy / d, dx / d))
    left = [(c[i][0] + normals[i][0] * hw[i], c[i][1] + normals[i][1] * hw[i]) for i in range(m)]
    right = [(c[i][0] - normals[i][0] * hw[i], c[i][1] - normals[i][1] * hw[i]) for i in range(m)]
    return left + right[::-1], c, normals, hw


class Canvas:
    """A white supersampled RGB canvas with the few primitives the pictures are made of."""

    def __init__(self, view: View):
        self.view = view
        self.img = Image.new("RGB", (view.width * view.supersample, view.height * view.supersample), WHITE)
        self.d = ImageDraw.Draw(self.img)

    def mask(self, outline):
        m = Image.new("L", self.img.size, 0)
        ImageDraw.Draw(m).polygon(self.view.points(outline), fill=255)
        return m

    def fill(self, outline, colour):
        self.d.polygon(self.view.points(outline), fill=colour)

    def stroke(self, poly, colour, width, closed=True):
        pts = self.view.points(poly)
        if closed:
            pts = pts + pts[:2]
        self.d.line(pts, fill=colour, width=self.view.line_width(width), joint="curve")

    def shape(self, outline, colour, line, width):
        self.fill(outline, colour)
        self.stroke(outline, line, width)

    def texture(self, clip, draw_fn, colour):
        """Draw a texture with draw_fn(ImageDraw) and paint it inside clip."""
        t = Image.new("L", self.img.size, 0)
        draw_fn(ImageDraw.Draw(t))
        self.img.paste(colour, mask=ImageChops.multiply(t, clip))
