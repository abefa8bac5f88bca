"""Demo pictures drawn with Pillow at run time, so the repository ships and downloads none.

Each picture evokes its subject: a sasirangan cloth in its motif and dye colours, a river
at dawn, the floating market, a dish, jewellery on velvet, hills and a lake, a mosque.
No text is drawn: captions and alt text carry the words, in each language.

Deterministic: the subject and every random choice come from the title's hash, so the
same title always gives the same bytes (the seed is idempotent and runs in tests).
"""

import hashlib
import io
import math
import random

from PIL import Image, ImageDraw

# Sasirangan dyes: kesumba red, turmeric yellow, indigo, leaf green, mangosteen purple,
# ulin brown; each cloth is dyed in one ground colour with a lighter and a darker tone.
DYES = {
    "kesumba": ("#9e1b32", "#f3c623", "#3b0a14"),
    "kunyit": ("#e0a526", "#7a2e0e", "#fff1c1"),
    "indigo": ("#1d3557", "#a8dadc", "#f1c453"),
    "daun": ("#2d6a4f", "#d8f3dc", "#f4a261"),
    "manggis": ("#5a189a", "#f72585", "#ffd6ff"),
    "ulin": ("#6f4518", "#ffe8d6", "#b08968"),
}

# Motif name (as the catalogue spells it, lower case) -> (drawing, its usual dye).
MOTIFS = {
    "gigi haruan": ("teeth", "kesumba"),
    "kambang kacang": ("flowers", "daun"),
    "naga balimbur": ("dragon", "manggis"),
    "bayam raja": ("leaves", "daun"),
    "ombak sinapur karang": ("waves", "indigo"),
    "kulat karikit": ("mushrooms", "ulin"),
    "hiris pudak": ("stripes", "kunyit"),
    "ramak sahang": ("pepper", "kesumba"),
}

# Words in a title -> subject, checked in order (Indonesian and English).
SUBJECT_WORDS = [
    (
        "market",
        ("pasar terapung", "floating market", "tanggui", "purun", "bakul", "tikar"),
    ),
    ("boat", ("jukung", "klotok", "perahu", "boat")),
    (
        "jewellery",
        (
            "intan",
            "cincin",
            "kalung",
            "gelang",
            "anting",
            "liontin",
            "kecubung",
            "akik",
            "permata",
            "mutiara",
            "diamond",
        ),
    ),
    (
        "food",
        (
            "wadai",
            "soto",
            "ketupat",
            "bingka",
            "dodol",
            "amplang",
            "kue",
            "gula",
            "kuliner",
            "lontong",
            "apam",
            "cake",
            "food",
        ),
    ),
    ("mosque", ("masjid", "mosque", "religi")),
    (
        "hills",
        ("bukit", "riam", "waduk", "loksado", "meratus", "pulau", "hill", "lake"),
    ),
    ("river", ("sungai", "siring", "menara", "river", "kota seribu")),
]


def _rng(title: str) -> random.Random:
    return random.Random(hashlib.sha256(title.encode()).digest())  # noqa: S311 - art


def subject_for(title: str) -> str:
    lowered = title.lower()
    if any(motif in lowered for motif in MOTIFS) or "sasirangan" in lowered:
        return "sasirangan"
    for subject, words in SUBJECT_WORDS:
        if any(word in lowered for word in words):
            return subject
    return "sasirangan"


def draw_demo_image(
    title: str, size: tuple[int, int] = (1200, 800), subject: str | None = None
) -> bytes:
    """A JPEG of the given size, always the same bytes for the same title and subject."""
    rng = _rng(title)
    subject = subject or subject_for(title)
    image = Image.new("RGB", size, "#ffffff")
    draw = ImageDraw.Draw(image)
    PAINTERS.get(subject, _sasirangan)(draw, size, rng, title)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80, optimize=True)
    return out.getvalue()


