"""Publishing workflows: refusals in Chinese, new versions, open work orders keep theirs."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.utils import translation

from kefu.audit.models import AuditEntry
from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.tickets.models import TicketType, WorkflowVersion
from kefu.tickets.problems import explain, is_known
from kefu.tickets.services import (
    apply_transition,
    create_ticket_type,
    publish_workflow,
    publishing,
)
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.workflow import from_dict, validate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chinese() -> Any:
    with translation.override("zh-hans"):
        yield


def consultation() -> dict[str, Any]:
    current = WorkflowVersion.objects.current_for("consultation")
    assert current is not None
    return copy.deepcopy(current.definition)


def with_triage(data: dict[str, Any]) -> dict[str, Any]:
    """Consultation v2: "recorded" is renamed "registered" and a triage step comes first."""
    data["states"][0].update(code="registered", label_zh="已登记", label_en="Registered")
    data["states"].insert(
        1,
        {"code": "triage", "label_zh": "分诊中", "label_en": "Triage", "category": "open"},
    )
    data["transitions"].insert(
        0,
        {
            "code": "triage",
            "label_zh": "分诊",
            "label_en": "Triage",
            "sources": ["registered"],
            "target": "triage",
            "permission": "tickets.reply_ticket",
        },
    )
    for move in data["transitions"]:
        move["sources"] = [{"recorded": "triage"}.get(source, source) for source in move["sources"]]
    return data


def kind(code: str) -> TicketType:
    return TicketType.objects.get(code=code)


def test_publishing_an_invalid_workflow_lists_every_problem_in_chinese_and_writes_nothing(cast):
    data = consultation()
    data["states"].append(
        {"code": "limbo", "label_zh": "悬空", "label_en": "Limbo", "category": "open"}
    )
    data["transitions"][0]["effects"] = ["send_flowers"]
    data["transitions"][1]["permission"] = "tickets.fly_ticket"
    audit_before = AuditEntry.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        publish_workflow(actor=cast.admin, ticket_type=kind("consultation"), definition=data)
    problems = refused.value.fields["definition"]
    assert "状态“limbo”无法从初始状态到达。" in problems
    assert "状态“limbo”是死胡同：它不是终止状态，也没有可离开的操作。" in problems
    assert "操作“answer”使用了未知的效果“send_flowers”。" in problems
    assert "操作“defer”：权限“tickets.fly_ticket”不存在。" in problems
    assert len(problems) == 4
    assert "无法发布" in refused.value.message
    assert WorkflowVersion.objects.filter(ticket_type__code="consultation").count() == 1
    assert AuditEntry.objects.count() == audit_before


def test_a_malformed_definition_is_refused_with_where_it_is_wrong(cast):
    data = consultation()
    data["states"][2]["category"] = "sleeping"
    with pytest.raises(ValidationFailed) as refused:
        publish_workflow(actor=cast.admin, ticket_type=kind("consultation"), definition=data)
    assert refused.value.fields["definition"] == ["states[2]：“sleeping”不是状态大类。"]


def test_every_problem_the_checks_can_find_has_a_chinese_wording():
    data: dict[str, Any] = {
        "type_code": "Bad-Code",
        "version": 1,
        "states": [
            {"code": "a", "label_zh": "", "label_en": "A", "category": "new", "is_initial": True},
            {"code": "a", "label_zh": "甲", "label_en": "A", "category": "open",
             "is_initial": True},
            {"code": "Up", "label_zh": "乙", "label_en": "B", "category": "closed"},
            {"code": "f", "label_zh": "终", "label_en": "F", "category": "open",
             "is_final": True, "is_initial": True},
            {"code": "loop", "label_zh": "环", "label_en": "L", "category": "open"},
        ],
        "transitions": [
            {"code": "x", "label_zh": "", "label_en": "X", "sources": [], "target": "nowhere",
             "permission": "nope", "required_fields": ["shoe_size"], "conditions": ["moon"],
             "effects": ["fireworks"], "messages": {"sun": {"zh": "太阳", "en": "sun"}}},
            {"code": "x", "label_zh": "叉", "label_en": "X", "sources": ["ghost", "f"],
             "target": "a", "permission": "tickets.reply_ticket"},
            {"code": "Y", "label_zh": "叉", "label_en": "Y", "sources": ["loop"],
             "target": "loop", "permission": "tickets.reply_ticket"},
        ],
    }  # fmt: skip
    problems = validate(from_dict(data))
    assert len(problems) >= 20
    unknown = [p for p in problems if not is_known(p)]
    assert unknown == []
    with translation.override("zh-hans"):
        assert all(explain(p) != p for p in problems)
        assert explain("something new") == "流程问题：something new"


def test_a_valid_workflow_becomes_version_2_and_is_audited(cast):
    version = publish_workflow(
        actor=cast.admin,
        ticket_type=kind("consultation"),
        definition=with_triage(consultation()),
        base_version=1,
    )
    assert version.version == 2
    assert version.definition["version"] == 2
    assert version.definition["type_code"] == "consultation"
    assert WorkflowVersion.objects.current_for("consultation") == version
    entry = AuditEntry.objects.get(object_type="tickets.workflowversion", action="create")
    assert entry.actor == cast.admin
    assert entry.changes["version"] == [None, 2]
    assert "triage" in entry.changes["states"][1]


def test_open_work_orders_keep_their_version_and_move_by_its_rules(cast, customer):
    old = open_ticket(cast, customer, "consultation")
    assert (old.workflow_version.version, old.state) == (1, "recorded")
    publish_workflow(
        actor=cast.admin, ticket_type=kind("consultation"), definition=with_triage(consultation())
    )
    new = open_ticket(cast, customer, "consultation")
    assert (new.workflow_version.version, new.state) == (2, "registered")
    # v1 still lets the old work order be answered straight from "recorded"…
    old = apply_transition(
        actor=cast.agent, ticket=old, transition="answer", fields={"reply": "营业时间为9点至18点"}
    )
    assert (old.state, old.workflow_version.version) == ("answered", 1)
    # …while v2 asks for triage first, and v1 knows no such step.
    with pytest.raises(Conflict) as refused:
        apply_transition(actor=cast.agent, ticket=new, transition="answer", fields={"reply": "x"})
    assert "已登记" in refused.value.message
    new = apply_transition(actor=cast.agent, ticket=new, transition="triage", fields={})
    assert (new.state, new.workflow_version.version) == ("triage", 2)


def test_only_an_admin_may_publish(cast):
    for user in (cast.manager, cast.supervisor, cast.agent):
        with pytest.raises(NotPermitted):
            publish_workflow(
                actor=user, ticket_type=kind("consultation"), definition=with_triage(consultation())
            )
    assert WorkflowVersion.objects.filter(ticket_type__code="consultation").count() == 1


def test_publishing_from_a_stale_version_is_a_conflict(cast):
    kind_ = kind("consultation")
    publish_workflow(actor=cast.admin, ticket_type=kind_, definition=with_triage(consultation()))
    with pytest.raises(Conflict) as refused:
        publish_workflow(
            actor=cast.admin,
            ticket_type=kind_,
            definition=with_triage(consultation()),
            base_version=1,
        )
    assert refused.value.code == "stale_version"
    assert WorkflowVersion.objects.filter(ticket_type=kind_).count() == 2


def test_two_publishers_racing_for_one_version_one_wins_the_other_gets_a_conflict(
    cast, monkeypatch
):
    kind_ = kind("consultation")
    data = with_triage(consultation())
    # The loser read "latest is 1" before the winner's version 2 was committed.
    publish_workflow(actor=cast.admin, ticket_type=kind_, definition=data)
    monkeypatch.setattr(publishing, "latest_version", lambda ticket_type: 1)
    data["states"][1]["label_zh"] = "分诊处理中"
    audit_before = AuditEntry.objects.count()
    with pytest.raises(Conflict) as refused:
        publish_workflow(actor=cast.admin, ticket_type=kind_, definition=data)
    assert refused.value.code == "version_taken"
    assert "版本 2" in refused.value.message
    assert WorkflowVersion.objects.get(ticket_type=kind_, version=2).definition["states"][1][
        "label_zh"
    ] == ("分诊中")
    assert AuditEntry.objects.count() == audit_before


def test_publishing_an_unchanged_workflow_is_refused(cast):
    with pytest.raises(ValidationFailed) as refused:
        publish_workflow(
            actor=cast.admin, ticket_type=kind("consultation"), definition=consultation()
        )
    assert refused.value.code == "unchanged"
    assert WorkflowVersion.objects.filter(ticket_type__code="consultation").count() == 1


def test_a_new_type_gets_its_workflow_as_version_1_and_opens_work_orders(cast, customer):
    data = with_triage(consultation())
    created = create_ticket_type(
        actor=cast.admin,
        code="booking",
        name_zh="预约",
        name_en="Booking",
        number_prefix="yy",
        definition=data,
    )
    assert (created.number_prefix, created.name_zh) == ("YY", "预约")
    version = WorkflowVersion.objects.get(ticket_type=created)
    assert (version.version, version.definition["type_code"]) == (1, "booking")
    ticket = open_ticket(cast, customer, "booking")
    assert ticket.number.startswith("YY")
    assert ticket.state == "registered"
    assert AuditEntry.objects.filter(object_type="tickets.tickettype", action="create").exists()


def test_a_new_type_refuses_a_taken_or_reserved_prefix_and_a_bad_code(cast):
    data = consultation()
    data["transitions"][0]["effects"] = ["send_flowers"]
    with pytest.raises(ValidationFailed) as refused:
        create_ticket_type(
            actor=cast.admin,
            code="Booking",
            name_zh="",
            name_en="Booking",
            number_prefix="LX",
            definition=data,
        )
    fields = refused.value.fields
    assert set(fields) == {"code", "name_zh", "number_prefix", "definition"}
    assert fields["number_prefix"] == ["前缀 LX 已用于工作联系单。"]
    assert fields["definition"] == ["操作“answer”使用了未知的效果“send_flowers”。"]
    with pytest.raises(ValidationFailed) as refused:
        create_ticket_type(
            actor=cast.admin,
            code="booking",
            name_zh="预约",
            name_en="Booking",
            number_prefix="TS",
            definition=consultation(),
        )
    assert refused.value.fields["number_prefix"] == ["已有其他工单类型使用此前缀。"]
    assert not TicketType.objects.filter(code__iexact="booking").exists()


def test_only_an_admin_may_add_a_type(cast):
    with pytest.raises(NotPermitted):
        create_ticket_type(
            actor=cast.manager,
            code="booking",
            name_zh="预约",
            name_en="Booking",
            number_prefix="YY",
            definition=consultation(),
        )
    assert not TicketType.objects.filter(code="booking").exists()
