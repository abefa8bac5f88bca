"""A view's or a path's URL in a given language: the one place that knows how a
language shows in a URL.

Indonesian, the default, lives at ``/`` and English under ``/en/`` (``i18n_patterns``
with ``prefix_default_language=False`` in ``banua.urls``). The language switcher, the
hreflang links, robots.txt, the edge-cache purge and the e-mails written in their
reader's language ask here instead of adding or stripping ``/en/`` by hand, so the
rule changes in one place. Wagtail pages have their own translations (a page per
locale); ``tourism.selectors.page_urls_by_language`` reads those.
"""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

from core.site_url import absolute_url


def reverse_in_language(viewname: str, *, language: str, args=None, kwargs=None) -> str:
    """``reverse()`` as if ``language`` were active: ``/en/toko/x/`` for English."""
    with translation.override(language):
        return reverse(viewname, args=args, kwargs=kwargs)


def absolute_reverse_in_language(
    viewname: str, *, language: str, args=None, kwargs=None
) -> str:
    """The same at the site's configured address, for e-mails and background tasks
    (they have no request to take a host from)."""
    return absolute_url(
        reverse_in_language(viewname, language=language, args=args, kwargs=kwargs)
    )


def reverse_in_every_language(viewname: str, *, args=None, kwargs=None) -> list[str]:
    """The view's path in each site language, default language first."""
    return [
        reverse_in_language(viewname, language=code, args=args, kwargs=kwargs)
        for code, _name in settings.LANGUAGES
    ]


def path_in_language(path: str, *, language: str) -> str:
    """This site path in another language (``/keranjang/`` → ``/en/keranjang/``); a
    path no URL pattern matches comes back unchanged.

    The path is resolved in its own language, whichever is active: resolved in
    Indonesian, ``/en/`` would be a Wagtail page slugged "en".
    """
    own = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(own):
        return translate_url(path, language)
