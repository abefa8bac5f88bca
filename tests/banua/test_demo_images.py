"""Demo pictures: one drawing per subject, in its colours, no caption, same bytes twice."""

import io

from PIL import Image, ImageDraw

from banua.demo import images


def _picture(title, size=(240, 160), subject=None):
    return Image.open(io.BytesIO(images.draw_demo_image(title, size, subject=subject)))


def _dominant(picture):
    colours = picture.convert("RGB").quantize(8).convert("RGB").getcolors(10_000)
    return max(colours)[1]


def _near(colour, hex_colour, tolerance=40):
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(colour, images._rgb(hex_colour), strict=True)
    )


def test_titles_pick_their_subject():
    assert images.subject_for("Kain Sasirangan Motif Gigi Haruan") == "sasirangan"
    assert images.subject_for("Pasar Terapung Lok Baintan") == "market"
    assert images.subject_for("Cincin Batu Kecubung") == "jewellery"
    assert images.subject_for("Bingka Kentang") == "food"
    assert images.subject_for("Sungai Martapura saat fajar") == "river"
    assert images.subject_for("Masjid Raya Sabilal Muhtadin") == "mosque"


def test_each_motif_is_drawn_in_its_dye():
    gigi_haruan = _dominant(_picture("Kain Sasirangan Motif Gigi Haruan"))
    ombak = _dominant(_picture("Kemeja Sasirangan Ombak Sinapur Karang"))
    assert _near(gigi_haruan, images.DYES["kesumba"][0]) or _near(
        gigi_haruan, images.DYES["kesumba"][1]
    )
    assert _near(ombak, images.DYES["indigo"][0])


def test_pictures_are_deterministic_and_differ_by_subject():
    first = images.draw_demo_image("Pasar Terapung Lok Baintan", (240, 160))
    assert first == images.draw_demo_image("Pasar Terapung Lok Baintan", (240, 160))
    assert first != images.draw_demo_image("Cincin Batu Kecubung", (240, 160))


def test_no_text_is_drawn(monkeypatch):
    """Words belong in captions and alt text (translated), never in the pixels."""

    def no_text(*args, **kwargs):
        raise AssertionError("text drawn into a demo picture")

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", no_text)
    for subject in images.PAINTERS:
        images.draw_demo_image("Bingka Kentang", (240, 160), subject=subject)
    for motif in images.MOTIFS:
        images.draw_demo_image(f"Kain Sasirangan Motif {motif}", (240, 160))
