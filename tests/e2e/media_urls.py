"""The project's URLs plus uploaded media, for browser tests that measure images.

`static()` serves nothing unless DEBUG was on when banua.urls was imported, so the media
view is mounted here directly.
"""

import re

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from banua.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
        serve,
        {"document_root": settings.MEDIA_ROOT},
    ),
    *project_urlpatterns,
]
