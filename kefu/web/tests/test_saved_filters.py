"""Saved filters (保存的筛选): save, list, apply and delete a list page's filter, per user."""

from __future__ import annotations

import pytest

from kefu.core.errors import NotFound, ValidationFailed
from kefu.web.models import SavedFilter
from kefu.web.saved_filters import delete_filter, save_filter

pytestmark = pytest.mark.django_db

PAGE = "/work-orders/queue/all/"


def test_a_saved_filter_round_trips_through_the_queue_page(client, cast):
    client.force_login(cast.agent)
    body = client.get(PAGE, {"type": "complaint", "priority": "urgent"}).content.decode()
    assert 'data-testid="save-filter"' in body
    response = client.post(
        "/saved-filters/",
        {"page": PAGE, "query": "type=complaint&priority=urgent&cursor=abc", "name": "紧急投诉"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?priority=urgent&type=complaint"
    saved = SavedFilter.objects.get()
    assert (saved.user, saved.page, saved.name) == (cast.agent, PAGE, "紧急投诉")
    assert "cursor" not in saved.query
    listed = client.get(PAGE).content.decode()
    assert f'href="{PAGE}?priority=urgent&amp;type=complaint"' in listed
    assert "紧急投诉" in listed
    applied = client.get(PAGE, {"priority": "urgent", "type": "complaint"}).content.decode()
    assert 'class="saved-filter active"' in applied
    response = client.post(f"/saved-filters/{saved.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == PAGE
    assert not SavedFilter.objects.exists()


def test_saved_filters_are_private_to_their_user(client, cast):
    mine = save_filter(actor=cast.agent, page=PAGE, name="坐席私有筛选", query="type=repair")
    client.force_login(cast.supervisor)
    assert "坐席私有筛选" not in client.get(PAGE).content.decode()
    assert client.post(f"/saved-filters/{mine.pk}/delete/").status_code == 404
    with pytest.raises(NotFound):
        delete_filter(actor=cast.supervisor, pk=mine.pk)
    assert SavedFilter.objects.filter(pk=mine.pk).exists()


def test_saving_under_an_existing_name_replaces_the_query(cast):
    save_filter(actor=cast.agent, page=PAGE, name="维修", query="type=repair")
    save_filter(actor=cast.agent, page=PAGE, name="维修", query="type=repair&status=open")
    assert list(SavedFilter.objects.values_list("query", flat=True)) == ["status=open&type=repair"]


def test_a_filter_needs_a_name_and_a_local_page(client, cast):
    with pytest.raises(ValidationFailed) as caught:
        save_filter(actor=cast.agent, page=PAGE, name=" ", query="type=repair")
    assert set(caught.value.fields) == {"name"}
    with pytest.raises(ValidationFailed) as caught:
        save_filter(actor=cast.agent, page="//evil.example/", name="x", query="")
    assert set(caught.value.fields) == {"page"}
    client.force_login(cast.agent)
    response = client.post(
        "/saved-filters/", {"page": "https://evil.example/", "name": "x", "query": "a=1"}
    )
    assert response["Location"].startswith("/")
    assert not SavedFilter.objects.exists()


def test_anonymous_visitors_cannot_save_filters(client, db):
    response = client.post("/saved-filters/", {"page": PAGE, "name": "x", "query": "a=1"})
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert not SavedFilter.objects.exists()
