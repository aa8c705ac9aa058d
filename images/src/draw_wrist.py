"""Draw the leafdeck carpal tunnel artwork: the right hand seen from the palm side.

This script is the source of two pictures for the leaflet about carpal tunnel
syndrome (licence: CC BY 4.0, leafdeck). Both draw, in code only, a flat
textbook-style volar (palm side) view of the right hand and wrist lying flat,
forearm coming in from the left, fingers pointing right, so the thumb is at the
bottom and the little finger at the top. There are no words in the pictures,
so they serve every language.

``images/carpal-tunnel-wrist.png`` shows the structures under a see-through
skin and marks four of them with numbered circles:

1. median nerve, yellow with a bold outline and stippled, from the forearm
   under the ligament through the carpal tunnel into the palm, where it gives
   a small branch to the thenar muscles and digital nerves to both sides of
   the thumb, index and middle finger and the thumb side of the ring finger;
2. transverse carpal ligament (flexor retinaculum), a dark band with
   crosswise fibres across the base of the palm: the roof of the tunnel.
   It is drawn partly see-through, so the nerve and tendons can be followed
   underneath it;
3. flexor tendons, pale bands with lengthwise fibres, running through the
   tunnel beside the nerve to the four fingers and the thumb;
4. thenar muscles (ball of the thumb), striated muscle.

``images/carpal-tunnel-numb-area.png`` shows the skin only, with the area that
goes numb or tingles in carpal tunnel syndrome shaded by a darker tone plus
hatching: the palm side of the thumb, index and middle finger and the
thumb-side half of the ring finger, from where each finger leaves the palm.
The palm stays plain: its skin nerve (the palmar branch) leaves the median
nerve above the wrist and does not pass through the tunnel, so the palm is
usually spared, which helps to tell the syndrome from other causes.

The finger, palm and wrist creases help to recognise the hand; the bones,
the ulnar nerve and the other muscles are left out to keep the pictures calm.
Every structure differs by grey value and by outline or texture, so the
pictures also work when printed in black and white.

Run from the project root::

    python images/src/draw_wrist.py

It draws at 4x size, downsamples with LANCZOS to 2400 x 1500 px and writes RGB
PNGs without metadata, so the output is byte-for-byte reproducible.
Needs Pillow and fontpkg-fira-sans (digits in Fira Sans Bold).
"""

from __future__ import annotations

import math
import random
import sys
from collections import namedtuple
from pathlib import Path

import fontpkg_fira_sans
from PIL import Image, ImageChops, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from drawing import Canvas as _Canvas
from drawing import View, band, spline

# --------------------------------------------------------------------------
# Canvas
# --------------------------------------------------------------------------
W, H = 2400, 1500  # final size in pixels (16:10)
SS = 4  # supersampling factor
# The geometry below is written in "base" units (about 72 units per cm of a
# real hand); this maps it onto the final canvas.
K = 1.05  # base units -> final pixels
OX, OY = -50, -40  # offset on the final canvas, in final pixels

IMAGES = Path(__file__).resolve().parents[1]
OUT_WRIST = IMAGES / "carpal-tunnel-wrist.png"
OUT_NUMB = IMAGES / "carpal-tunnel-numb-area.png"
FONT_PATH = Path(fontpkg_fira_sans.ROOT) / "files" / "FiraSans-Bold.ttf"

# --------------------------------------------------------------------------
# Palette: each tissue has its own grey value (luma in the comment) and its
# own outline or texture, so nothing depends on colour alone.
# --------------------------------------------------------------------------
WHITE = (255, 255, 255)
INK = (40, 36, 34)  # outlines, markers
SKIN_LINE = (70, 58, 52)
SOFT = (247, 229, 214)  # skin, luma ~233
CREASE = (160, 128, 112)  # skin creases, luma ~138
CUT_LINE = (150, 140, 132)
NERVE = (240, 196, 40)  # median nerve, luma ~191, stippled
NERVE_DOT = (130, 92, 10)
NERVE_LINE = (70, 50, 10)
LIG = (60, 74, 108)  # transverse carpal ligament, luma ~77
LIG_FIBRE = (150, 164, 196)  # crosswise fibres
LIG_LINE = (24, 30, 50)
LIG_OPACITY = 0.72  # the nerve and tendons show through
TENDON = (208, 216, 232)  # flexor tendons, luma ~216, fibres
TENDON_FIBRE = (128, 140, 168)
TENDON_LINE = (86, 94, 118)
MUSCLE = (186, 100, 88)  # thenar muscles, luma ~124, striated
MUSCLE_STRIPE = (134, 62, 52)
MUSCLE_LINE = (110, 50, 42)
NUMB = (236, 160, 120)  # area the nerve supplies, luma ~178
NUMB_HATCH = (168, 86, 56)  # hatching over it, luma ~107
NUMB_EDGE = (120, 56, 36)


