"""Knowledge base pages: list and search, article, versions, writing, suggestions, answers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kefu.conftest import ROLES
from kefu.kb.models import Article, KnowledgeAnswer
from kefu.kb.tests.conftest import write
from kefu.tickets.models import TicketEvent

pytestmark = pytest.mark.django_db


def login(client, cast, role):
    client.force_login(cast.by_role(role))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def shelf(cast):
    return {
        "public": write(cast, "漏水报修怎么办", "# 步骤\n- 先关闭总水阀\n<script>x</script>"),
        "internal": write(cast, "漏水责任划分", "户内漏水由业主负责。", visibility="internal"),
        "draft": write(cast, "漏水草稿", "草稿。", publish=False),
    }


def test_the_list_shows_what_the_role_may_read(client, cast, shelf):
    page = login(client, cast, "agent").get(reverse("kb:list")).content.decode()
    assert "漏水报修怎么办" in page
    assert "漏水责任划分" in page
    assert "漏水草稿" not in page
    page = login(client, cast, "partner").get(reverse("kb:list")).content.decode()
    assert "漏水报修怎么办" in page
    assert "漏水责任划分" not in page


def test_search_on_the_page_finds_two_character_words(client, cast, shelf):
    write(cast, "停车收费标准", "每小时5元。")
    page = login(client, cast, "agent").get(reverse("kb:list"), {"q": "漏水"}).content.decode()
    assert "漏水报修怎么办" in page
    assert "漏水责任划分" in page
    assert "停车收费标准" not in page


def test_search_hides_internal_articles_from_partner_users(client, cast, shelf):
    page = login(client, cast, "partner").get(reverse("kb:list"), {"q": "漏水"}).content.decode()
    assert "漏水报修怎么办" in page
    assert "漏水责任划分" not in page


def test_a_search_without_full_match_offers_partial_matches(client, cast, shelf):
    response = login(client, cast, "agent").get(reverse("kb:list"), {"q": "漏水 发票"})
    page = response.content.decode()
    assert "No article holds all these words." in page
    assert 'data-testid="kb-related"' in page
    assert "漏水报修怎么办" in page


def test_an_htmx_search_answers_with_the_results_fragment(client, cast, shelf):
    response = login(client, cast, "agent").get(
        reverse("kb:list"), {"q": "漏水"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "<html" not in page
    assert "漏水报修怎么办" in page


def test_the_article_page_renders_light_markdown_and_escapes_html(client, cast, shelf):
    page = login(client, cast, "agent").get(reverse("kb:detail", args=[shelf["public"].pk]))
    html = page.content.decode()
    assert "<li>先关闭总水阀</li>" in html
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_internal_and_draft_articles_are_404_for_those_who_may_not_read_them(client, cast, shelf):
    login(client, cast, "partner")
    assert client.get(reverse("kb:detail", args=[shelf["internal"].pk])).status_code == 404
    login(client, cast, "agent")
    assert client.get(reverse("kb:detail", args=[shelf["draft"].pk])).status_code == 404
    assert client.get(reverse("kb:version", args=[shelf["public"].pk, 1])).status_code == 404


def test_an_editor_writes_a_new_version_on_the_edit_page(client, cast, shelf):
    article = shelf["public"]
    login(client, cast, "supervisor")
    response = client.post(
        reverse("kb:edit", args=[article.pk]),
        {
            "title": "漏水了怎么办",
            "body": "先关阀门，再报修。",
            "visibility": "public",
            "tags": "漏水，报修",
            "change_note": "简化",
        },
    )
    assert response.status_code == 302
    assert list(article.versions.values_list("number", flat=True)) == [2, 1]
    page = client.get(reverse("kb:detail", args=[article.pk])).content.decode()
    assert "Version 2 is not published yet" in page
    diff = client.get(reverse("kb:version", args=[article.pk, 2])).content.decode()
    assert "<ins>+ 先关阀门，再报修。</ins>" in diff
    assert "<del>- # 步骤</del>" in diff


def test_the_edit_form_shows_the_services_refusal_on_the_fields(client, cast, shelf):
    login(client, cast, "supervisor")
    response = client.post(
        reverse("kb:create"),
        {
            "title": "标签太多",
            "body": "正文",
            "visibility": "public",
            "tags": ",".join("abcdefghijkl"),
        },
    )
    assert response.status_code == 200
    assert "Give at most 10 tags." in response.content.decode()
    assert not Article.objects.filter(title="标签太多").exists()


def test_a_manager_creates_and_publishes_in_one_step(client, cast):
    login(client, cast, "manager")
    client.post(
        reverse("kb:create"),
        {"title": "发票怎么开", "body": "服务台开具。", "visibility": "public", "publish": "on"},
    )
    article = Article.objects.get(title="发票怎么开")
    assert article.status == "published"
    assert [a.pk for a in Article.objects.visible_to(cast.agent).search("发票")] == [article.pk]


def test_agents_may_not_open_the_writing_pages_or_publish(client, cast, shelf):
    login(client, cast, "agent")
    assert client.get(reverse("kb:create")).status_code == 403
    assert client.get(reverse("kb:edit", args=[shelf["public"].pk])).status_code == 403
    assert client.post(reverse("kb:publish", args=[shelf["public"].pk])).status_code == 403
    assert client.post(reverse("kb:archive", args=[shelf["public"].pk])).status_code == 403
    assert Article.objects.get(pk=shelf["public"].pk).status == "published"


def test_a_supervisor_publishes_and_archives_from_the_article_page(client, cast, shelf):
    login(client, cast, "supervisor")
    client.post(reverse("kb:publish", args=[shelf["draft"].pk]))
    assert Article.objects.get(pk=shelf["draft"].pk).status == "published"
    client.post(reverse("kb:archive", args=[shelf["public"].pk]))
    assert Article.objects.get(pk=shelf["public"].pk).status == "archived"


def test_the_suggest_fragment_holds_the_matching_titles_and_first_lines(client, cast, shelf):
    write(cast, "停车收费标准", "每小时5元。")
    response = login(client, cast, "agent").get(
        reverse("kb:suggest"), {"q": "您好，我家厨房漏水了怎么办？"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "漏水报修怎么办" in html
    assert "步骤" in html
    assert "漏水责任划分" in html
    assert "停车收费标准" not in html


def test_the_suggest_fragment_hides_internal_articles_from_partner_users(client, cast, shelf):
    html = login(client, cast, "partner").get(reverse("kb:suggest"), {"q": "漏水"}).content
    assert "漏水报修怎么办" in html.decode()
    assert "漏水责任划分" not in html.decode()


def test_the_suggest_fragment_is_empty_for_a_sentence_without_useful_words(client, cast, shelf):
    html = login(client, cast, "agent").get(reverse("kb:suggest"), {"q": "你好，请问？"}).content
    assert html.decode().strip() == ""


def test_the_answer_button_records_the_answer_and_returns_to_the_work_order(
    client, cast, ticket, shelf
):
    login(client, cast, "agent")
    back = f"/work-orders/{ticket.number}/"
    response = client.post(
        reverse("kb:answer"),
        {"ticket": ticket.number, "article": shelf["public"].pk, "next": back},
    )
    assert response.status_code == 302
    assert response["Location"] == back
    assert TicketEvent.objects.filter(ticket=ticket, kind="knowledge").count() == 1


def test_the_answer_button_never_redirects_off_site(client, cast, ticket, shelf):
    login(client, cast, "agent")
    response = client.post(
        reverse("kb:answer"),
        {"ticket": ticket.number, "article": shelf["public"].pk, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]


def test_an_htmx_answer_returns_the_panel_with_the_recorded_answer(client, cast, ticket, shelf):
    login(client, cast, "agent")
    response = client.post(
        reverse("kb:answer"),
        {"ticket": ticket.number, "article": shelf["public"].pk},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert 'id="kb-panel"' in html
    assert "Answered from the knowledge base" in html
    assert KnowledgeAnswer.objects.filter(ticket=ticket).count() == 1


def test_answering_on_a_work_order_out_of_scope_is_404_and_writes_nothing(
    client, cast, ticket, shelf
):
    from django.contrib.auth.models import Permission

    cast.handler.user_permissions.add(Permission.objects.get(codename="add_knowledgeanswer"))
    login(client, cast, "handler")
    response = client.post(
        reverse("kb:answer"), {"ticket": ticket.number, "article": shelf["public"].pk}
    )
    assert response.status_code == 404
    assert not KnowledgeAnswer.objects.exists()


def test_the_panel_fragment_shows_suggestions_for_the_work_order(client, cast, ticket, shelf):
    html = login(client, cast, "agent").get(reverse("kb:ticket_panel", args=[ticket.number]))
    page = html.content.decode()
    assert "漏水报修怎么办" in page
    assert "Answered with this article" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_the_navigation_shows_the_knowledge_base_to_every_reader(client, cast):
    for role in ("agent", "partner"):
        page = login(client, cast, role).get(reverse("kb:list")).content.decode()
        assert f'href="{reverse("kb:list")}" class="active' in page


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_list_article_and_suggestions(client, cast, shelf, role):
    login(client, cast, role)
    for url in (
        reverse("kb:list"),
        reverse("kb:list") + "?q=漏水",
        reverse("kb:detail", args=[shelf["public"].pk]),
        reverse("kb:suggest") + "?q=漏水",
    ):
        assert client.get(url).status_code == 200, url


def test_anonymous_is_sent_to_log_in(client, shelf):
    for url in (reverse("kb:list"), reverse("kb:suggest") + "?q=漏水"):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_the_list_page_needs_a_fixed_number_of_queries(client, cast, django_assert_max_num_queries):
    from kefu.kb.models import ArticleCategory

    parent = ArticleCategory.objects.create(name="物业")
    child = ArticleCategory.objects.create(name="报修", parent=parent)
    for n in range(30):
        write(cast, f"报修须知{n}", f"第{n}条。", category=child)
    login(client, cast, "agent")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("kb:list"))
    assert response.content.decode().count("<td>物业 / 报修</td>") == 25
    with django_assert_max_num_queries(12):
        client.get(reverse("kb:list"), {"q": "报修"})
