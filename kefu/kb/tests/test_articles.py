"""Writing articles: versions stay as written, who may write and publish, who reads what."""

from __future__ import annotations

import pytest

from kefu.audit.models import AuditEntry
from kefu.core.appendonly import AppendOnlyError
from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.kb.models import Article, ArticleVersion
from kefu.kb.services import (
    ArticleText,
    archive_article,
    create_article,
    edit_article,
    publish_article,
)
from kefu.kb.tests.conftest import write

pytestmark = pytest.mark.django_db


def text(title="漏水报修怎么办", body="先关闭总水阀。", **extra):
    return ArticleText(title=title, body=body, **extra)


def visible_titles(user):
    return set(Article.objects.visible_to(user).values_list("title", flat=True))


def test_a_new_article_is_a_draft_with_its_first_version(cast):
    article = create_article(actor=cast.supervisor, text=text(tags=("报修", "漏水", "报修")))
    assert article.status == "draft"
    assert article.current_version is None
    assert list(article.versions.values_list("number", "title")) == [(1, "漏水报修怎么办")]
    assert sorted(article.tags.values_list("name", flat=True)) == ["报修", "漏水"]
    entry = AuditEntry.objects.get(object_type="kb.article", object_id=str(article.pk))
    assert entry.action == "create"
    assert entry.actor == cast.supervisor


def test_editing_adds_a_version_and_keeps_the_old_ones_as_written(cast):
    article = write(cast, "漏水报修怎么办", "第一版正文。")
    edit_article(
        actor=cast.supervisor,
        article=article,
        text=text(
            title="漏水了怎么办", body="第二版正文。", visibility="public", change_note="改标题"
        ),
    )
    versions = {v.number: v for v in ArticleVersion.objects.filter(article=article)}
    assert (versions[1].title, versions[1].body) == ("漏水报修怎么办", "第一版正文。")
    assert (versions[2].title, versions[2].change_note) == ("漏水了怎么办", "改标题")
    article.refresh_from_db()
    # Readers keep the published version until the new one is published.
    assert article.current_version == versions[1]
    assert article.title == "漏水报修怎么办"
    publish_article(actor=cast.manager, article=article)
    article.refresh_from_db()
    assert article.current_version == versions[2]
    assert article.title == "漏水了怎么办"


def test_a_version_cannot_be_changed_or_deleted(cast):
    version = write(cast, "发票").versions.get()
    version.body = "改过的"
    with pytest.raises(AppendOnlyError):
        version.save()
    with pytest.raises(AppendOnlyError):
        ArticleVersion.objects.filter(pk=version.pk).update(body="x")
    with pytest.raises(AppendOnlyError):
        version.delete()


def test_publishing_an_older_version_rolls_back(cast):
    article = write(cast, "停车收费", "每小时5元。")
    edit_article(actor=cast.supervisor, article=article, text=text("停车收费", "每小时8元。"))
    publish_article(actor=cast.manager, article=article)
    first = article.versions.get(number=1)
    article = publish_article(actor=cast.manager, article=article, version=first)
    assert article.current_version == first
    assert [a.title for a in Article.objects.visible_to(cast.agent).search("5元")] == ["停车收费"]


def test_publishing_the_published_version_again_is_refused(cast):
    article = write(cast, "发票")
    with pytest.raises(Conflict, match="already published"):
        publish_article(actor=cast.manager, article=article)


def test_an_agent_may_neither_write_nor_publish(cast):
    with pytest.raises(NotPermitted, match="may not write"):
        create_article(actor=cast.agent, text=text())
    draft = write(cast, "草稿", publish=False)
    with pytest.raises(NotPermitted, match="may not publish"):
        publish_article(actor=cast.agent, article=draft)
    with pytest.raises(NotPermitted, match="may not edit"):
        edit_article(actor=cast.agent, article=draft, text=text())
    assert draft.versions.count() == 1
    assert Article.objects.get(pk=draft.pk).status == "draft"


def test_invalid_text_is_refused_with_field_messages_and_nothing_is_written(cast):
    with pytest.raises(ValidationFailed) as refused:
        create_article(
            actor=cast.supervisor,
            text=text(title=" ", body="", visibility="secret", tags=tuple("abcdefghijk")),
        )
    assert set(refused.value.fields) == {"title", "body", "visibility", "tags"}
    assert not Article.objects.exists()


def test_archiving_hides_from_readers_and_publishing_restores(cast):
    article = write(cast, "失物招领")
    archive_article(actor=cast.manager, article=article)
    assert "失物招领" not in visible_titles(cast.agent)
    assert "失物招领" in visible_titles(cast.supervisor)  # editors still see it
    with pytest.raises(Conflict):
        archive_article(actor=cast.manager, article=article)
    publish_article(actor=cast.manager, article=article, version=article.versions.get())
    assert "失物招领" in visible_titles(cast.agent)


@pytest.fixture
def shelf(cast):
    write(cast, "退换货政策", visibility="public")
    write(cast, "投诉赔偿权限", visibility="internal")
    write(cast, "公开草稿", visibility="public", publish=False)
    write(cast, "内部草稿", visibility="internal", publish=False)


@pytest.mark.parametrize("role", ["agent", "qa", "auditor"])
def test_service_staff_read_published_internal_and_public_articles(cast, shelf, role):
    assert visible_titles(cast.by_role(role)) == {"退换货政策", "投诉赔偿权限"}


@pytest.mark.parametrize("role", ["supervisor", "manager", "admin"])
def test_editors_also_see_drafts(cast, shelf, role):
    assert visible_titles(cast.by_role(role)) == {
        "退换货政策",
        "投诉赔偿权限",
        "公开草稿",
        "内部草稿",
    }


@pytest.mark.parametrize("role", ["handler", "partner", "other_partner"])
def test_handlers_and_partner_users_read_only_published_public_articles(cast, shelf, role):
    assert visible_titles(cast.by_role(role)) == {"退换货政策"}


def test_anonymous_reads_nothing(shelf, anonymous):
    assert visible_titles(anonymous) == set()
