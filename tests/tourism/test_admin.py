"""The office can open every page type in the admin editor and preview it."""

import pytest

from tests.vendors.factories import UserFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_every_page_type_opens_in_the_editor(admin_client, full_site):
    for kind, (page_id, page_en) in full_site.pages().items():
        for page in (page_id, page_en):
            response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
            assert response.status_code == 200, kind


def test_preview_of_a_destination_renders(admin_client, full_site):
    page = full_site.destination
    response = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert "Kampung Sasirangan" in response.content.decode()


def test_revisions_are_kept(full_site):
    page = full_site.story
    page.title = "Gebrak Pariwisata 2027"
    page.save_revision()
    assert page.revisions.count() == 2
    page.refresh_from_db()
    assert page.title == "Gebrak Pariwisata"  # the draft is not live until published
