"""Publishing workflows (发布流程): an edited workflow becomes a new, immutable version.

``publish_workflow`` checks the definition with the pure checks (every state reachable, no dead
end, known fields, conditions and effects, one initial state, …) plus the permissions it names,
and refuses with every problem in the user's language. A valid definition becomes version
last + 1 of its type; a concurrent publish of the same version loses with ``Conflict``. Open
work orders keep the version they started with (their foreign key), new ones get the new one.
``create_ticket_type`` adds a work order type with its first workflow version.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.tickets.models import TicketType, WorkflowVersion
from kefu.tickets.problems import explain
from kefu.tickets.workflow import Workflow, WorkflowFormatError, from_dict, to_dict, validate

PUBLISH = "tickets.add_workflowversion"
ADD_TYPE = "tickets.add_tickettype"
TYPE_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
PREFIX = re.compile(r"^[A-Z]{2,6}$")
# Number prefixes used by other numbered records: 工作联系单 (work contact orders) are LX….
RESERVED_PREFIXES = frozenset({"LX"})
# Codes that are page addresses under /work-orders/workflows/.
RESERVED_CODES = frozenset({"new"})


def _require(actor: Any, *perms: str) -> None:
    if not getattr(actor, "is_authenticated", False) or not all(actor.has_perm(p) for p in perms):
        raise NotPermitted(_("You may not edit workflows."))


def _permission_problems(workflow: Workflow) -> list[str]:
    named = {t.permission for t in workflow.transitions if "." in t.permission}
    known = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.filter(
            content_type__app_label__in={p.split(".", 1)[0] for p in named}
        ).values_list("content_type__app_label", "codename")
    }
    return [
        _("Step “%(code)s”: the permission “%(perm)s” does not exist.")
        % {"code": t.code, "perm": t.permission}
        for t in workflow.transitions
        if "." in t.permission and t.permission not in known
    ]


def check_definition(
    definition: object, *, type_code: str, version: int = 1
) -> tuple[Workflow | None, list[str]]:
    """Check an edited definition (校验流程定义) as version ``version`` of type ``type_code``.

    The type code and version of the stored definition are the type's and the next number,
    whatever the editor typed. Returns the workflow (None when the data is malformed) and every
    problem, worded in the active language; no problems means it may be published.
    """
    if not isinstance(definition, Mapping):
        return None, [_("The definition must be a JSON object.")]
    data = {**definition, "type_code": type_code, "version": version}
    try:
        workflow = from_dict(data)
    except WorkflowFormatError as exc:
        return None, [explain(str(exc))]
    problems = [explain(problem) for problem in validate(workflow)]
    return workflow, problems + _permission_problems(workflow)


def _refuse(problems: list[str]) -> ValidationFailed:
    return ValidationFailed(
        _("The workflow cannot be published: %(problems)s") % {"problems": " ".join(problems)},
        code="invalid_workflow",
        fields={"definition": problems},
    )


def _store(actor: Any, ticket_type: TicketType, workflow: Workflow) -> WorkflowVersion:
    """Insert the version; the unique (type, version) constraint decides a concurrent race."""
    try:
        with transaction.atomic():
            version = WorkflowVersion.objects.create(
                ticket_type=ticket_type,
                version=workflow.version,
                definition=to_dict(workflow),
                published_at=now(),
            )
            record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=version,
                changes={
                    "type": [None, ticket_type.code],
                    "version": [None, workflow.version],
                    "states": [None, [s.code for s in workflow.states]],
                    "transitions": [None, [t.code for t in workflow.transitions]],
                },
            )
    except IntegrityError:
        raise Conflict(
            _("Someone else published version %(version)s meanwhile; reload and try again.")
            % {"version": workflow.version},
            code="version_taken",
        ) from None
    return version


def latest_version(ticket_type: TicketType) -> int:
    """The number of the type's newest workflow version (最新版本号), 0 when it has none."""
    found = WorkflowVersion.objects.filter(ticket_type=ticket_type).aggregate(last=Max("version"))
    return int(found["last"] or 0)