VIEW = View(W, H, K, OX, OY, SS)
pt, S, circle, lw = VIEW.pt, VIEW.points, VIEW.circle, VIEW.line_width


def Canvas():  # noqa: N802 - reads like the class it makes
    return _Canvas(VIEW)


def offset_line(c, normals, hw, f):
    """The line at fraction f (-1..1) of the half width across a band."""
    return [(c[i][0] + normals[i][0] * hw[i] * f, c[i][1] + normals[i][1] * hw[i] * f) for i in range(len(c))]


# --------------------------------------------------------------------------
# Geometry, in base units (x towards the fingertips, y downwards: the little
# finger side at the top, the thumb side at the bottom)
# --------------------------------------------------------------------------
# A finger: centre of its base (the crease where it leaves the palm), angle of
# its axis in degrees (0 = pointing right, negative = up), length of its palm
# side from the base to the tip, half widths at base and tip, and where the
# joint creases sit, as fractions of the length.
Finger = namedtuple("Finger", "base angle length w_base w_tip creases")

LITTLE = Finger((1455, 428), -13, 405, 50, 42, (0.40, 0.72))
RING = Finger((1540, 566), -5, 510, 57, 48, (0.40, 0.72))
MIDDLE = Finger((1562, 708), 0, 565, 60, 50, (0.40, 0.72))
INDEX = Finger((1536, 850), 6, 500, 60, 51, (0.40, 0.72))
FINGERS = (LITTLE, RING, MIDDLE, INDEX)  # little finger side first
# the thumb from its metacarpophalangeal joint to the tip; its metacarpal lies
# in the ball of the thumb
THUMB = Finger((1140, 1066), 22, 355, 80, 66, (0.52,))
THUMB_WEB_T = 0.30  # where the first web space meets the thumb

# the edges of the forearm and palm outside the fingers (they run on beyond
# the cut on the left)
ULNAR_EDGE = [
    (150, 438),
    (260, 442),
    (500, 456),
    (700, 472),
    (790, 476),
    (880, 468),
    (1000, 442),
    (1120, 410),
    (1250, 388),
    (1350, 378),
]
FIRST_WEB = [(1452, 948), (1372, 996)]
THENAR_EDGE = [
    (1070, 1128),
    (1000, 1094),
    (932, 1050),
    (866, 994),
    (818, 954),
    (770, 938),
    (600, 940),
    (400, 948),
    (260, 952),
    (150, 956),
]

CUT_X = 260  # where the forearm is cut off
WRIST_X = 790  # distal wrist crease


def axis(f):
    """Unit vectors along (u) and across (n, towards the thumb side) a finger."""
    a = math.radians(f.angle)
    return (math.cos(a), math.sin(a)), (-math.sin(a), math.cos(a))


def half_width(f, s):
    """Half width of a finger at distance s from its base, with a slight
    waist at each joint crease."""
    t = s / f.length
    w = f.w_base + (f.w_tip - f.w_base) * t
    for c in f.creases:
        w *= 1 - 0.05 * math.exp(-(((t - c) / 0.06) ** 2))
    return w


def finger_pt(f, t, side):
    """Point at fraction t of the finger's length, `side` half widths across
    (-1 = little finger side, +1 = thumb side)."""
    (ux, uy), (nx, ny) = axis(f)
    s = t * f.length
    w = half_width(f, s) * side
    return (f.base[0] + ux * s + nx * w, f.base[1] + uy * s + ny * w)


def finger_contour(f, t_top=0.0):
    """Control points round a finger: out along the little finger side from
    t_top, round the tip, back along the thumb side to the base."""
    (ux, uy), (nx, ny) = axis(f)
    tip_r = f.w_tip
    tip_s = f.length - 1.1 * tip_r  # centre of the rounded tip
    ts = [t for t in (0.0, 0.07, 0.2, 0.40, 0.56, 0.72, 0.84) if t * f.length < tip_s]
    top = [finger_pt(f, t, -1) for t in ts if t >= t_top]
    bottom = [finger_pt(f, t, 1) for t in reversed(ts)]
    cx, cy = f.base[0] + ux * tip_s, f.base[1] + uy * tip_s
    tip = []
    for deg in (-60, -30, 0, 30, 60):
        a = math.radians(deg)
        along, across = 1.1 * tip_r * math.cos(a), tip_r * math.sin(a)
        tip.append((cx + ux * along + nx * across, cy + uy * along + ny * across))
    return top + tip + bottom


