"""Labels of group keys (分组名称): people, teams, departments, types, channels, grades."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kefu.accounts.models import User
from kefu.customers.choices import Grade
from kefu.org.models import Department, Team
from kefu.tickets.choices import Channel
from kefu.tickets.models import TicketType


def _ids(keys: Iterable[str]) -> list[int]:
    return [int(key) for key in keys if key.isdigit()]


def group_labels(dimension: str | None, keys: Iterable[str]) -> dict[str, str]:
    """A label for each key of the dimension (one query at most); "(none)" for the empty key."""
    keys = list(keys)
    labels: dict[str, str] = {}
    if dimension is None:
        return {key: _("All") for key in keys}
    if dimension == "person":
        for user in User.objects.filter(pk__in=_ids(keys)).only("username", "display_name"):
            labels[str(user.pk)] = str(user)
    elif dimension == "team":
        labels = {
            str(pk): name
            for pk, name in Team.objects.filter(pk__in=_ids(keys)).values_list("pk", "name")
        }
    elif dimension == "department":
        labels = {
            str(pk): name
            for pk, name in Department.objects.filter(pk__in=_ids(keys)).values_list("pk", "name")
        }
    elif dimension == "type":
        english = (get_language() or "").startswith("en")
        for code, zh, en in TicketType.objects.filter(code__in=keys).values_list(
            "code", "name_zh", "name_en"
        ):
            labels[code] = en if english else zh
    elif dimension == "channel":
        labels = {key: str(Channel(key).label) for key in keys if key in Channel.values}
    elif dimension == "grade":
        labels = {key: str(Grade(key).label) for key in keys if key in Grade.values}
    for key in keys:
        if key not in labels:
            labels[key] = key if key else _("(none)")
    return labels
