"""Turning a vendor's upload into a safe Wagtail image.

Only real pictures pass: Pillow must identify and verify the file, its size and pixel
count are capped (a tiny file can decode into gigabytes: a "decompression bomb"), the
picture is turned upright from its EXIF orientation and re-encoded from the pixels
alone, so EXIF (GPS position, phone serial) never reaches the site. Wagtail renditions
then resize it per page.
"""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.models import Collection

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_EDGE = 2400  # stored pictures are scaled down to this; renditions do the rest
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
COLLECTION_NAME = "Vendor uploads"


def photo_validate(upload) -> None:
    """Raise ValidationError with a message the vendor can act on; read nothing else."""
    size = getattr(upload, "size", None) or 0
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("%(name)s is too large: photos may be at most %(mb)s MB."),
            params={"name": upload.name, "mb": MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="too_large",
        )
    _open_checked(upload)


def _open_checked(upload) -> PILImage.Image:
    not_an_image = ValidationError(
        _("%(name)s is not a photo we can read. Upload a JPEG, PNG or WebP picture."),
        params={"name": getattr(upload, "name", "")},
        code="invalid_image",
    )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that: an error here.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            probe = PILImage.open(io.BytesIO(data))
            if probe.format not in ACCEPTED_FORMATS:
                raise not_an_image
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _(
                        "%(name)s has too many pixels (%(w)s × %(h)s). Use a smaller "
                        "picture."
                    ),
                    params={"name": upload.name, "w": width, "h": height},
                    code="too_many_pixels",
                )
            probe.verify()
            # verify() leaves the image unusable: open it again to decode the pixels.
            picture = PILImage.open(io.BytesIO(data))
            picture.load()
    except (
        PILImage.DecompressionBombError,
        PILImage.DecompressionBombWarning,
    ) as error:
        raise ValidationError(
            _("%(name)s has too many pixels. Use a smaller picture."),
            params={"name": getattr(upload, "name", "")},
            code="too_many_pixels",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise not_an_image from error
    return picture


def _vendor_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def photo_ingest(*, upload, title: str, user=None):
    """A new Wagtail image from an upload: verified, upright, stripped of metadata,
    bounded."""
    photo_validate(upload)
    picture = _open_checked(upload)
    picture = ImageOps.exif_transpose(picture)
    has_alpha = picture.mode in ("RGBA", "LA") or "transparency" in picture.info
    picture = picture.convert("RGBA" if has_alpha else "RGB")
    picture.thumbnail((MAX_EDGE, MAX_EDGE))
    out = io.BytesIO()
    # Saving from the pixels with no exif/icc arguments writes no metadata at all.
    if has_alpha:
        picture.save(out, format="PNG", optimize=True)
        extension = "png"
    else:
        picture.save(out, format="JPEG", quality=85, optimize=True)
        extension = "jpg"
    out.seek(0)
    Image = get_image_model()
    image = Image(
        title=title[:255], collection=_vendor_collection(), uploaded_by_user=user
    )
    image.file = ImageFile(out, name=f"{slugify(title)[:60] or 'photo'}.{extension}")
    image.save()
    return image
