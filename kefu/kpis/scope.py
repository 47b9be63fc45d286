"""Who sees which KPI rows (指标数据范围).

``kpis.view_all_kpis`` (managers, supervisors, QA, leadership): every row. Anyone else with
``kpis.view_kpis`` (agents): only the rows of their own work — the rows whose *person* group key
is them (the work order's assignee, the callback task's assignee, the person of a service
error). Everyone goes through each model's ``visible_to`` where it has one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from kefu.core.errors import NotPermitted
from kefu.kpis.sources import Source


@dataclass(frozen=True)
class KpiScope:
    """The data scope of one user's KPI figures and records."""

    user: Any
    person_id: int | None  # None: every person

    @property
    def is_everything(self) -> bool:
        return self.person_id is None

    def rows(self, source: Source) -> models.QuerySet[Any]:
        """The source's rows this user may count and list."""
        manager: Any = source.model._default_manager
        if self.user is None:  # the rollup job counts everything
            qs: models.QuerySet[Any] = manager.all()
        elif hasattr(manager, "visible_to"):
            qs = manager.visible_to(self.user)
        else:
            qs = manager.all()
        if self.person_id is not None:
            qs = qs.alias(_kpi_person=source.paths["person"]).filter(_kpi_person=self.person_id)
        return qs


# The rollup job's scope: every row, no user.
EVERYTHING = KpiScope(None, None)


def scope_of(user: Any) -> KpiScope:
    """The user's KPI scope; raises ``NotPermitted`` without ``kpis.view_kpis``."""
    from django.utils.translation import gettext as _

    if not getattr(user, "is_authenticated", False) or not user.has_perm("kpis.view_kpis"):
        raise NotPermitted(_("You may not view KPIs."))
    if user.has_perm("kpis.view_all_kpis"):
        return KpiScope(user, None)
    return KpiScope(user, int(user.pk))