def web(f, g):
    """The rounded web between the bases of two neighbouring fingers: a half
    circle from the thumb side of f to the little finger side of g."""
    a, b = finger_pt(f, 0, 1), finger_pt(g, 0, -1)
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    ex, ey = a[0] - mx, a[1] - my
    r = math.hypot(ex, ey)
    (ux, uy), _ = axis(f)
    return [
        (mx + ex * math.cos(p) - ux * r * math.sin(p), my + ey * math.cos(p) - uy * r * math.sin(p))
        for p in (math.pi / 4, math.pi / 2, 3 * math.pi / 4)
    ]


def hand_outline():
    """The skin outline, from the forearm's little finger side round the
    fingers and the thumb to its thumb side (open at the cut)."""
    pts = list(ULNAR_EDGE)
    for i, f in enumerate(FINGERS):
        pts += finger_contour(f)
        if i + 1 < len(FINGERS):
            pts += web(f, FINGERS[i + 1])
    pts += FIRST_WEB
    pts += finger_contour(THUMB, t_top=THUMB_WEB_T)
    pts += THENAR_EDGE
    return spline(pts, closed=False)


# transverse carpal ligament: from the pisiform and hook of the hamate (top)
# to the scaphoid and trapezium (bottom), just beyond the distal wrist crease
LIGAMENT = [
    (800, 562),
    (850, 544),
    (940, 544),
    (990, 560),
    (984, 705),
    (992, 850),
    (945, 868),
    (850, 870),
    (800, 855),
    (808, 705),
]

# thenar muscles (abductor and flexor pollicis brevis, opponens), from the
# ligament and the trapezium to the base of the thumb
THENAR = [
    (1000, 860),
    (1075, 898),
    (1140, 950),
    (1180, 1005),
    (1196, 1050),
    (1180, 1086),
    (1136, 1104),
    (1076, 1102),
    (1006, 1070),
    (938, 1026),
    (872, 968),
    (830, 926),
    (838, 888),
    (900, 872),
]

# median nerve trunk: forearm -> carpal tunnel -> division in the palm
DIVISION = (1030, 810)
NERVE_TRUNK = [(150, 752), (400, 762), (650, 776), (800, 790), (900, 798), (990, 804), DIVISION]
NERVE_TRUNK_W = [40, 40, 41, 42, 38, 38, 36]


def digital_nerve(f, side, lead, lead_w, ts=(0.1, 0.4, 0.7, 0.9)):
    """A nerve from the lead-in points along one side of a finger."""
    c = list(lead) + [finger_pt(f, t, 0.55 * side) for t in ts]
    return c, list(lead_w) + [14, 12, 10, 7][-len(ts) :]


def web_split(f1, f2):
    """Where a common digital nerve divides: in the palm before a web."""
    a, c = finger_pt(f1, 0, -1), finger_pt(f2, 0, 1)
    return ((a[0] + c[0]) / 2 - 70, (a[1] + c[1]) / 2)


def nerve_branches():
    """(centre line, widths) of every part of the median nerve in the palm.

    Beyond the ligament the nerve divides in two: the lateral division gives
    the branch to the thenar muscles and the nerves of the thumb and of the
    index finger's thumb side, the medial division the two common digital
    nerves that divide again near the webs."""
    lateral, medial = (1085, 862), (1140, 784)
    b = [([DIVISION, lateral], [34, 26]), ([DIVISION, medial], [34, 26])]
    # recurrent (motor) branch hooking back into the thenar muscles
    b.append(([(1060, 850), (1040, 892), (1010, 924), (972, 944)], [14, 12, 10, 8]))
    # first common digital nerve, to both sides of the thumb
    split = (1135, 965)
    b.append(([lateral, (1110, 915), split], [24, 21, 19]))
    b.append(digital_nerve(THUMB, -1, [split], [17]))
    # the thumb's radial digital nerve crosses the ball of the thumb
    b.append(digital_nerve(THUMB, 1, [split, (1145, 1050)], [17, 15], ts=(0.25, 0.5, 0.9)))
    # the thumb side of the index finger
    b.append(digital_nerve(INDEX, 1, [lateral, (1200, 895), (1340, 912)], [20, 17, 15]))
    # second and third common digital nerves, dividing near the webs
    for f1, f2, mid in ((INDEX, MIDDLE, (1290, 790)), (MIDDLE, RING, (1290, 720))):
        split = web_split(f1, f2)
        b.append(([medial, mid, split], [22, 20, 17]))
        b.append(digital_nerve(f1, -1, [split], [16]))
        b.append(digital_nerve(f2, 1, [split], [16]))
    return b


