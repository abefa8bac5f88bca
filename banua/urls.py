from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from banua import views
from banua.api import api
from banua.api_v2 import api_router
from marketplace.sitemaps import ProductSitemap
from tourism.sitemaps import BilingualSitemap
from vendors.sitemaps import ShopSitemap

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("stripe/", include("marketplace.webhook_urls")),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {
            "sitemaps": {
                "pages": BilingualSitemap,
                "products": ProductSitemap,
                "shops": ShopSitemap,
            }
        },
        name="sitemap",
    ),
    path("api/v2/", api_router.urls),
    # No Django admin: nothing registers a model there, and every office screen is in
    # Wagtail's admin. An unmounted admin is one login form fewer to guard.
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Indonesian at /, English at /en/.
urlpatterns += i18n_patterns(
    path("cari/", include("search.urls")),
    path("", include("vendors.urls")),
    path("", include("marketplace.urls")),
    # Wagtail's page serving (its URLs, with the cached routing of tourism.views)
    # is a catch-all, so it comes last.
    path("", include("tourism.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = (
        static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
    )
