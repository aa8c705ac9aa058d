"""Draw the logo mark of the fictional clinic Fjordhelse.

This script is the source of ``images/fjordhelse-logo.png`` (licence: CC BY
4.0, leafdeck), the logo of an example clinic for physiotherapy and
occupational therapy on the Norwegian west coast. It draws, in code only, a
simple flat mark: a fjord seen from the sea, two steep mountain slopes that
meet at the water line, with a wave line below, inside a rounded square in
the clinic's primary colour. There is no text: the clinic name is printed
beside the mark.

The slopes differ by grey value as well as by colour (white in front, the
pale secondary colour behind, parted by a thin line of the primary colour),
so the mark also reads when printed in black and white.

Run from the project root::

    python images/src/draw_logo.py

It draws at 4x size, downsamples with LANCZOS to 800 x 800 px and writes an
RGBA PNG (transparent outside the rounded square, for white paper and slides)
without metadata, so the output is byte-for-byte reproducible.
Needs Pillow.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

# --------------------------------------------------------------------------
# Canvas
# --------------------------------------------------------------------------
SIZE = 800  # final width and height in pixels
SS = 4  # supersampling factor
# The geometry below is written in units of the mark's width (0..1).
MARGIN = 0.02  # free border round the rounded square
CORNER = 0.22  # corner radius of the rounded square

OUT = Path(__file__).resolve().parents[1] / "fjordhelse-logo.png"

# --------------------------------------------------------------------------
# Palette (luma in the comment)
# --------------------------------------------------------------------------
PRIMARY = (0x0F, 0x5C, 0x55)  # dark teal, luma ~73: ground and sky
SECONDARY = (0x7F, 0xB8, 0xAE)  # pale teal, luma ~166: the far slope
WHITE = (255, 255, 255)  # luma 255: the near slope, the wave


def pt(x, y):
    """Unit coordinates -> supersampled canvas coordinates."""
    return (x * SIZE * SS, y * SIZE * SS)


def shape(pts):
    return [pt(x, y) for x, y in pts]


def lw(w):
    """Line width in units of the mark's width -> supersampled pixels."""
    return max(1, round(w * SIZE * SS))


def rounded_square(d, fill):
    lo, hi = pt(MARGIN, MARGIN), pt(1 - MARGIN, 1 - MARGIN)
    d.rounded_rectangle([lo, hi], radius=CORNER * SIZE * SS, fill=fill)


def rounded_corners(pts, radii, n=16):
    """A closed polygon with its corners rounded: corner i is replaced by a
    quadratic Bezier curve that starts and ends radii[i] along its edges."""
    out = []
    m = len(pts)
    for i in range(m):
        p0, p1, p2 = pts[i - 1], pts[i], pts[(i + 1) % m]
        if not radii[i]:
            out.append(p1)
            continue
        a = _towards(p1, p0, radii[i])
        b = _towards(p1, p2, radii[i])
        for k in range(n + 1):
            t = k / n
            out.append(tuple((1 - t) ** 2 * a[j] + 2 * t * (1 - t) * p1[j] + t * t * b[j] for j in range(2)))
    return out


def _towards(p, q, r):
    """The point r from p towards q (at most halfway)."""
    d = math.hypot(q[0] - p[0], q[1] - p[1])
    f = min(r, d / 2) / d
    return (p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f)


# --------------------------------------------------------------------------
# Geometry, in units of the mark's width (x to the right, y downwards)
# --------------------------------------------------------------------------
WATER_Y = 0.64  # where the slopes meet the sea
PEAK_R = 0.05  # how round the summits are
FOOT_R = 0  # the feet of the slopes stay sharp

# the near mountain on the left, white, in front of the far one; its inner
# slope falls steeply into the fjord
NEAR_SLOPE = [(0.13, WATER_Y), (0.37, 0.24), (0.64, WATER_Y)]
# the far mountain on the right, pale, partly behind it
FAR_SLOPE = [(0.41, WATER_Y), (0.65, 0.34), (0.87, WATER_Y)]
SLOPE_RADII = [FOOT_R, PEAK_R, FOOT_R]
GAP = 0.016  # the line of ground colour that parts them

WAVE_Y, WAVE_AMP, WAVE_W = 0.765, 0.024, 0.042
WAVE_X0, WAVE_X1, WAVE_PERIODS = 0.15, 0.85, 2.5


def wave_line(n=600):
    """The wave as a dense polyline: a sine over WAVE_PERIODS periods."""
    return [
        (WAVE_X0 + (WAVE_X1 - WAVE_X0) * i / n, WAVE_Y - WAVE_AMP * math.sin(2 * math.pi * WAVE_PERIODS * i / n))
        for i in range(n + 1)
    ]


# --------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------
def draw_slopes(d):
    d.polygon(shape(rounded_corners(FAR_SLOPE, SLOPE_RADII)), fill=SECONDARY)
    near = rounded_corners(NEAR_SLOPE, SLOPE_RADII)
    # a thin line of ground colour along the near mountain's inner slope
    # parts it from the far one: from the summit, straight on past the foot,
    # where the water line cuts it off
    (px, py), (fx, fy) = NEAR_SLOPE[1], NEAR_SLOPE[2]
    k = 3 * GAP / math.hypot(fx - px, fy - py)
    inner = [p for p in near if p[0] >= px] + [(fx + (fx - px) * k, fy + (fy - py) * k)]
    d.line(shape(inner), fill=PRIMARY, width=lw(2 * GAP), joint="curve")
    d.polygon(shape(near), fill=WHITE)
    d.rectangle([pt(0, WATER_Y), pt(1, WATER_Y + 4 * GAP)], fill=PRIMARY)


def draw_wave(d):
    """The wave with a round brush: discs close together along the line,
    which gives round ends and smooth joins."""
    r = WAVE_W / 2 * SIZE * SS
    for x, y in wave_line():
        cx, cy = pt(x, y)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=WHITE)


def main():
    art = Image.new("RGB", (SIZE * SS, SIZE * SS), PRIMARY)
    d = ImageDraw.Draw(art)
    draw_slopes(d)
    draw_wave(d)

    # everything outside the rounded square is transparent
    alpha = Image.new("L", art.size, 0)
    rounded_square(ImageDraw.Draw(alpha), 255)
    art.putalpha(alpha)

    out = art.resize((SIZE, SIZE), Image.LANCZOS)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    out.save(OUT, format="PNG", optimize=True, dpi=(300, 300))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
