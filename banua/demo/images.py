"""Demo pictures drawn with Pillow at run time, so the repository ships and downloads none.

Each picture is a sasirangan-like pattern (zigzags and waves) in a palette picked from its
title, with the title written on it, so every card in the demo looks different.
"""

import hashlib
import io
import math

from PIL import Image, ImageDraw, ImageFont

PALETTES = [
    ("#1b2a5c", "#f2b632", "#e3702d"),
    ("#0b6b4f", "#f6e7b0", "#c8442f"),
    ("#5b1f4d", "#f0a3c4", "#ffd166"),
    ("#13505b", "#8fd3c7", "#f4a259"),
    ("#6b2d0f", "#f2c14e", "#2f6690"),
    ("#2e294e", "#9ad1d4", "#ffd400"),
]


def _palette_for(title: str):
    digest = hashlib.sha256(title.encode()).digest()
    return PALETTES[digest[0] % len(PALETTES)], digest


def draw_demo_image(title: str, size: tuple[int, int] = (1200, 800)) -> bytes:
    """A JPEG of the given size, always the same bytes for the same title."""
    (base, light, accent), digest = _palette_for(title)
    width, height = size
    image = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(image)
    step = 40 + digest[1] % 40
    # Zigzag bands, as in the "gigi haruan" (fish teeth) motif.
    for row, y in enumerate(range(-step, height + step, step)):
        colour = light if row % 2 else accent
        points = [
            (x, y + (step // 2 if (x // step) % 2 else 0))
            for x in range(0, width + step, step)
        ]
        draw.line(points, fill=colour, width=max(4, step // 8))
    # Waves, as in "ombak sinapur karang".
    amplitude = step / 3
    for band in range(3):
        y0 = height * (band + 1) / 4
        wave = [
            (x, y0 + amplitude * math.sin((x + digest[2 + band]) / 35))
            for x in range(0, width, 6)
        ]
        draw.line(wave, fill=light, width=6)
    # A caption box with the title, for the demo only.
    font = ImageFont.load_default(size=max(24, width // 24))
    text = title[:48]
    box = draw.textbbox((0, 0), text, font=font)
    pad = 24
    text_h = box[3] - box[1]
    top = height - text_h - 3 * pad
    draw.rectangle([0, top, width, height], fill=base)
    draw.text((pad, top + pad), text, font=font, fill="#ffffff")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()
