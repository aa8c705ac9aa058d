"""Draw the leafdeck heel artwork: a schematic side view of the heel and foot.

This script is the source of the artwork ``images/heel-side-view.png``
(licence: CC BY 4.0, leafdeck). It draws, in code only, a flat textbook-style
medial (inner side) view of the lower leg, heel and foot, heel to the left
and toes to the right, and marks four structures with numbered circles
(no words, so the picture serves every language):

1. calcaneus (heel bone), stippled like cancellous bone;
2. plantar fascia, a dark fibrous band from the medial tubercle of the
   calcaneus along the sole to the base of the big toe;
3. heel spur, a dark bony beak pointing forward from the calcaneus at the
   origin of the plantar fascia;
4. heel fat pad, a lobulated cushion between the calcaneus and the skin.

The Achilles tendon (at the back of the heel), the tibia and the bones of the arch
(talus, navicular, medial cuneiform, first metatarsal, big-toe phalanges) are
drawn without a marker. Every structure differs by grey value and by outline
or texture, so the picture also works when printed in black and white.

Run from the project root::

    python images/src/draw_heel.py

It draws at 4x size, downsamples with LANCZOS to 2400 x 1500 px and writes an
RGB PNG without metadata, so the output is byte-for-byte reproducible.
Needs Pillow and fontpkg-fira-sans (digits in Fira Sans Bold).
"""

from __future__ import annotations

import math
import random
import sys
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
# The geometry below is written in "base" units (about 75 units per cm of a
# real foot); this maps it onto the final canvas.
K = 1.08  # base units -> final pixels
OX, OY = -22, -113  # offset on the final canvas, in final pixels

OUT = Path(__file__).resolve().parents[1] / "heel-side-view.png"
FONT_PATH = Path(fontpkg_fira_sans.ROOT) / "files" / "FiraSans-Bold.ttf"

# --------------------------------------------------------------------------
# Palette: each tissue has its own grey value (luma in the comment) and its
# own outline or texture, so nothing depends on colour alone.
# --------------------------------------------------------------------------
WHITE = (255, 255, 255)
INK = (40, 36, 34)  # outlines, markers
SKIN_LINE = (70, 58, 52)
SOFT = (247, 229, 214)  # soft tissue inside the skin, luma ~233
CUT_LINE = (150, 140, 132)
BONE = (252, 250, 243)  # other bones, luma ~250
BONE_LINE = (120, 110, 100)
CALC = (222, 204, 160)  # calcaneus, luma ~205, stippled
CALC_DOT = (150, 126, 84)
CALC_LINE = (60, 50, 40)
SPUR = (172, 140, 84)  # heel spur, luma ~147
FAT = (255, 246, 196)  # fat pad, luma ~243, lobules
FAT_LINE = (176, 138, 62)
FASCIA = (84, 100, 140)  # plantar fascia, luma ~100, fibres
FASCIA_FIBRE = (196, 206, 228)
FASCIA_LINE = (30, 36, 60)
TENDON = (176, 186, 208)  # Achilles tendon, luma ~185, fibres
TENDON_FIBRE = (120, 132, 160)
TENDON_LINE = (80, 88, 110)
NAIL = (252, 240, 232)


VIEW = View(W, H, K, OX, OY, SS)
pt, S, circle, lw = VIEW.pt, VIEW.points, VIEW.circle, VIEW.line_width


def Canvas():  # noqa: N802 - reads like the class it makes
    return _Canvas(VIEW)


# --------------------------------------------------------------------------
# Geometry, in base units (x to the toes, y downwards; the sole at y ~1155)
# --------------------------------------------------------------------------
SKIN = [
    # front of the leg, from the cut down to the ankle
    (800, 80),
    (804, 300),
    (798, 450),
    (800, 530),
    (818, 585),
    # dorsum of the foot
    (872, 616),
    (1000, 657),
    (1150, 705),
    (1300, 765),
    (1450, 835),
    (1600, 905),
    (1720, 956),
    (1800, 982),
    # big toe with the nail
    (1890, 990),
    (1990, 992),
    (2085, 1004),
    (2152, 1030),
    (2190, 1074),
    (2184, 1118),
    (2148, 1146),
    (2075, 1155),
    # plantar surface of the toe, the crease, the ball of the foot
    (1990, 1155),
    (1900, 1150),
    (1825, 1143),
    (1760, 1153),
    (1660, 1155),
    # medial longitudinal arch
    (1560, 1143),
    (1420, 1122),
    (1260, 1112),
    (1060, 1120),
    (880, 1144),
    (740, 1155),
    # heel
    (480, 1156),
    (370, 1145),
    (305, 1116),
    (264, 1064),
    (248, 1000),
    (250, 930),
    (264, 858),
    (282, 785),
    (296, 700),
    (302, 600),
    (300, 400),
    (296, 200),
    (292, 80),
]

