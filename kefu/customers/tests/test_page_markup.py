"""The customer page built cheaper (客户页开销): the forms' markup built in Python is what the
partial templates render, unbound forms are built once, the grade history is read once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django import forms
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kefu.customers.forms import GradeOverrideForm, ReasonForm, StoredItemForm
from kefu.customers.models import Customer, GradeChange
from kefu.customers.services import create_customer
from kefu.customers.timeline import recent_grade_changes, remember_grade_changes
from kefu.customers.views import form_html

pytestmark = pytest.mark.django_db

TEMPLATE = (
    '{% include "customers/_form_errors.html" with form=form %}'
    '{% for field in form %}{% include "customers/_field.html" %}{% endfor %}'
)


def by_template(form: forms.Form) -> str:
    """The partials' output without the newline each template file ends with."""
    html = engines["django"].from_string(TEMPLATE).render({"form": form})
    return re.sub(r"(^|</label>|</div>)\n", r"\1", html)


def by_python(form: forms.Form) -> str:
    return form_html.errors_html(form) + form_html.fields_html(form)


class Flags(forms.Form):
    """A checkbox and a help text with markup, as other forms may have."""

    agree = forms.BooleanField(label="同意 <b>条款</b>", required=False)
    note = forms.CharField(label="备注 & 说明", help_text="<i>最多</i> 20 字", max_length=20)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_unbound_forms_are_built_as_the_templates_render_them(language):
    with translation.override(language):
        for form in (
            StoredItemForm(),
            GradeOverrideForm(initial={"grade": "B"}),
            ReasonForm(),
            Flags(),
        ):
            assert by_python(form) == by_template(form), type(form).__name__


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_bound_forms_show_their_errors_as_the_templates_do(language):
    with translation.override(language):
        item = StoredItemForm({"name": "", "quantity": "-1", "stored_on": "nope"})
        assert not item.is_valid()
        grade = GradeOverrideForm({"grade": "A", "reason": "x"})
        assert grade.is_valid()
        grade.add_error(None, "等级 <b>不能</b> 改")
        for form in (item, grade, Flags({"note": "<script>"})):
            assert by_python(form) == by_template(form), type(form).__name__
        assert "等级 &lt;b&gt;不能&lt;/b&gt; 改" in form_html.errors_html(grade)
        assert 'class="errorlist"' in form_html.fields_html(item)


def test_an_unbound_form_is_built_once_per_language_and_initial_values():
    form_html._unbound.clear()
    first = form_html.fields_html(GradeOverrideForm(initial={"grade": "B"}))
    assert form_html.fields_html(GradeOverrideForm(initial={"grade": "B"})) is first
    other = form_html.fields_html(GradeOverrideForm(initial={"grade": "A"}))
    assert other != first
    assert 'value="A" selected' in other
    with translation.override("en"):
        english = form_html.fields_html(GradeOverrideForm(initial={"grade": "B"}))
    assert english != first
    assert "Grade" in english
    # A bound form is never kept: its values and errors are the user's.
    bound = GradeOverrideForm({"grade": "B", "reason": "秘密理由"})
    assert "秘密理由" in form_html.fields_html(bound)
    assert all("秘密理由" not in html for html in form_html._unbound.values())


def test_a_form_with_a_callable_initial_value_is_not_kept():
    class Today(forms.Form):
        day = forms.DateField(initial=timezone.localdate)

    form_html._unbound.clear()
    form_html.fields_html(Today())
    assert form_html._unbound == {}


def test_the_page_reads_the_grade_history_once_for_the_table_and_the_timeline(client, cast):
    customer = create_customer(actor=cast.agent, data={"name": "王五"})
    start = timezone.now() + dt.timedelta(days=1)  # newer than the change made on creation
    GradeChange.objects.bulk_create(
        GradeChange(
            customer=customer,
            from_grade="C",
            to_grade="B" if i % 2 else "C",
            reason=f"第{i}次",
            actor=cast.manager,
            at=start + dt.timedelta(days=i),
        )
        for i in range(25)
    )
    client.force_login(cast.agent)
    client.get(f"/customers/{customer.pk}/")
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(f"/customers/{customer.pk}/").content.decode()
    reads = [q["sql"] for q in ctx.captured_queries if 'FROM "customers_gradechange"' in q["sql"]]
    assert len(reads) == 1, reads
    history = body.split('data-testid="grade-history"')[1].split("</table>")[0]
    assert history.count("<tr>") == 1 + 20  # the header and the newest 20
    assert "第24次" in history
    assert "第5次" in history
    assert "第4次" not in history
    timeline = body.split('data-testid="timeline"')[1]
    assert all(f"第{i}次" in timeline for i in range(25))  # every change on the timeline


def test_grade_changes_are_kept_only_when_a_page_asks_and_read_again_for_more(cast):
    customer = create_customer(actor=cast.agent, data={"name": "赵六"})  # one change: C
    for i in range(3):
        GradeChange.objects.create(
            customer=customer, to_grade="B", reason=str(i), at=timezone.now(), actor=cast.agent
        )
    with CaptureQueriesContext(connection) as ctx:
        assert len(recent_grade_changes(customer, 2)) == 2  # nothing kept: read
        assert len(ctx.captured_queries) == 1
        assert len(remember_grade_changes(customer, 2)) == 2
        assert len(recent_grade_changes(customer, 1)) == 1  # kept
        assert len(ctx.captured_queries) == 2
        assert len(recent_grade_changes(customer, 5)) == 4  # more than kept: read again
        assert len(ctx.captured_queries) == 3
        remember_grade_changes(customer, 10)
        assert len(recent_grade_changes(customer, 50)) == 4  # all were kept: no statement
        assert str(recent_grade_changes(customer, 1)[0].actor) == str(cast.agent)
    assert len(ctx.captured_queries) == 4
    other = Customer.objects.get(pk=customer.pk)  # another object keeps nothing
    with CaptureQueriesContext(connection) as ctx:
        recent_grade_changes(other, 1)
    assert len(ctx.captured_queries) == 1
