import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image

from tests.vendors.factories import UserFactory
from tests.vendors.images import bomb_upload, fake_upload, jpeg_upload, png_upload
from vendors.photos import COLLECTION_NAME, photo_ingest, photo_validate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read the English source messages; Indonesian is the site default, so
    URLs are reversed (and pages served) under /en/."""
    with translation.override("en"):
        yield


def test_a_real_photo_becomes_a_wagtail_image_in_the_vendor_collection():
    user = UserFactory()
    image = photo_ingest(upload=png_upload(), title="Kain merah", user=user)
    assert image.collection.name == COLLECTION_NAME
    assert image.uploaded_by_user == user
    assert (image.width, image.height) == (40, 40)


def test_exif_is_stripped_and_orientation_applied():
    # Orientation 6 = "rotate 90° clockwise to view": a 60x40 sensor image is 40x60
    # upright.
    image = photo_ingest(upload=jpeg_upload(orientation=6, gps=True), title="Foto HP")
    assert (image.width, image.height) == (40, 60)
    with image.open_file() as stored, Image.open(stored) as picture:
        assert len(picture.getexif()) == 0
        assert "exif" not in picture.info


def test_something_that_is_not_an_image_is_refused():
    with pytest.raises(ValidationError) as error:
        photo_validate(fake_upload())
    assert "not a photo we can read" in str(error.value)


def test_a_decompression_bomb_is_refused_by_pixel_count():
    upload = bomb_upload()
    assert upload.size < 200_000  # small on disk ...
    with pytest.raises(ValidationError) as error:
        photo_validate(upload)  # ... huge in memory
    assert "too many pixels" in str(error.value)


def test_a_file_over_the_size_limit_is_refused(settings, monkeypatch):
    monkeypatch.setattr("vendors.photos.MAX_UPLOAD_BYTES", 100)
    with pytest.raises(ValidationError) as error:
        photo_validate(jpeg_upload())
    assert "too large" in str(error.value)


def test_big_photos_are_scaled_down_and_renditions_are_resized():
    image = photo_ingest(upload=jpeg_upload(size=(3000, 2000)), title="Foto besar")
    assert max(image.width, image.height) == 2400
    rendition = image.get_rendition("fill-400x400")
    assert (rendition.width, rendition.height) == (400, 400)
