"""Organisation forms (组织表单): plain forms whose cleaned data the services take as is.

Choices of related rows come from ``visible_to(user)``; the business rules (trees, unique codes,
a team of the staff member's own department) are checked by the services, whose per-field
messages the views put back on the form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kefu.accounts.models import User
from kefu.core.masking import mask_phone
from kefu.org.choices import DepartmentKind, StaffStatus
from kefu.org.models import Department, Position, Staff, Team

if TYPE_CHECKING:
    TeamChoice = forms.ModelChoiceField[Team]
    PositionChoice = forms.ModelChoiceField[Position]
else:  # the form field classes are generic for the type checker only
    TeamChoice = PositionChoice = forms.ModelChoiceField


def _textarea() -> forms.Textarea:
    return forms.Textarea(attrs={"rows": 4})


class TeamChoiceField(TeamChoice):
    def label_from_instance(self, obj: Team) -> str:
        return f"{obj.department.name} / {obj.name}"


class PositionChoiceField(PositionChoice):
    def label_from_instance(self, obj: Position) -> str:
        return f"{obj.department.name} / {obj.title}"


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    code = forms.SlugField(
        label=_("Code"), max_length=50, help_text=_("Letters, digits, - and _; unique.")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=DepartmentKind.choices)
    parent = forms.ModelChoiceField(
        label=_("Parent department"), queryset=Department.objects.none(), required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    description = forms.CharField(label=_("Description"), required=False, widget=_textarea())
    obligations = forms.CharField(
        label=_("Service obligations"),
        required=False,
        widget=_textarea(),
        help_text=_("For partners: e.g. act on a forwarded complaint within 8 hours."),
    )

    def __init__(
        self, *args: Any, user: Any, instance: Department | None = None, **kwargs: Any
    ) -> None:
        if instance is not None:
            kwargs.setdefault("initial", _initial(instance, self.base_fields))
        super().__init__(*args, **kwargs)
        parents = Department.objects.visible_to(user)
        if instance is not None:
            parents = parents.exclude(pk=instance.pk)
        _field(self, "parent").queryset = parents


class TeamForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    name = forms.CharField(label=_("Name"), max_length=100)
    code = forms.SlugField(
        label=_("Code"), max_length=50, help_text=_("Letters, digits, - and _; unique.")
    )
    leader = forms.ModelChoiceField(
        label=_("Team leader"), queryset=Staff.objects.none(), required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, user: Any, instance: Team | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs.setdefault("initial", _initial(instance, self.base_fields))
        super().__init__(*args, **kwargs)
        _field(self, "department").queryset = Department.objects.visible_to(user)
        leaders = Staff.objects.visible_to(user).exclude(status=StaffStatus.LEFT)
        if instance is not None:
            leaders = leaders.filter(department_id=instance.department_id)
        _field(self, "leader").queryset = leaders


class PositionForm(forms.Form):
    title = forms.CharField(label=_("Position title"), max_length=100)
    code = forms.SlugField(
        label=_("Code"), max_length=50, help_text=_("Letters, digits, - and _; unique.")
    )
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    superior = PositionChoiceField(
        label=_("Superior position"), queryset=Position.objects.none(), required=False
    )
    headcount_quota = forms.IntegerField(label=_("Headcount quota"), min_value=0, initial=1)
    purpose = forms.CharField(
        label=_("Purpose of the position"), required=False, widget=_textarea()
    )
    duties = forms.CharField(
        label=_("Duties"),
        required=False,
        widget=_textarea(),
        help_text=_("One duty per line."),
    )
    qualifications = forms.CharField(
        label=_("Qualifications"),
        required=False,
        widget=_textarea(),
        help_text=_("Education, experience, skills; one per line."),
    )
    kpis = forms.CharField(
        label=_("Assessment KPIs"),
        required=False,
        widget=_textarea(),
        help_text=_("The indicators the position is assessed on, one per line."),
    )

    def __init__(
        self, *args: Any, user: Any, instance: Position | None = None, **kwargs: Any
    ) -> None:
        if instance is not None:
            kwargs.setdefault("initial", _initial(instance, self.base_fields))
        super().__init__(*args, **kwargs)
        _field(self, "department").queryset = Department.objects.visible_to(user)
        superiors = Position.objects.visible_to(user).select_related("department")
        if instance is not None:
            superiors = superiors.exclude(pk=instance.pk)
        _field(self, "superior").queryset = superiors


class StaffForm(forms.Form):
    employee_number = forms.CharField(label=_("Employee number"), max_length=30)
    name = forms.CharField(label=_("Name"), max_length=100)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    team = TeamChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    position = PositionChoiceField(
        label=_("Position"), queryset=Position.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=StaffStatus.choices, initial=StaffStatus.ACTIVE
    )
    user = forms.ModelChoiceField(
        label=_("Login"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("An existing login that is not linked to another staff member."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    joined_on = forms.DateField(
        label=_("Joined on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        help_text=_("Separated by commas, e.g. complaints, VIP, English."),
    )

    def __init__(self, *args: Any, user: Any, instance: Staff | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None:
            initial = _initial(instance, self.base_fields)
            initial["skills"] = ", ".join(instance.skills or [])
            # The number itself is personal data: the form shows it masked and keeps it unless
            # a new one is typed or "remove" is ticked.
            initial.pop("phone", None)
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        _field(self, "department").queryset = Department.objects.visible_to(user)
        _field(self, "team").queryset = Team.objects.visible_to(user).select_related("department")
        _field(self, "position").queryset = Position.objects.visible_to(user).select_related(
            "department"
        )
        logins = Q(staff__isnull=True, is_active=True)
        if instance is not None and instance.user_id is not None:
            logins |= Q(pk=instance.user_id)
        _field(self, "user").queryset = User.objects.filter(logins).order_by("username")
        if instance is not None and instance.phone:
            self.fields["phone"].help_text = _(
                "Now %(masked)s. Leave empty to keep it; type a new number to change it."
            ) % {"masked": mask_phone(instance.phone)}
            self.fields["clear_phone"] = forms.BooleanField(
                label=_("Remove the phone number"), required=False
            )
            order = [name for name in self.fields if name != "clear_phone"]
            order.insert(order.index("phone") + 1, "clear_phone")
            self.order_fields(order)

    def clean_skills(self) -> list[str]:
        raw: str = self.cleaned_data.get("skills") or ""
        return [part.strip() for part in raw.replace("，", ",").split(",") if part.strip()]

    def service_data(self) -> dict[str, Any]:
        """The cleaned data as the staff services take it (the phone only when it changes)."""
        data = dict(self.cleaned_data)
        clear = data.pop("clear_phone", False)
        if self.instance is not None and not data.get("phone"):
            if clear:
                data["phone"] = ""
            else:
                data.pop("phone", None)
        return data


def _field(form: forms.Form, name: str) -> forms.ModelChoiceField[Any]:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


def _initial(instance: Any, fields: dict[str, forms.Field]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        initial[name] = getattr(instance, field.attname)
    return initial
