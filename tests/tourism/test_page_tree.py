"""Parent/child rules keep the page tree sane."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from tourism.models import (
    DestinationIndexPage,
    DestinationPage,
    EventIndexPage,
    EventPage,
    HomePage,
    ItineraryPage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_sits_under_the_root_and_holds_the_three_indexes(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {DestinationIndexPage, EventIndexPage, StoryIndexPage, StandardPage},
        )

    def test_standard_pages_sit_under_a_home_page_and_hold_nothing(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage})
        self.assertAllowedSubpageTypes(StandardPage, set())

    def test_destinations_live_only_under_a_destination_index(self):
        self.assertAllowedParentPageTypes(DestinationIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(DestinationIndexPage, {DestinationPage})
        self.assertAllowedParentPageTypes(DestinationPage, {DestinationIndexPage})
        self.assertAllowedSubpageTypes(DestinationPage, set())

    def test_events_live_only_under_an_event_index(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_stories_and_itineraries_live_under_a_story_index(self):
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage, ItineraryPage})
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedParentPageTypes(ItineraryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(StoryPage, set())
        self.assertAllowedSubpageTypes(ItineraryPage, set())

    def test_a_destination_cannot_be_created_under_the_home_page(self):
        self.assertFalse(DestinationPage.can_create_at(HomePage()))
        self.assertTrue(DestinationPage.can_create_at(DestinationIndexPage()))
