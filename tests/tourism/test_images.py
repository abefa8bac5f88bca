"""Responsive WebP renditions, lazy below the fold, explicit sizes, focal points."""

import io

from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model


def test_cards_use_lazy_avif_and_webp_srcset_with_explicit_size(client, full_site):
    soup = BeautifulSoup(
        client.get(full_site.tree.destinations.url).content, "html.parser"
    )
    image = soup.select_one(".card img")
    assert image["loading"] == "lazy"
    assert image["width"] and image["height"]
    assert image["sizes"]
    candidates = [c.strip() for c in image["srcset"].split(",")]
    # Widths for a 360 px phone (360, 720 at 2x) and the 22rem desktop card.
    assert len(candidates) == 4
    assert ".fill-360x240." in candidates[0]
    assert image["sizes"].startswith("(max-width: 40rem) calc(100vw - 2rem)")
    assert all(".format-webp" in candidate for candidate in candidates)
    avif = image.find_parent("picture").select_one("source[type='image/avif']")
    assert ".format-avif" in avif["srcset"]


def test_hero_image_loads_eagerly_with_high_priority(client, full_site):
    soup = BeautifulSoup(client.get(full_site.destination.url).content, "html.parser")
    hero = soup.select_one("img.hero__img")
    assert hero["fetchpriority"] == "high"
    assert not hero.has_attr("loading")
    assert hero["alt"] == "Pasar terapung saat subuh"
    assert ".format-webp" in hero["src"]


def test_fill_crops_around_the_focal_point(db):
    # Blue on the left half, red on the right; the subject is on the right.
    picture = PILImage.new("RGB", (200, 100), "blue")
    picture.paste((255, 0, 0), (100, 0, 200, 100))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    image = get_image_model()(title="Dua warna")
    image.file = ImageFile(io.BytesIO(out.getvalue()), name="dua-warna.png")
    image.save()
    image.focal_point_x, image.focal_point_y = 170, 50
    image.focal_point_width = image.focal_point_height = 20
    image.save()

    rendition = image.get_rendition("fill-100x100")
    with rendition.get_willow_image() as willow:
        rgb = willow.get_pillow_image().convert("RGB")
    red, green, blue = rgb.getpixel((50, 50))
    assert red > 200 and blue < 60
    assert rendition.focal_point_key
