"""Editors draft and submit, moderators approve and publish; scheduling; dashboard."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import GroupPagePermission, Page

from tests.tourism.factories import build_site_tree, make_destination
from tests.vendors.factories import UserFactory, VendorFactory
from tourism import selectors
from vendors.models import VendorStatus


def member_of(group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_roles_exist_after_migrating_with_the_right_page_rights(db):
    root = Page.get_first_root_node()
    rights = {
        name: set(
            GroupPagePermission.objects.filter(group__name=name, page=root).values_list(
                "permission__codename", flat=True
            )
        )
        for name in ("Editors", "Moderators")
    }
    assert rights["Editors"] == {"add_page", "change_page"}
    assert {"add_page", "change_page", "publish_page"} <= rights["Moderators"]
    for name in ("Editors", "Moderators"):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_every_page_is_under_the_moderation_workflow(db):
    tree = build_site_tree()
    destination = make_destination(tree.destinations)
    workflow = destination.get_workflow()
    assert workflow is not None and workflow.name == "Moderasi Banua"
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


@pytest.fixture
def draft(db):
    tree = build_site_tree()
    page = make_destination(tree.destinations, title="Pulau Kembang")
    page.title = "Pulau Kembang (baru)"
    page.save_revision()
    return page


def test_an_editor_can_edit_and_submit_but_cannot_publish(draft):
    editor = member_of("Editors")
    permissions = draft.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    with pytest.raises(PublishPermissionError):
        PublishPageRevisionAction(draft.get_latest_revision(), user=editor).execute()
    draft.refresh_from_db()
    assert draft.title == "Pulau Kembang"

    workflow_state = draft.get_workflow().start(draft, editor)
    task = workflow_state.current_task_state.task.specific
    assert task.get_actions(draft, editor) == []


def test_a_moderator_approves_and_the_page_is_published(draft):
    editor, moderator = member_of("Editors"), member_of("Moderators")
    assert draft.permissions_for_user(moderator).can_publish()
    workflow_state = draft.get_workflow().start(draft, editor)
    task_state = workflow_state.current_task_state
    actions = [
        name
        for name, _label, _modal in task_state.task.specific.get_actions(
            draft, moderator
        )
    ]
    assert "approve" in actions
    task_state.approve(user=moderator)
    draft.refresh_from_db()
    assert draft.live
    assert draft.title == "Pulau Kembang (baru)"


def test_scheduled_publishing_goes_live_with_publish_scheduled(db):
    tree = build_site_tree()
    page = make_destination(tree.destinations, title="Loksado")
    page.unpublish()
    page.go_live_at = timezone.now() + dt.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None

    # Let the hour pass: the approved schedule and the page's own go-live time are due.
    due = timezone.now() - dt.timedelta(minutes=1)
    revision.approved_go_live_at = due
    revision.content["go_live_at"] = due.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def test_dashboard_counts(db):
    tree = build_site_tree()
    make_destination(tree.destinations, title="Loksado")
    VendorFactory(status=VendorStatus.PENDING)
    VendorFactory(status=VendorStatus.APPROVED)
    counts = selectors.dashboard_counts()
    assert counts.published_destinations == 1
    assert counts.upcoming_events == 0
    assert counts.vendors_pending == 1
    assert counts.orders_this_month == 0


def test_month_start_is_in_wita():
    # 20:00 UTC on 31 May is already 1 June in WITA.
    now = dt.datetime(2026, 5, 31, 20, 0, tzinfo=dt.UTC)
    start = selectors.month_start(now)
    assert (start.year, start.month, start.day, start.hour) == (2026, 6, 1, 0)
    assert start.utcoffset() == dt.timedelta(hours=8)


def test_dashboard_panel_shows_in_the_admin(client, db):
    build_site_tree()
    VendorFactory(status=VendorStatus.PENDING)
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "banua-office-summary" in html
    assert "Vendors awaiting approval" in html or "Penjual menunggu persetujuan" in html
