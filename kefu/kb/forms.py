"""Forms of the knowledge base pages (知识库表单): filter, article editor, publish, answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kefu.kb.choices import ArticleStatus, Visibility
from kefu.kb.models import ArticleCategory
from kefu.kb.services import ArticleText
from kefu.kb.services.articles import split_tags


class ArticleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=ArticleCategory.objects.all(),
        required=False,
        empty_label=_("All categories"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ArticleStatus.choices],
    )


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Article title"), max_length=200)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=ArticleCategory.objects.all(),
        required=False,
        empty_label=_("(none)"),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Visibility.choices,
        initial=Visibility.INTERNAL,
        help_text=_("Internal articles are shown to service staff only."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=400,
        help_text=_("Separated by commas, e.g. 停车, 发票."),
    )
    body = forms.CharField(
        label=_("Article text"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Plain text. A line starting with # is a heading, - a list item, 1. a numbered "
            "step; **bold**. HTML is shown as typed."
        ),
    )
    change_note = forms.CharField(label=_("Change note"), required=False, max_length=200)
    publish = forms.BooleanField(label=_("Publish this version now"), required=False)

    def __init__(self, *args: Any, can_publish: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_publish:
            del self.fields["publish"]

    def text(self) -> ArticleText:
        data = self.cleaned_data
        return ArticleText(
            title=data["title"],
            body=data["body"],
            category=data["category"],
            tags=split_tags(data["tags"]),
            visibility=data["visibility"],
            change_note=data["change_note"],
        )


class PublishForm(forms.Form):
    version = forms.IntegerField(label=_("Version"), required=False, min_value=1)


class AnswerForm(forms.Form):
    ticket = forms.CharField(label=_("Work order"), max_length=32)
    article = forms.IntegerField(label=_("Article"), min_value=1)
    next = forms.CharField(required=False, max_length=500)