def tendon_path(f, y_tunnel, via):
    """Centre line and widths of a flexor tendon: straight through the
    forearm and the tunnel (at height y_tunnel), through `via` in the palm,
    then along the finger to the end joint."""
    spread = (y_tunnel - 700) / 100
    c = [(150, y_tunnel + 10 * spread), (450, y_tunnel + 5 * spread), (800, y_tunnel), (990, y_tunnel), via]
    c += [finger_pt(f, t, 0) for t in (0.0, 0.4, 0.78)]
    return c, [46, 46, 46, 46, 42, 36, 32, 26]


TENDONS = [
    tendon_path(LITTLE, 612, (1260, 530)),
    tendon_path(RING, 660, (1280, 606)),
    tendon_path(MIDDLE, 710, (1290, 710)),
    tendon_path(INDEX, 758, (1270, 800)),
]
# flexor pollicis longus: deepest and most radial in the tunnel, to the thumb
FPL = (
    [
        (150, 852),
        (450, 845),
        (800, 838),
        (990, 840),
        (1080, 945),
        THUMB.base,
        finger_pt(THUMB, 0.5, 0),
        finger_pt(THUMB, 0.78, 0),
    ],
    [46, 46, 46, 44, 40, 36, 32, 26],
)

# palm creases (only on the skin picture)
PALM_CREASES = [
    # distal palmar crease, from below the little finger to the index web
    [(1300, 392), (1370, 470), (1420, 560), (1440, 640), (1470, 760)],
    # proximal palmar crease, from the first web across the palm
    [(1345, 972), (1290, 860), (1240, 750), (1200, 650), (1170, 570)],
    # thenar crease round the ball of the thumb, to the wrist
    [(1335, 984), (1230, 905), (1110, 845), (990, 812), (890, 786), (826, 740)],
]
DISTAL_WRIST_CREASE = [(WRIST_X + 8, 478), (WRIST_X - 2, 600), (WRIST_X - 6, 700), (WRIST_X + 8, 926)]
WRIST_CREASES = [DISTAL_WRIST_CREASE, [(WRIST_X - 52, 472), (WRIST_X - 64, 700), (WRIST_X - 52, 932)]]

# The median nerve's skin area in carpal tunnel syndrome: the palm side of the thumb, index and
# middle finger and the thumb-side half of the ring finger, from where each finger leaves the palm.
# The palm itself is spared: its skin nerve (the palmar cutaneous branch) leaves the median nerve
# above the wrist and does not pass through the tunnel, so it is drawn plain.
NUMB_FINGERS = (THUMB, INDEX, MIDDLE)


def finger_area(f):
    """The whole palm side of a finger, closed across its base."""
    return finger_contour(f)