# --- helpers ---------------------------------------------------------------------------
def _gradient(draw, size, top, bottom, y0=0, y1=None):
    width, height = size
    y1 = height if y1 is None else y1
    top_rgb = _rgb(top)
    bottom_rgb = _rgb(bottom)
    span = max(1, y1 - y0)
    for y in range(y0, y1):
        t = (y - y0) / span
        colour = tuple(
            round(a + (b - a) * t) for a, b in zip(top_rgb, bottom_rgb, strict=True)
        )
        draw.line([(0, y), (width, y)], fill=colour)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _jukung(draw, x, y, length, colour="#5b3a1e", rng=None):
    """A long, low wooden boat with upturned ends."""
    h = length / 7
    draw.polygon(
        [
            (x, y - h * 0.6),
            (x + length * 0.12, y + h * 0.4),
            (x + length * 0.88, y + h * 0.4),
            (x + length, y - h * 0.6),
            (x + length * 0.8, y),
            (x + length * 0.2, y),
        ],
        fill=colour,
    )


def _tanggui(draw, cx, cy, radius, colour="#e9c46a"):
    """The wide, flat hat of the floating-market traders."""
    draw.ellipse(
        [cx - radius, cy - radius * 0.28, cx + radius, cy + radius * 0.28], fill=colour
    )
    draw.ellipse(
        [cx - radius * 0.3, cy - radius * 0.45, cx + radius * 0.3, cy], fill=colour
    )


def _ripples(draw, size, y0, rng, colour, count=40):
    width, height = size
    for _ in range(count):
        y = rng.uniform(y0 + 4, height - 4)
        x = rng.uniform(-50, width)
        length = rng.uniform(30, 160) * (0.5 + (y - y0) / max(1, height - y0))
        draw.line([(x, y), (x + length, y)], fill=colour, width=2)


