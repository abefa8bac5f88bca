"""Every public page serves in at most 6 SQL queries, however long its lists grow.

Measured (SQLite, warm; Indonesian and English alike): home 0, destination index 2,
destination 0, event index 2, event 2, story index 3, story 1, itinerary 3. Pages are
served by tourism.views.serve, which takes the request's Site root page (Wagtail's
`Site.find_for_request(...).root_page.localized.specific`) from the page cache; the
url_path rows, the routed page, breadcrumbs and language alternates are cached per
page generation too (tourism.page_cache), and the content and head of the home and
destination pages are shared fragments (marketplace.fragments; the destination's
"makers and products nearby" block is one too). Was 12 before those caches (home 10 /
11, destination 7 / 8), then 3 / 4 on a home or destination page with Wagtail's own
serve view (its Site, Locale and root page queries); anonymous visitors get these
pages from the HTTP cache (banua.edge_cache) anyway.

Counted on the second request (warm caches), as an anonymous visitor, in both
languages. Also: the caches behind those numbers are invalidated when editors change
the tree (a new menu page shows in the nav; a new view restriction makes a page
private and asks for its password).
"""

import datetime as dt
import os
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from tests.marketplace.factories import (
    ProductFactory,
    ProductImageFactory,
    ProductVariantFactory,
)
from tests.tourism.conftest import full_site  # noqa: F401 - the bilingual site fixture
from tests.tourism.factories import (
    make_destination,
    make_event,
    make_story,
    make_story_index,
)
from tests.vendors.factories import VendorFactory
from tourism import page_cache
from tourism.selectors import home_page_sections

BUDGET = 6
LANGUAGES = ["id", "en"]


def queries_for(client, url):
    client.get(url)  # warm up: renditions, content types, page caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    if os.environ.get("BANUA_SHOW_QUERIES"):
        print(url, len(context.captured_queries))  # noqa: T201
        for query in context.captured_queries:
            print("   ", query["sql"][:300])  # noqa: T201
    return len(context.captured_queries)


def page_urls(site, language):
    index = LANGUAGES.index(language)
    return {kind: pages[index].url for kind, pages in site.pages().items()}


def grow(site):
    """More of everything every page lists: destinations, events, stories, makers."""
    tree = site.tree
    for number in range(5):
        make_destination(
            tree.destinations, title=f"Destinasi {number}", region="banjarmasin"
        )
        make_event(
            tree.events,
            title=f"Acara {number}",
            start=timezone.now() + dt.timedelta(days=20 + number),
            venue=site.destination,
        )
        make_story(site.stories, title=f"Cerita {number}")
        vendor = VendorFactory(
            region="banjarmasin",
            latitude=Decimal("-3.3200"),
            longitude=Decimal("114.6000"),
            destination=site.destination,
        )
        product = ProductFactory(vendor=vendor, is_featured=True)
        ProductVariantFactory(product=product)
        ProductImageFactory(product=product)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_within_budget_and_constant(client, full_site, language):  # noqa: F811
    urls = page_urls(full_site, language)
    assert len(urls) == 8
    before = {kind: queries_for(client, url) for kind, url in urls.items()}
    grow(full_site)
    after = {kind: queries_for(client, url) for kind, url in urls.items()}
    assert after == before
    over = {kind: count for kind, count in after.items() if count > BUDGET}
    assert not over, over


def test_event_sub_routes_still_answer(client, full_site):  # noqa: F811
    """The one-lookup routing leaves RoutablePageMixin sub-routes to their page."""
    event_ical = client.get(full_site.event.url + "ical/")
    assert event_ical.status_code == 200
    assert event_ical["Content-Type"].startswith("text/calendar")
    feed = client.get(full_site.tree.events.url + "feed/")
    assert feed.status_code == 200
    assert b"BEGIN:VCALENDAR" in feed.content
    assert client.get(full_site.destination.url + "no-such-page/").status_code == 404
    assert client.get("/no-such-section/at-all/").status_code == 404


def test_unpublished_page_is_not_found(client, full_site):  # noqa: F811
    url = full_site.story.url
    assert client.get(url).status_code == 200
    full_site.story.unpublish()
    assert client.get(url).status_code == 404