CALCANEUS = [
    # posterior-superior corner, then down the back (Achilles insertion)
    (326, 778),
    (296, 800),
    (282, 838),
    (277, 885),
    (280, 940),
    (294, 990),
    # posterior-inferior corner and the plantar (medial) tubercle
    (322, 1024),
    (368, 1040),
    (420, 1045),
    (458, 1037),
    # plantar surface rising forward to the anterior tubercle
    (490, 1021),
    (540, 1001),
    (640, 970),
    (740, 942),
    (800, 932),
    # calcaneocuboid face and anterior process
    (846, 916),
    (872, 890),
    (878, 846),
    (862, 818),
    (800, 805),
    # sustentaculum tali (medial shelf) and the sulcus
    (730, 796),
    (660, 790),
    (622, 802),
    # posterior talar facet (highest point) and the shallow dip behind it
    (572, 772),
    (505, 743),
    (445, 756),
    (395, 772),
    (358, 774),
]

# heel spur: a beak from the front of the medial tubercle, pointing forward
# along the upper side of the fascia origin
SPUR_PTS = [
    (440, 1038),
    (480, 1043),
    (520, 1043),
    (560, 1041),
    (602, 1037),
    (572, 1027),
    (542, 1016),
    (514, 1004),
    (478, 1006),
    (450, 1022),
]

TALUS = [
    # posterior process, body with the trochlea (dome), neck, head
    (446, 758),
    (428, 730),
    (436, 668),
    (470, 600),
    (540, 566),
    (620, 562),
    (690, 580),
    (730, 622),
    (790, 652),
    (850, 672),
    (900, 690),
    (927, 728),
    (926, 775),
    (900, 806),
    (850, 812),
    (790, 798),
    (730, 786),
    (665, 784),
    (618, 793),
    (578, 768),
    (506, 738),
]

TIBIA = [
    (574, 60),
    (570, 300),
    (546, 440),
    (500, 520),
    (472, 560),
    (476, 612),
    (497, 660),
    (532, 688),
    (572, 680),
    (596, 642),
    (610, 596),
    (640, 574),
    (700, 574),
    (730, 540),
    (746, 440),
    (758, 300),
    (762, 60),
]

NAVICULAR = [
    (936, 700),
    (975, 690),
    (1010, 704),
    (1024, 760),
    (1020, 830),
    (1004, 868),
    (976, 888),
    (950, 878),
    (941, 842),
    (938, 806),
    (944, 760),
    (940, 730),
]

CUNEIFORM = [
    (1034, 722),
    (1090, 726),
    (1150, 748),
    (1166, 800),
    (1170, 880),
    (1150, 920),
    (1088, 924),
    (1042, 892),
    (1032, 832),
    (1030, 772),
]

METATARSAL = [
    (1182, 762),
    (1232, 772),
    (1300, 806),
    (1450, 876),
    (1600, 948),
    (1655, 988),
    (1700, 994),
    (1740, 1010),
    (1752, 1050),
    (1736, 1085),
    (1700, 1096),
    (1660, 1088),
    (1628, 1066),
    (1550, 1028),
    (1400, 962),
    (1280, 926),
    (1230, 920),
    (1188, 918),
    (1176, 840),
]

PHALANX_PROX = [
    (1764, 1004),
    (1800, 1012),
    (1900, 1028),
    (1958, 1030),
    (1976, 1056),
    (1962, 1084),
    (1900, 1082),
    (1800, 1092),
    (1766, 1090),
    (1776, 1048),
]

PHALANX_DIST = [
    (1990, 1035),
    (2060, 1046),
    (2118, 1064),
    (2136, 1088),
    (2110, 1102),
    (2050, 1097),
    (1994, 1088),
    (1984, 1060),
]

TOENAIL = [
    (2070, 1004),
    (2128, 1016),
    (2160, 1036),
    (2150, 1046),
    (2110, 1034),
    (2068, 1024),
]

FAT_PAD = [
    (268, 900),
    (286, 940),
    (294, 988),
    (320, 1024),
    (366, 1041),
    (420, 1047),
    (490, 1088),
    (560, 1090),
    (650, 1092),
    (740, 1100),
    (775, 1118),
    (710, 1138),
    (600, 1147),
    (480, 1149),
    (370, 1139),
    (308, 1109),
    (272, 1060),
    (259, 1000),
]

# plantar fascia: centre line and thickness, from the medial tubercle to the
# base of the proximal phalanx of the big toe
FASCIA_C = [
    (400, 1015),
    (450, 1052),
    (510, 1062),
    (600, 1063),
    (800, 1064),
    (1000, 1063),
    (1200, 1069),
    (1400, 1084),
    (1600, 1106),
    (1712, 1120),
    (1785, 1109),
    (1818, 1096),
]
FASCIA_W = [40, 46, 44, 40, 35, 31, 27, 24, 22, 20, 17, 10]

ACHILLES_C = [
    (378, 60),
    (372, 300),
    (356, 550),
    (334, 700),
    (306, 800),
    (290, 880),
    (292, 940),
]
ACHILLES_W = [76, 68, 56, 46, 42, 40, 30]


CUT_Y = 230  # where the lower leg is cut off


def wavy_cut(x0, x1, y, amp=12, waves=2.0):
    n = 60
    return [(x0 + (x1 - x0) * i / n, y + amp * math.sin(2 * math.pi * waves * i / n)) for i in range(n + 1)]