# --- subjects --------------------------------------------------------------------------
def _sasirangan(draw, size, rng, title):
    lowered = title.lower()
    pattern, dye = next(
        (value for motif, value in MOTIFS.items() if motif in lowered),
        (rng.choice([p for p, _ in MOTIFS.values()]), rng.choice(list(DYES))),
    )
    ground, light, dark = DYES[dye]
    width, height = size
    draw.rectangle([0, 0, width, height], fill=ground)
    step = max(36, min(width, height) // rng.choice([7, 8, 9]))
    MOTIF_PAINTERS[pattern](draw, size, step, light, dark, rng)
    # The jelujur running stitch that resists the dye leaves dotted lines between rows.
    for y in range(step // 2, height, step * 2):
        for x in range(0, width, 14):
            draw.line([(x, y), (x + 6, y)], fill=light, width=2)


def _motif_teeth(draw, size, step, light, dark, rng):
    width, height = size
    for row, y in enumerate(range(0, height + step, step)):
        colour = light if row % 2 else dark
        for x in range(-step, width + step, step):
            offset = step // 2 if row % 2 else 0
            draw.polygon(
                [
                    (x + offset, y),
                    (x + offset + step, y),
                    (x + offset + step / 2, y + step * 0.8),
                ],
                fill=colour,
            )


def _motif_flowers(draw, size, step, light, dark, rng):
    width, height = size
    for row, y in enumerate(range(step // 2, height + step, step)):
        for x in range(step // 2 + (step // 2 if row % 2 else 0), width + step, step):
            r = step * 0.16
            for k in range(5):
                angle = k * 2 * math.pi / 5
                px, py = x + math.cos(angle) * r * 1.5, y + math.sin(angle) * r * 1.5
                draw.ellipse([px - r, py - r, px + r, py + r], fill=light)
            draw.ellipse(
                [x - r * 0.7, y - r * 0.7, x + r * 0.7, y + r * 0.7], fill=dark
            )


def _motif_dragon(draw, size, step, light, dark, rng):
    width, height = size
    for band, y0 in enumerate(range(step, height + step, step * 2)):
        phase = rng.uniform(0, math.tau)
        body = [
            (x, y0 + step * 0.5 * math.sin(x / (step * 1.3) + phase))
            for x in range(-10, width + 20, 8)
        ]
        draw.line(body, fill=light, width=max(8, step // 3))
        for x, y in body[::4]:
            r = step * 0.09
            draw.ellipse([x - r, y - r, x + r, y + r], fill=dark)
        if band % 2 == 0:  # a head with a crest every other band
            hx, hy = body[len(body) // 3]
            draw.polygon(
                [(hx, hy - step * 0.5), (hx + step * 0.5, hy), (hx, hy + step * 0.3)],
                fill=light,
            )


def _motif_leaves(draw, size, step, light, dark, rng):
    width, height = size
    for row, y in enumerate(range(0, height + step, step)):
        for x in range(0, width + step, step):
            cx = x + (step // 2 if row % 2 else 0)
            draw.ellipse(
                [cx - step * 0.45, y - step * 0.18, cx, y + step * 0.18], fill=light
            )
            draw.ellipse(
                [cx, y - step * 0.18, cx + step * 0.45, y + step * 0.18], fill=light
            )
            draw.line(
                [(cx - step * 0.45, y), (cx + step * 0.45, y)], fill=dark, width=2
            )


def _motif_waves(draw, size, step, light, dark, rng):
    width, height = size
    for row, y0 in enumerate(range(0, height + step, step // 2)):
        colour = light if row % 2 else dark
        wave = [
            (x, y0 + step * 0.25 * math.sin(x / (step * 0.35) + row))
            for x in range(0, width + 6, 6)
        ]
        draw.line(wave, fill=colour, width=max(3, step // 10))


def _motif_mushrooms(draw, size, step, light, dark, rng):
    width, height = size
    for row, y in enumerate(range(step // 2, height + step, step)):
        for x in range(step // 2 + (step // 2 if row % 2 else 0), width + step, step):
            r = step * 0.28
            draw.pieslice([x - r, y - r, x + r, y + r], 180, 360, fill=light)
            draw.rectangle([x - r * 0.18, y, x + r * 0.18, y + r * 0.8], fill=light)
            draw.ellipse([x - 3, y - r * 0.6, x + 3, y - r * 0.6 + 6], fill=dark)


def _motif_stripes(draw, size, step, light, dark, rng):
    width, height = size
    for k, x in enumerate(range(-height, width, step // 2)):
        colour = light if k % 3 else dark
        draw.line([(x, height), (x + height, 0)], fill=colour, width=max(4, step // 6))


def _motif_pepper(draw, size, step, light, dark, rng):
    width, height = size
    for _ in range(int(width * height / (step * step) * 6)):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        r = rng.uniform(2, step * 0.12)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=rng.choice((light, dark)))


MOTIF_PAINTERS = {
    "teeth": _motif_teeth,
    "flowers": _motif_flowers,
    "dragon": _motif_dragon,
    "leaves": _motif_leaves,
    "waves": _motif_waves,
    "mushrooms": _motif_mushrooms,
    "stripes": _motif_stripes,
    "pepper": _motif_pepper,
}


def _river(draw, size, rng, title):
    width, height = size
    horizon = int(height * rng.uniform(0.42, 0.52))
    _gradient(draw, size, "#f6bd60", "#f7ede2", 0, horizon)
    sun_x = rng.uniform(0.2, 0.8) * width
    r = height * 0.08
    draw.ellipse(
        [sun_x - r, horizon - r * 1.4, sun_x + r, horizon + r * 0.6], fill="#f28482"
    )
    # Stilt houses (rumah lanting and panggung) along the far bank.
    x = 0
    while x < width:
        w = rng.uniform(0.06, 0.12) * width
        h = rng.uniform(0.08, 0.14) * height
        wall = rng.choice(("#84a59d", "#c9ada7", "#e9c46a", "#b5838d"))
        draw.rectangle([x, horizon - h, x + w, horizon], fill=wall)
        draw.polygon(
            [
                (x - w * 0.1, horizon - h),
                (x + w / 2, horizon - h * 1.5),
                (x + w * 1.1, horizon - h),
            ],
            fill="#6d4c41",
        )
        x += w + rng.uniform(4, 30)
    _gradient(draw, size, "#8d99ae", "#3d5a80", horizon, height)
    _ripples(draw, size, horizon, rng, "#e0fbfc", 60)
    for _ in range(rng.randint(1, 3)):
        length = rng.uniform(0.18, 0.3) * width
        _jukung(
            draw,
            rng.uniform(0, width - length),
            rng.uniform(horizon + 30, height - 30),
            length,
        )


def _market(draw, size, rng, title):
    width, height = size
    horizon = int(height * 0.3)
    _gradient(draw, size, "#ffd6a5", "#fdffb6", 0, horizon)
    draw.rectangle([0, horizon - height * 0.05, width, horizon], fill="#52796f")
    _gradient(draw, size, "#6c757d", "#354f52", horizon, height)
    _ripples(draw, size, horizon, rng, "#cad2c5", 40)
    rows = 3
    for row in range(rows):
        y = horizon + (row + 1) * (height - horizon) / (rows + 0.6)
        length = width * (0.26 + row * 0.05)
        x = rng.uniform(-length * 0.3, width * 0.1)
        while x < width:
            _jukung(draw, x, y, length, rng.choice(("#5b3a1e", "#7f5539", "#432818")))
            # Fruit and vegetables piled in the boat.
            for _ in range(9 + row * 3):
                fx = rng.uniform(x + length * 0.3, x + length * 0.85)
                fr = length * rng.uniform(0.02, 0.035)
                colour = rng.choice(
                    ("#f77f00", "#fcbf49", "#2a9d8f", "#d62828", "#80b918")
                )
                draw.ellipse([fx - fr, y - fr * 2.2, fx + fr, y], fill=colour)
            _tanggui(draw, x + length * 0.2, y - length * 0.08, length * 0.09)
            x += length * rng.uniform(1.05, 1.3)


def _boat(draw, size, rng, title):
    _river(draw, size, rng, title)
    width, height = size
    _jukung(draw, width * 0.15, height * 0.78, width * 0.7, "#6f1d1b")
    _tanggui(draw, width * 0.3, height * 0.7, width * 0.06)


def _food(draw, size, rng, title):
    width, height = size
    cloth = rng.choice(list(DYES))
    ground, light, dark = DYES[cloth]
    draw.rectangle([0, 0, width, height], fill="#d4a373")  # wooden table
    for y in range(0, height, 26):
        draw.line([(0, y), (width, y + rng.randint(-6, 6))], fill="#c08552", width=2)
    # A sasirangan runner under the plate.
    draw.rectangle([0, height * 0.6, width, height * 0.85], fill=ground)
    for x in range(0, width, 30):
        draw.polygon(
            [(x, height * 0.6), (x + 30, height * 0.6), (x + 15, height * 0.66)],
            fill=light,
        )
    cx, cy = width * rng.uniform(0.4, 0.6), height * 0.5
    r = min(width, height) * 0.34
    draw.ellipse(
        [cx - r, cy - r * 0.8, cx + r, cy + r * 0.8],
        fill="#f8f9fa",
        outline="#adb5bd",
        width=4,
    )
    # Little cakes (wadai) in bright colours, or ketupat diamonds.
    pieces = rng.randint(5, 8)
    for k in range(pieces):
        angle = k * math.tau / pieces + rng.uniform(-0.2, 0.2)
        px, py = cx + math.cos(angle) * r * 0.55, cy + math.sin(angle) * r * 0.42
        s = r * rng.uniform(0.14, 0.2)
        if rng.random() < 0.5:
            colour = rng.choice(("#e76f51", "#2a9d8f", "#f4a261", "#9d4edd", "#588157"))
            draw.rounded_rectangle(
                [px - s, py - s * 0.7, px + s, py + s * 0.7],
                radius=s * 0.3,
                fill=colour,
            )
        else:
            draw.polygon(
                [(px, py - s), (px + s, py), (px, py + s), (px - s, py)], fill="#a7c957"
            )
            draw.line(
                [(px - s / 2, py - s / 2), (px + s / 2, py + s / 2)],
                fill="#6a994e",
                width=3,
            )
            draw.line(
                [(px + s / 2, py - s / 2), (px - s / 2, py + s / 2)],
                fill="#6a994e",
                width=3,
            )
    bowl = r * 0.35
    draw.ellipse(
        [cx - bowl, cy - bowl * 0.7, cx + bowl, cy + bowl * 0.7], fill="#bc6c25"
    )
    draw.ellipse(
        [cx - bowl * 0.8, cy - bowl * 0.5, cx + bowl * 0.8, cy + bowl * 0.5],
        fill="#f2cc8f",
    )


def _jewellery(draw, size, rng, title):
    width, height = size
    _gradient(draw, size, "#240046", "#10002b")
    gem = rng.choice(("#9d4edd", "#48cae4", "#e5e5e5", "#f72585", "#ffbe0b"))
    metal = rng.choice(("#d4af37", "#c0c0c0"))
    cx, cy = width * 0.5, height * 0.55
    r = min(width, height) * 0.26
    # A necklace of beads (freshwater pearls) hanging in an arc.
    for k in range(25):
        t = k / 24
        x = width * 0.1 + t * width * 0.8
        y = height * 0.12 + math.sin(t * math.pi) * height * 0.22
        b = min(width, height) * 0.018
        draw.ellipse([x - b, y - b, x + b, y + b], fill="#f8f0e3")
    # A ring seen from the front, with a cut stone.
    draw.ellipse(
        [cx - r, cy - r * 0.55, cx + r, cy + r * 0.55],
        outline=metal,
        width=max(6, int(r * 0.12)),
    )
    s = r * 0.38
    top = cy - r * 0.55
    draw.polygon(
        [
            (cx - s, top),
            (cx - s * 0.6, top - s * 0.6),
            (cx + s * 0.6, top - s * 0.6),
            (cx + s, top),
            (cx, top + s * 0.9),
        ],
        fill=gem,
        outline="#ffffff",
    )
    draw.line([(cx - s, top), (cx + s, top)], fill="#ffffff", width=2)
    for _ in range(14):  # sparkles
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        k = rng.uniform(4, 12)
        draw.line([(x - k, y), (x + k, y)], fill="#ffffff", width=2)
        draw.line([(x, y - k), (x, y + k)], fill="#ffffff", width=2)


def _hills(draw, size, rng, title):
    width, height = size
    _gradient(draw, size, "#90e0ef", "#fefae0", 0, int(height * 0.55))
    r = height * 0.07
    sx = rng.uniform(0.15, 0.85) * width
    draw.ellipse([sx - r, height * 0.15, sx + r, height * 0.15 + 2 * r], fill="#ffb703")
    greens = ("#95d5b2", "#74c69d", "#52b788", "#40916c", "#2d6a4f")
    for layer, colour in enumerate(greens):
        base = height * (0.4 + layer * 0.08)
        points = [(0, height)]
        x = 0
        while x <= width + 40:
            points.append((x, base - rng.uniform(0, height * 0.12)))
            x += rng.uniform(60, 160)
        points.append((width, height))
        draw.polygon(points, fill=colour)
    if rng.random() < 0.6:  # the reservoir with its islands
        top = height * 0.72
        _gradient(draw, size, "#48cae4", "#0077b6", int(top), height)
        _ripples(draw, size, int(top), rng, "#caf0f8", 25)
        for _ in range(rng.randint(1, 3)):
            ix, iw = rng.uniform(0, width), rng.uniform(60, 180)
            draw.ellipse([ix, top + 10, ix + iw, top + 40], fill="#2d6a4f")


def _mosque(draw, size, rng, title):
    width, height = size
    _gradient(draw, size, "#a2d2ff", "#ffffff", 0, int(height * 0.75))
    draw.rectangle([0, height * 0.75, width, height], fill="#ccd5ae")
    cx = width / 2
    base = height * 0.75
    body_w, body_h = width * 0.4, height * 0.22
    draw.rectangle(
        [cx - body_w / 2, base - body_h, cx + body_w / 2, base], fill="#fefae0"
    )
    dome_r = body_w * 0.3
    draw.pieslice(
        [cx - dome_r, base - body_h - dome_r, cx + dome_r, base - body_h + dome_r],
        180,
        360,
        fill="#219ebc",
    )
    for side in (-1, 1):
        mx = cx + side * body_w * 0.75
        draw.rectangle([mx - 12, base - height * 0.5, mx + 12, base], fill="#fefae0")
        draw.polygon(
            [
                (mx - 16, base - height * 0.5),
                (mx + 16, base - height * 0.5),
                (mx, base - height * 0.58),
            ],
            fill="#219ebc",
        )
    for k in range(5):
        x = cx - body_w / 2 + body_w * (k + 0.5) / 5
        draw.rounded_rectangle(
            [x - 10, base - body_h * 0.7, x + 10, base - 8], radius=10, fill="#8ecae6"
        )


PAINTERS = {
    "sasirangan": _sasirangan,
    "river": _river,
    "market": _market,
    "boat": _boat,
    "food": _food,
    "jewellery": _jewellery,
    "hills": _hills,
    "mosque": _mosque,
}
