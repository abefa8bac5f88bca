"""Media on object storage: product photos and their renditions go to the S3 bucket
(moto's server in CI, started by scripts/services/s3.sh)."""

import io
import os
import secrets

import pytest
import requests
from PIL import Image as PILImage

from marketplace.models import ProductImage
from tests.marketplace.factories import ProductFactory
from tests.vendors.images import jpeg_upload
from vendors.photos import photo_ingest

pytestmark = [pytest.mark.s3, pytest.mark.django_db]


def test_settings_switch_media_to_s3_when_a_bucket_is_set(monkeypatch):
    import importlib

    import banua.settings.base as base

    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "banua-media")
    try:
        reloaded = importlib.reload(base)
        assert (
            reloaded.STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
        )
        assert reloaded.AWS_S3_FILE_OVERWRITE is False
    finally:
        monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME")
        importlib.reload(base)


@pytest.fixture
def s3_media(settings):
    """Production's storage block pointed at the test server, under a prefix of our own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }
    settings.AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    settings.AWS_S3_ENDPOINT_URL = os.environ["AWS_S3_ENDPOINT_URL"]
    settings.AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID", "test")
    settings.AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "test")
    settings.AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME", "us-east-1")
    settings.AWS_LOCATION = f"test-{secrets.token_hex(6)}"
    settings.AWS_S3_FILE_OVERWRITE = False
    settings.AWS_DEFAULT_ACL = None
    settings.AWS_QUERYSTRING_AUTH = True
    return settings


def _bucket_keys(settings) -> set[str]:
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=settings.AWS_S3_ENDPOINT_URL,
        aws_access_key_id=settings.AWS_ACCESS_KEY_ID,
        aws_secret_access_key=settings.AWS_SECRET_ACCESS_KEY,
        region_name=settings.AWS_S3_REGION_NAME,
    )
    listing = client.list_objects_v2(
        Bucket=settings.AWS_STORAGE_BUCKET_NAME, Prefix=settings.AWS_LOCATION + "/"
    )
    return {item["Key"] for item in listing.get("Contents", [])}


def test_product_photo_and_rendition_are_stored_in_the_bucket(s3_media):
    product = ProductFactory()
    image = photo_ingest(upload=jpeg_upload(size=(600, 400)), title="Kain merah")
    ProductImage.objects.create(product=product, image=image, alt_text="Kain merah")

    rendition = image.get_rendition("fill-300x200")

    keys = _bucket_keys(s3_media)
    prefix = s3_media.AWS_LOCATION + "/"
    assert prefix + image.file.name in keys
    assert prefix + rendition.file.name in keys
    # The URL the page shows fetches the rendition from the bucket.
    response = requests.get(rendition.url, timeout=10)
    assert response.status_code == 200
    assert PILImage.open(io.BytesIO(response.content)).size == (300, 200)


def test_a_second_upload_with_the_same_name_keeps_the_first(s3_media):
    first = photo_ingest(upload=jpeg_upload(), title="Kain")
    second = photo_ingest(upload=jpeg_upload(colour="#123456"), title="Kain")
    assert first.file.name != second.file.name
    assert {
        s3_media.AWS_LOCATION + "/" + first.file.name,
        s3_media.AWS_LOCATION + "/" + second.file.name,
    } <= _bucket_keys(s3_media)
