"""Knowledge base API: list and search, read, record an answer; scope as on the pages."""

from __future__ import annotations

import pytest

from kefu.kb.models import KnowledgeAnswer
from kefu.kb.tests.conftest import write
from kefu.tickets.models import TicketEvent

pytestmark = pytest.mark.django_db

URL = "/api/v1/kb"


class Api:
    def __init__(self, client, token):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}

    def get(self, path, **params):
        return self.client.get(URL + path, params, headers=self.headers)

    def post(self, path, body):
        return self.client.post(
            URL + path, body, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api(client, cast):
    return lambda role: Api(client, cast.token(role))


@pytest.fixture
def shelf(cast):
    return {
        "public": write(cast, "如何开具发票", "服务台开具纸质发票，App 开电子发票（PDF）。"),
        "internal": write(cast, "发票作废流程", "当月作废重开。", visibility="internal"),
        "draft": write(cast, "发票草稿", "草稿。", publish=False),
    }


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_search_finds_chinese_and_english_words(api, shelf):
    assert set(titles(api("agent").get("/articles", q="发票"))) == {"如何开具发票", "发票作废流程"}
    assert titles(api("agent").get("/articles", q="pdf")) == ["如何开具发票"]
    assert api("agent").get("/articles", q="发票").json()["next_cursor"] is None


def test_partner_users_never_see_internal_articles(api, shelf):
    assert titles(api("partner").get("/articles", q="发票")) == ["如何开具发票"]
    assert titles(api("partner").get("/articles")) == ["如何开具发票"]
    assert api("partner").get(f"/articles/{shelf['internal'].pk}").status_code == 404


def test_a_list_is_paged_by_cursor(api, cast, shelf):
    first = api("supervisor").get("/articles", limit=2).json()
    assert len(first["items"]) == 2
    assert first["next_cursor"]
    rest = api("supervisor").get("/articles", limit=2, cursor=first["next_cursor"]).json()
    seen = [i["title"] for i in first["items"] + rest["items"]]
    assert sorted(seen) == sorted(["如何开具发票", "发票作废流程", "发票草稿"])


def test_an_article_is_read_with_its_published_text(api, shelf):
    body = api("agent").get(f"/articles/{shelf['public'].pk}").json()
    assert body["body"].startswith("服务台开具")
    assert body["version"] == 1
    assert body["visibility"] == "public"
    assert body["status"] == "published"


def test_recording_an_answer_writes_the_event(api, ticket, shelf):
    response = api("agent").post(
        "/answers", {"ticket": ticket.number, "article": shelf["public"].pk}
    )
    assert response.status_code == 201, response.content
    assert response.json()["ticket"] == ticket.number
    assert response.json()["version"] == 1
    event = TicketEvent.objects.get(ticket=ticket, kind="knowledge")
    assert event.data["article"] == shelf["public"].pk


def test_an_answer_needs_the_capability(api, ticket, shelf):
    response = api("qa").post("/answers", {"ticket": ticket.number, "article": shelf["public"].pk})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not KnowledgeAnswer.objects.exists()


def test_an_unknown_work_order_or_an_unpublished_article_is_404(api, ticket, shelf):
    agent = api("agent")
    missing = agent.post("/answers", {"ticket": "ZX20990101-0001", "article": shelf["public"].pk})
    assert missing.status_code == 404
    draft = agent.post("/answers", {"ticket": ticket.number, "article": shelf["draft"].pk})
    assert draft.status_code == 404
    assert not KnowledgeAnswer.objects.exists()


def test_unknown_fields_are_refused(api, ticket, shelf):
    response = api("agent").post(
        "/answers", {"ticket": ticket.number, "article": shelf["public"].pk, "x": 1}
    )
    assert response.status_code == 422
    assert "x" in response.json()["error"]["fields"]
