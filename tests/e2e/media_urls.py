"""The project's URLs plus uploaded media, for browser tests that measure images.

`static()` serves nothing unless DEBUG was on when banua.urls was imported, so the media
view is mounted here directly.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from banua.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    re_path(
        r"^%s(?P<path>.*)$" % settings.MEDIA_URL.lstrip("/"),
        serve,
        {"document_root": settings.MEDIA_ROOT},
    ),
    *project_urlpatterns,
]
