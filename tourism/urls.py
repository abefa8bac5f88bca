"""Wagtail's front-end URLs (`wagtail.urls`) with tourism.views.serve as the page view.

Same patterns and names as `wagtail.urls`, so `wagtail_serve` (which Wagtail reverses
for every page URL), the password form and the front-end log-in are unchanged. Include
it last: the page pattern is a catch-all.
"""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from tourism import views

urlpatterns = [
    *[
        pattern
        for pattern in wagtail_urls.urlpatterns
        if pattern.name != "wagtail_serve"
    ],
    re_path(wagtail_urls.serve_pattern, views.serve, name="wagtail_serve"),
]
