"""Position pages (岗位页面): the positions, one position with its job description (岗位说明书),
holders and vacancies, and the position form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from kefu.org import services
from kefu.org.choices import StaffStatus
from kefu.org.forms import PositionForm
from kefu.org.models import Department, Position, Staff
from kefu.org.views.common import actor, form_page, int_param, posted, prefill


@login_required
@permission_required("org.view_position", raise_exception=True)
def position_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    positions = (
        Position.objects.visible_to(user)
        .select_related("department", "superior")
        .with_staff_count()
        .order_by("department__name", "title", "id")
    )
    department_id = int_param(request.GET.get("department"))
    if department_id is not None:
        positions = positions.filter(department_id=department_id)
    return render(
        request,
        "org/position_list.html",
        {
            "positions": positions,
            "departments": Department.objects.visible_to(user).order_by("kind", "name"),
            "department_id": department_id,
        },
    )


@login_required
@permission_required("org.view_position", raise_exception=True)
def position_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    position = get_object_or_404(
        Position.objects.visible_to(user)
        .select_related("department", "superior")
        .with_staff_count(),
        pk=pk,
    )
    active = int(getattr(position, "active_staff", 0))  # from with_staff_count()
    context = {
        "position": position,
        "subordinates": Position.objects.visible_to(user)
        .filter(superior=position)
        .select_related("department"),
        "holders": Staff.objects.visible_to(user)
        .filter(position=position)
        .exclude(status=StaffStatus.LEFT)
        .select_related("team"),
        "over_quota": active > position.headcount_quota,
        "vacancies": max(position.headcount_quota - active, 0),
    }
    return render(request, "org/position_detail.html", context)


@login_required
@permission_required("org.add_position", raise_exception=True)
def position_create(request: HttpRequest) -> HttpResponse:
    form = PositionForm(posted(request), user=request.user, initial=prefill(request, "department"))
    return form_page(
        request,
        form,
        save=lambda: services.create_position(actor=actor(request), data=form.cleaned_data),
        saved=gettext_lazy("Position “%(name)s” created."),
        next_url=_position_url,
        title=gettext_lazy("New position"),
        cancel_url=reverse("org:positions"),
    )


@login_required
@permission_required("org.change_position", raise_exception=True)
def position_edit(request: HttpRequest, pk: int) -> HttpResponse:
    position = get_object_or_404(Position.objects.visible_to(request.user), pk=pk)
    form = PositionForm(posted(request), user=request.user, instance=position)
    return form_page(
        request,
        form,
        save=lambda: services.update_position(
            actor=actor(request), position=position, data=form.cleaned_data
        ),
        saved=gettext_lazy("Position “%(name)s” saved."),
        next_url=_position_url,
        title=gettext_lazy("Edit position"),
        cancel_url=_position_url(position),
        subject=position,
    )


def _position_url(position: Position) -> str:
    return reverse("org:position", args=[position.pk])
