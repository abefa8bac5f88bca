"""Uploads for the photo tests: real pictures with EXIF, fakes, and oversized ones."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg_upload(
    name="foto.jpg", size=(60, 40), colour="#b03a2e", orientation=None, gps=False
):
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone X"  # Model
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "S", 2: (3.0, 19.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png_upload(name="foto.png", size=(40, 40)):
    out = io.BytesIO()
    Image.new("RGB", size, "#1b2a5c").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def fake_upload(name="virus.jpg"):
    return SimpleUploadedFile(
        name, b"MZ\x90\x00 this is not a picture", content_type="image/jpeg"
    )


def bomb_upload(name="bomb.png", size=(9000, 9000)):
    """A tiny file (a one-colour PNG compresses to a few KB) that decodes to 81 million
    pixels."""
    out = io.BytesIO()
    Image.new("1", size, 0).save(out, format="PNG", optimize=True)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")
