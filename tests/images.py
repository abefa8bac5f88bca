"""Wagtail images for tests, drawn in memory."""

import io
from functools import lru_cache

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model


@lru_cache(maxsize=64)  # bytes are immutable: drawn once per size and colour
def png_bytes(size=(32, 24), colour="#1b2a5c") -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def make_image(title="Test image", size=(32, 24)):
    Image = get_image_model()
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(png_bytes(size)), name="test.png")
    image.save()
    return image
