"""Wagtail's read-only content API at /api/v2/, so the city's own app can reuse pages.

Pages (with each type's `api_fields`; filter with ?type=tourism.DestinationPage and
?locale=en), images and documents. ``?search=`` goes through search.pages, which
keeps answering (from titles) when Elasticsearch is down.

Every absolute URL in the answers (``detail_url``, ``html_url``, the parent's, image
and document downloads) is built on the configured site address (``SITE_URL``), never
on the request's Host header nor on the host of a Wagtail Site record: an answer
fetched through a proxy, from localhost or with a forged Host must link to the public
site, and can then be cached whoever asked first.
"""

from rest_framework.fields import Field, SkipField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    PageAliasOfField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.site_url import absolute_url, page_absolute_url
from search.pages import PagesSearchAPIViewSet


class SiteDetailUrlField(Field):
    """``detail_url`` on the configured address (Wagtail's uses the request host)."""

    def get_attribute(self, instance):
        path = self.context["router"].get_object_detail_urlpath(
            type(instance), instance.pk
        )
        if not path:
            raise SkipField  # a model without an endpoint has no detail_url
        return path

    def to_representation(self, path):
        return absolute_url(path)


class SiteHtmlUrlField(Field):
    """``html_url`` on the configured address (Wagtail's uses the Site record's
    host, ``localhost`` on a fresh install)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return page_absolute_url(page)


class SiteImageDownloadUrlField(Field):
    """The original image file on the configured address (a storage that already
    serves absolute URLs, a CDN, is left as it is)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        return absolute_url(image.file.url)


class SiteDocumentDownloadUrlField(Field):
    """The document's serve view on the configured address."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, document):
        return absolute_url(document.url)


class _SiteRelatedPageField:
    """The parent / alias summary, serialized with the site-address fields too."""

    def to_representation(self, value):
        serializer_class = get_serializer_class(
            value.__class__,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=SitePageSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)


class SiteParentField(_SiteRelatedPageField, PageParentField):
    pass


class SiteAliasOfField(_SiteRelatedPageField, PageAliasOfField):
    pass


class SitePageSerializer(PageSerializer):
    detail_url = SiteDetailUrlField(read_only=True)
    html_url = SiteHtmlUrlField(read_only=True)
    parent = SiteParentField(read_only=True)
    alias_of = SiteAliasOfField(read_only=True)


class SiteImageSerializer(ImageSerializer):
    # Also the serializer of a page's image fields (the images endpoint's own).
    detail_url = SiteDetailUrlField(read_only=True)
    download_url = SiteImageDownloadUrlField(read_only=True)


class SiteDocumentSerializer(DocumentSerializer):
    detail_url = SiteDetailUrlField(read_only=True)
    download_url = SiteDocumentDownloadUrlField(read_only=True)


class PagesAPIViewSet(PagesSearchAPIViewSet):
    base_serializer_class = SitePageSerializer


class SiteImagesAPIViewSet(ImagesAPIViewSet):
    base_serializer_class = SiteImageSerializer


class SiteDocumentsAPIViewSet(DocumentsAPIViewSet):
    base_serializer_class = SiteDocumentSerializer


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", SiteImagesAPIViewSet)
api_router.register_endpoint("documents", SiteDocumentsAPIViewSet)
