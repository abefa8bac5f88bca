"""Page types of the tourism site.

Tree: Root -> HomePage (one per locale) -> DestinationIndexPage -> DestinationPage
                                        -> EventIndexPage -> EventPage
                                        -> StoryIndexPage -> StoryPage, ItineraryPage
                                        -> StandardPage (contact, about, terms...)
Any page may carry pinned products and makers (TourismPage.pins).
"""

from tourism.models.base import TourismPage
from tourism.models.destinations import DestinationIndexPage, DestinationPage
from tourism.models.events import EventIndexPage, EventPage
from tourism.models.home import HomePage
from tourism.models.standard import StandardPage
from tourism.models.stories import ItineraryPage, StoryIndexPage, StoryPage

__all__ = [
    "DestinationIndexPage",
    "DestinationPage",
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "ItineraryPage",
    "StandardPage",
    "StoryIndexPage",
    "StoryPage",
    "TourismPage",
]