def nav_of(response) -> str:
    html = response.content.decode()
    return html[html.index('<nav class="site-nav"') : html.index("</nav>")]


def test_new_menu_page_shows_in_the_nav(client, full_site):  # noqa: F811
    home = full_site.tree.home
    assert "Musim Durian" not in nav_of(client.get(home.url))  # nav now cached
    make_story_index(home, title="Musim Durian", slug="musim-durian")
    nav = nav_of(client.get(home.url))
    assert 'href="/musim-durian/">Musim Durian</a>' in nav


def test_unpublished_menu_page_leaves_the_nav(client, full_site):  # noqa: F811
    home = full_site.tree.home
    menu_page = (
        Page.objects.child_of(home)
        .live()
        .in_menu()
        .exclude(pk=home.pk)
        .first()
        .specific
    )
    assert f'href="{menu_page.url}"' in nav_of(client.get(home.url))
    menu_page.unpublish()
    assert f'href="{menu_page.url}"' not in nav_of(client.get(home.url))


def test_new_password_restriction_makes_the_page_private(client, full_site):  # noqa: F811
    story = full_site.story
    listing = full_site.stories.url
    assert client.get(story.url).status_code == 200
    assert story.title.encode() in client.get(listing).content
    restriction = PageViewRestriction.objects.create(
        page=Page.objects.get(pk=story.pk),
        restriction_type=PageViewRestriction.PASSWORD,
        password="rahasia",
    )
    response = client.get(story.url)
    assert response.status_code == 200
    assert b'name="password"' in response.content  # asks for the password
    assert "no-cache" in response["Cache-Control"]
    assert story.title.encode() not in client.get(listing).content
    # The right password opens it.
    form_url = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, story.pk]
    )
    client.post(form_url, {"password": "rahasia", "return_url": story.url})
    opened = client.get(story.url)
    assert opened.status_code == 200
    assert b'name="password"' not in opened.content
    # Removing the restriction makes it public again for everyone.
    restriction.delete()
    client.logout()
    client.cookies.clear()
    assert story.title.encode() in client.get(listing).content


def test_login_restriction_on_a_section_covers_its_pages(client, full_site):  # noqa: F811
    section = Page.objects.get(pk=full_site.tree.destinations.pk)
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(full_site.destination.url)
    assert response.status_code == 302
    assert "next=" in response["Location"]
    sections = home_page_sections(home=full_site.tree.home)
    assert list(sections["featured_destinations"]) == []
    assert client.get(full_site.tree.home.url).status_code == 200


def test_generation_token_changes_on_tree_changes(full_site):  # noqa: F811
    """Publishing, moving, saving sites and locales all make the page caches stale."""
    changes = [
        lambda: full_site.story.save_revision().publish(),
        lambda: full_site.story.unpublish(),
        lambda: Site.objects.get(is_default_site=True).save(),
        lambda: full_site.tree.locale_en.save(),
        lambda: full_site.itinerary.move(full_site.stories, pos="first-child"),
    ]
    for change in changes:
        before = page_cache.generation()
        change()
        assert page_cache.generation() != before
    settled = page_cache.generation()
    assert page_cache.generation() == settled


def test_unpublished_section_still_routes_to_its_live_pages(client, full_site):  # noqa: F811
    """As in Wagtail's own routing, only the requested page must be live."""
    Page.objects.get(pk=full_site.stories.pk).specific.unpublish()
    assert client.get(full_site.story.url).status_code == 200
    assert client.get(full_site.stories.url).status_code == 404


def test_budget_holds_with_a_restricted_section_elsewhere(
    client,
    full_site,  # noqa: F811
    django_assert_max_num_queries,
):
    """One private section makes Wagtail's own restriction check run on every page
    (two queries); every public page still fits in the budget plus those two."""
    private = make_story_index(full_site.tree.home, title="Internal", slug="internal")
    PageViewRestriction.objects.create(
        page=Page.objects.get(pk=private.pk),
        restriction_type=PageViewRestriction.LOGIN,
    )
    for language in LANGUAGES:
        for url in page_urls(full_site, language).values():
            client.get(url)
            with django_assert_max_num_queries(BUDGET + 2):
                assert client.get(url).status_code == 200
    assert client.get(private.url).status_code == 302
