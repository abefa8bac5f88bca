"""The ``full_site`` fixture is built once per module: what one test writes, the next
does not see (rows, in-memory instances, page caches), and each test has the images."""

from django.core.files.storage import default_storage
from wagtail.models import Page

from tests.tourism.factories import make_story_index

MENU_LINK = 'href="/musim-durian/"'


def test_a_test_writes_to_the_shared_site(client, full_site):
    full_site.story.title = "Diubah"
    full_site.story.save_revision().publish()
    make_story_index(full_site.tree.home, title="Musim Durian", slug="musim-durian")
    assert MENU_LINK in client.get(full_site.tree.home.url).content.decode()


def test_the_next_test_sees_the_site_as_built(client, full_site):
    assert full_site.story.title == "Gebrak Pariwisata"
    assert Page.objects.get(pk=full_site.story.pk).title == "Gebrak Pariwisata"
    assert not Page.objects.filter(slug="musim-durian").exists()
    assert MENU_LINK not in client.get(full_site.tree.home.url).content.decode()


def test_each_test_has_the_site_images_in_its_media_folder(client, full_site):
    assert default_storage.exists(full_site.destination.hero_image.file.name)
    assert client.get(full_site.destination.url).status_code == 200