# --------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------
def draw_soft_tissue(cv):
    skin = spline(SKIN, closed=False)
    cv.fill(skin, SOFT)
    return skin


def draw_achilles(cv):
    outline, c, normals, hw = band(ACHILLES_C, ACHILLES_W)
    cv.fill(outline, TENDON)
    clip = cv.mask(outline)

    def fibres(d):
        for f in (-0.6, -0.2, 0.2, 0.6):
            line = [(c[i][0] + normals[i][0] * hw[i] * f, c[i][1] + normals[i][1] * hw[i] * f) for i in range(len(c))]
            d.line(S(line), fill=255, width=lw(2.2), joint="curve")

    cv.texture(clip, fibres, TENDON_FIBRE)
    cv.stroke(outline, TENDON_LINE, 2.5)


def draw_fat_pad(cv):
    outline = spline(FAT_PAD)
    cv.fill(outline, FAT)
    clip = cv.mask(outline)
    rng = random.Random(4)

    def lobules(d):
        r = 17
        dy = r * 1.75
        row = 0
        y = 950.0
        while y < 1160:
            x = 240.0 + (r if row % 2 else 0)
            while x < 790:
                jx, jy = rng.uniform(-3, 3), rng.uniform(-3, 3)
                rr = r * rng.uniform(0.78, 0.92)
                cx, cy = pt(x + jx, y + jy)
                rx, ry = rr * K * SS, rr * K * SS * 0.85
                d.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], outline=255, width=lw(2.2))
                x += 2 * r
            y += dy
            row += 1

    cv.texture(clip, lobules, FAT_LINE)
    cv.stroke(outline, FAT_LINE, 2.5)


def draw_fascia(cv):
    outline, c, normals, hw = band(FASCIA_C, FASCIA_W)
    cv.fill(outline, FASCIA)
    clip = cv.mask(outline)

    def fibres(d):
        for f in (-0.5, 0.0, 0.5):
            line = [(c[i][0] + normals[i][0] * hw[i] * f, c[i][1] + normals[i][1] * hw[i] * f) for i in range(len(c))]
            d.line(S(line), fill=255, width=lw(2.0), joint="curve")

    cv.texture(clip, fibres, FASCIA_FIBRE)
    cv.stroke(outline, FASCIA_LINE, 2.5)


def draw_bone(cv, pts, fill=BONE, line=BONE_LINE, width=3):
    cv.shape(spline(pts), fill, line, width)


def draw_calcaneus_and_spur(cv):
    calc = spline(CALCANEUS)
    spur = spline(SPUR_PTS, n=10)
    # common outline: stroke both, then fill both so that only the outer
    # half of the strokes stays visible (no line where spur meets bone)
    cv.stroke(calc, CALC_LINE, 8)
    cv.stroke(spur, CALC_LINE, 8)
    cv.fill(calc, CALC)
    cv.fill(spur, CALC)
    clip = cv.mask(calc)
    rng = random.Random(1)

    def stipple(d):
        step = 13
        for gy in range(760, 1070, step):
            for gx in range(270, 880, step):
                x = gx + rng.uniform(-4.5, 4.5)
                y = gy + rng.uniform(-4.5, 4.5)
                r = rng.uniform(1.6, 2.6)
                circle(d, x, y, r, fill=255)

    cv.texture(clip, stipple, CALC_DOT)
    # the spur itself: darker, solid bone
    spur_only = ImageChops.subtract(cv.mask(spur), clip)
    cv.img.paste(SPUR, mask=spur_only)


def draw_cut(cv):
    """Break line where the lower leg is cut off at the top."""
    cut = wavy_cut(270, 825, CUT_Y)
    cv.fill([(230, CUT_Y - 200), (850, CUT_Y - 200)] + cut[::-1], WHITE)
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


def main():
    cv = Canvas()
    font = ImageFont.truetype(str(FONT_PATH), 58 * SS)

    skin = draw_soft_tissue(cv)
    draw_achilles(cv)
    draw_fat_pad(cv)
    draw_fascia(cv)
    draw_bone(cv, TALUS)
    draw_bone(cv, TIBIA)
    draw_bone(cv, NAVICULAR)
    draw_bone(cv, CUNEIFORM)
    draw_bone(cv, METATARSAL)
    draw_bone(cv, PHALANX_PROX)
    draw_bone(cv, PHALANX_DIST)
    draw_calcaneus_and_spur(cv)
    cv.shape(spline(TOENAIL, n=8), NAIL, SKIN_LINE, 2.5)
    draw_skin_line(cv, skin)
    draw_cut(cv)

    # 1 calcaneus, 2 plantar fascia, 3 heel spur, 4 heel fat pad
    marker(cv, font, 1, (110, 790), (420, 890))
    marker(cv, font, 2, (1200, 1340), (1200, 1067))
    marker(cv, font, 3, (680, 1340), (540, 1030))
    marker(cv, font, 4, (170, 1340), (350, 1100))

    out = cv.img.resize((W, H), Image.LANCZOS)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    out.save(OUT, format="PNG", optimize=True, dpi=(300, 300))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