def publish_workflow(
    *,
    actor: Any,
    ticket_type: TicketType,
    definition: Mapping[str, object],
    base_version: int | None = None,
) -> WorkflowVersion:
    """Publish an edited workflow (发布流程) as the type's next version.

    ``base_version`` is the version the editor started from: when someone published after it,
    the publish is refused with ``Conflict`` rather than silently overwriting their work.
    Refuses an invalid definition with ``ValidationFailed`` listing every problem; nothing is
    written then.
    """
    _require(actor, PUBLISH)
    with transaction.atomic():
        last = latest_version(ticket_type)
        if base_version is not None and base_version != last:
            raise Conflict(
                _(
                    "Version %(version)s was published after you started editing version"
                    " %(base)s; reload the editor and apply your changes again."
                )
                % {"version": last, "base": base_version},
                code="stale_version",
            )
        workflow, problems = check_definition(
            definition, type_code=ticket_type.code, version=last + 1
        )
        if problems or workflow is None:
            raise _refuse(problems)
        current = WorkflowVersion.objects.filter(ticket_type=ticket_type, version=last).first()
        if current is not None and to_dict(workflow) == {**current.definition, "version": last + 1}:
            unchanged = _("Nothing changed since version %(version)s.") % {"version": last}
            raise ValidationFailed(unchanged, code="unchanged", fields={"definition": [unchanged]})
        return _store(actor, ticket_type, workflow)


def _type_errors(*, code: str, name_zh: str, name_en: str, prefix: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not TYPE_CODE.match(code) or len(code) > 50 or code in RESERVED_CODES:
        errors["code"] = [
            _("Use lowercase letters, digits and underscores, starting with a letter.")
        ]
    elif TicketType.objects.filter(code=code).exists():
        errors["code"] = [_("Another work order type already uses this code.")]
    if not name_zh.strip():
        errors["name_zh"] = [_("Enter the Chinese name.")]
    if not name_en.strip():
        errors["name_en"] = [_("Enter the English name.")]
    if not PREFIX.match(prefix):
        errors["number_prefix"] = [_("Use 2 to 6 capital letters, e.g. TS.")]
    elif prefix in RESERVED_PREFIXES:
        errors["number_prefix"] = [
            _("The prefix %(prefix)s is used by work contact orders.") % {"prefix": prefix}
        ]
    elif TicketType.objects.filter(number_prefix__iexact=prefix).exists():
        errors["number_prefix"] = [_("Another work order type already uses this prefix.")]
    return errors


def create_ticket_type(
    *,
    actor: Any,
    code: str,
    name_zh: str,
    name_en: str,
    number_prefix: str,
    definition: Mapping[str, object],
) -> TicketType:
    """Add a work order type (新增工单类型) with its workflow as version 1."""
    _require(actor, ADD_TYPE, PUBLISH)
    code, prefix = code.strip(), number_prefix.strip().upper()
    errors = _type_errors(code=code, name_zh=name_zh, name_en=name_en, prefix=prefix)
    # A bad code is reported on its own field, not again as a problem of the definition.
    checked_code = code if TYPE_CODE.match(code) else "new_type"
    workflow, problems = check_definition(definition, type_code=checked_code, version=1)
    if problems:
        errors["definition"] = problems
    if errors or workflow is None:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                ticket_type = TicketType.objects.create(
                    code=code,
                    name_zh=name_zh.strip(),
                    name_en=name_en.strip(),
                    number_prefix=prefix,
                )
        except IntegrityError:
            raise Conflict(
                _("Another work order type already uses this code or prefix."),
                code="type_taken",
            ) from None
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=ticket_type,
            changes={
                "code": [None, code],
                "name_zh": [None, ticket_type.name_zh],
                "name_en": [None, ticket_type.name_en],
                "number_prefix": [None, prefix],
            },
        )
        _store(actor, ticket_type, workflow)
    return ticket_type