def finger_half(f):
    """The thumb-side half of a finger: from its base along the middle to the tip, back along the
    thumb side."""
    contour = finger_contour(f)
    tip_s = f.length - 1.1 * f.w_tip
    middle = [finger_pt(f, t, 0) for t in (0.0, 0.2, 0.4, 0.6, 0.8) if t * f.length < tip_s]
    (ux, uy), _ = axis(f)
    tip = (f.base[0] + ux * (tip_s + 1.1 * f.w_tip), f.base[1] + uy * (tip_s + 1.1 * f.w_tip))
    thumb_side = contour[len(contour) // 2 + 1 :]  # from just past the tip back to the base
    return middle + [tip] + thumb_side


def wavy_cut(x, y0, y1, amp=12, waves=2.0):
    n = 60
    return [(x + amp * math.sin(2 * math.pi * waves * i / n), y0 + (y1 - y0) * i / n) for i in range(n + 1)]


# --------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------
def draw_skin(cv, skin):
    cv.fill(skin, SOFT)


def draw_tendon(cv, center, widths):
    outline, c, normals, hw = band(center, widths)
    cv.fill(outline, TENDON)
    clip = cv.mask(outline)

    def fibres(d):
        for f in (-0.55, 0.0, 0.55):
            d.line(S(offset_line(c, normals, hw, f)), fill=255, width=lw(2.0), joint="curve")

    cv.texture(clip, fibres, TENDON_FIBRE)
    cv.stroke(outline, TENDON_LINE, 2.5)


def draw_tendons(cv):
    for center, widths in TENDONS + [FPL]:
        draw_tendon(cv, center, widths)


def draw_thenar(cv):
    outline = spline(THENAR)
    cv.fill(outline, MUSCLE)
    clip = cv.mask(outline)

    def striations(d):
        # parallel fibres along the muscle, from its origin to the thumb
        a = math.radians(38)
        ux, uy, nx, ny = math.cos(a), math.sin(a), -math.sin(a), math.cos(a)
        for k in range(-30, 31):
            ox, oy = 1010 + nx * 11 * k, 970 + ny * 11 * k
            line = [(ox - ux * 400, oy - uy * 400), (ox + ux * 400, oy + uy * 400)]
            d.line(S(line), fill=255, width=lw(2.2))

    cv.texture(clip, striations, MUSCLE_STRIPE)
    cv.stroke(outline, MUSCLE_LINE, 2.5)


def draw_nerve(cv):
    parts = [band(NERVE_TRUNK, NERVE_TRUNK_W)[0]]
    parts += [band(c, w)[0] for c, w in nerve_branches()]
    # outline all parts, then fill all: only the outer edge of the strokes
    # stays, so the branches join the trunk without a seam
    for p in parts:
        cv.stroke(p, NERVE_LINE, 6)
    clip = Image.new("L", cv.img.size, 0)
    for p in parts:
        cv.fill(p, NERVE)
        clip = ImageChops.lighter(clip, cv.mask(p))
    rng = random.Random(7)

    def stipple(d):
        step = 9
        for gy in range(380, 1320, step):
            for gx in range(0, 2200, step):
                x = gx + rng.uniform(-3, 3)
                y = gy + rng.uniform(-3, 3)
                circle(d, x, y, rng.uniform(1.3, 2.0), fill=255)

    cv.texture(clip, stipple, NERVE_DOT)


def draw_ligament(cv):
    """The ligament over the tunnel, partly see-through."""
    outline = spline(LIGAMENT)
    clip = cv.mask(outline)
    box = clip.getbbox()
    under = cv.img.crop(box)
    roof = Canvas()
    roof.fill(outline, LIG)

    def fibres(d):
        # fibres run across the hand, from one side of the wrist to the other
        for x in range(790, 1040, 13):
            line = [(x + 6 * math.sin(i / 3), 520 + 40 * i) for i in range(11)]
            d.line(S(line), fill=255, width=lw(2.4), joint="curve")

    roof.texture(clip, fibres, LIG_FIBRE)
    mixed = Image.blend(under, roof.img.crop(box), LIG_OPACITY)
    cv.img.paste(mixed, box[:2], mask=clip.crop(box))
    cv.stroke(outline, LIG_LINE, 3.5)


def draw_crease(cv, f, t):
    """A short skin crease across a finger at fraction t of its length,
    bowed slightly towards the tip."""
    crease = [finger_pt(f, t + 0.012 * (1 - k * k), k) for k in (-0.62, -0.3, 0, 0.3, 0.62)]
    cv.stroke(spline(crease, closed=False, n=8), CREASE, 2.5, closed=False)


def draw_finger_creases(cv):
    for f in FINGERS:
        pip, dip = f.creases
        # the crease at the base of the finger, a double one at the middle
        # joint, a single one at the end joint
        for t in (0.03, pip - 0.018, pip + 0.018, dip):
            draw_crease(cv, f, t)
    draw_crease(cv, THUMB, THUMB.creases[0])


def draw_palm_creases(cv):
    for crease in PALM_CREASES + WRIST_CREASES:
        cv.stroke(spline(crease, closed=False), CREASE, 3, closed=False)


def draw_numb_area(cv, skin):
    """Tone plus hatching over the median nerve's skin area (fingers only; the palm is spared)."""
    areas = [spline(finger_area(f)) for f in NUMB_FINGERS] + [spline(finger_half(RING))]
    clip = Image.new("L", cv.img.size, 0)
    for area in areas:
        clip = ImageChops.lighter(clip, cv.mask(area))
    clip = ImageChops.multiply(clip, cv.mask(skin))
    cv.img.paste(NUMB, mask=clip)

    def hatch(d):
        for k in range(-70, 130):
            x0 = 400 + 19 * k
            d.line(S([(x0, 300), (x0 + 1200, 1500)]), fill=255, width=lw(2.4))

    cv.texture(clip, hatch, NUMB_HATCH)

    def edge(d):  # where the area ends: each finger's base, and the middle of the ring finger
        for f in NUMB_FINGERS + (RING,):
            d.line(S([finger_pt(f, 0, -1), finger_pt(f, 0, 1)]), fill=255, width=lw(4))
        middle = [finger_pt(RING, t, 0) for t in (0.0, 0.25, 0.5, 0.75, 0.92)]
        d.line(S(middle), fill=255, width=lw(4), joint="curve")

    cv.texture(cv.mask(skin), edge, NUMB_EDGE)


def draw_cut(cv):
    """Break line where the forearm is cut off on the left."""
    cut = wavy_cut(CUT_X, 380, 1030)
    cv.fill([(CUT_X - 300, 380)] + cut + [(CUT_X - 300, 1030)], WHITE)
    cv.stroke(cut, CUT_LINE, 3, closed=False)


def draw_skin_line(cv, skin):
    cv.stroke(skin, SKIN_LINE, 5, closed=False)


def marker(cv, font, num, at, target):
    """Numbered circle at `at` with a leader line to `target` (base units)."""
    r = 42  # circle radius in final pixels
    (ax, ay), (tx, ty) = pt(*at), pt(*target)
    d = math.hypot(tx - ax, ty - ay)
    sx, sy = ax + (tx - ax) * r * SS / d, ay + (ty - ay) * r * SS / d
    # leader with a white halo so that it stays visible over dark tissue
    cv.d.line([(sx, sy), (tx, ty)], fill=WHITE, width=lw(9))
    cv.d.line([(sx, sy), (tx, ty)], fill=INK, width=lw(3))
    circle(cv.d, *target, 10, fill=WHITE)
    circle(cv.d, *target, 6.5, fill=INK)
    circle(cv.d, *at, r, fill=WHITE, outline=INK, width=lw(4.5))
    cv.d.text((ax, ay + 1 * SS), str(num), font=font, fill=INK, anchor="mm")


MARGIN = 24  # final pixels of white kept round the drawing


def save(cv, path):
    """Downsample, then trim the white round the drawing: a leaflet places pictures by height,
    so white margins would only make the drawing smaller on paper."""
    out = cv.img.resize((W, H), Image.LANCZOS)
    ink = (
        ImageChops.difference(out, Image.new("RGB", out.size, WHITE)).convert("L").point(lambda v: 255 if v > 8 else 0)
    )
    left, top, right, bottom = ink.getbbox()
    out = out.crop((max(0, left - MARGIN), max(0, top - MARGIN), min(W, right + MARGIN), min(H, bottom + MARGIN)))
    path.parent.mkdir(parents=True, exist_ok=True)
    out.save(path, format="PNG", optimize=True, dpi=(300, 300))
    print(f"wrote {path}")


def draw_wrist_picture(skin):
    cv = Canvas()
    font = ImageFont.truetype(str(FONT_PATH), 58 * SS)
    draw_skin(cv, skin)
    draw_tendons(cv)
    draw_thenar(cv)
    draw_nerve(cv)
    draw_ligament(cv)
    draw_finger_creases(cv)
    draw_skin_line(cv, skin)
    draw_cut(cv)

    # 1 median nerve, 2 transverse carpal ligament, 3 flexor tendons,
    # 4 thenar muscles
    marker(cv, font, 1, (420, 1220), (560, 773))
    marker(cv, font, 2, (900, 200), (915, 600))
    marker(cv, font, 3, (1250, 200), (1110, 643))
    marker(cv, font, 4, (880, 1260), (1040, 1010))
    save(cv, OUT_WRIST)


def draw_numb_picture(skin):
    cv = Canvas()
    draw_skin(cv, skin)
    draw_numb_area(cv, skin)
    draw_palm_creases(cv)
    draw_finger_creases(cv)
    draw_skin_line(cv, skin)
    draw_cut(cv)
    save(cv, OUT_NUMB)


def main():
    skin = hand_outline()
    draw_wrist_picture(skin)
    draw_numb_picture(skin)


if __name__ == "__main__":
    main()
