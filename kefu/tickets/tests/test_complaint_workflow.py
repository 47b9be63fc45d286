"""Complaint workflow (投诉处理流程): callback before archive, reopening, major escalation."""

from __future__ import annotations

from kefu.tickets.categories import StatusCategory
from kefu.tickets.presets import preset
from kefu.tickets.tests.helpers import all_permissions, apply, filled_form
from kefu.tickets.workflow import available, decide

COMPLAINT = preset("complaint")
EVERYTHING = all_permissions(COMPLAINT)


def walk_to_callback() -> str:
    state = "received"
    for code in (
        "classify",
        "forward",
        "start_investigation",
        "submit_findings",
        "reply",
        "confirm_satisfied",
    ):
        state = apply(COMPLAINT, state, code)
    return state


def archive(*, facts: dict[str, bool], provided: dict[str, object] | None = None):
    return decide(
        COMPLAINT,
        state="pending_callback",
        transition="archive",
        granted=EVERYTHING,
        facts=facts,
        provided={"callback_outcome": "满意"} if provided is None else provided,
    )


def test_the_happy_path_follows_the_seed_steps_to_the_callback_and_archive():
    state = walk_to_callback()
    assert state == "pending_callback"
    assert apply(COMPLAINT, state, "archive", callback_done=True, satisfied=True) == "archived"


def test_a_complaint_cannot_be_archived_before_its_callback_is_done():
    decision = archive(facts={"callback_done": False, "satisfied": True})
    assert not decision.allowed
    [refusal] = decision.reasons
    assert refusal.code == "condition:callback_done"
    assert refusal.message_zh == "回访完成前不能归档：投诉必须先完成回访。"
    assert refusal.message_en == "A complaint cannot be archived before its callback is done."


def test_an_unknown_callback_fact_refuses_the_archive_too():
    decision = archive(facts={"satisfied": True})
    assert [r.code for r in decision.reasons] == ["condition:callback_done"]


def test_a_complaint_can_be_archived_once_the_callback_is_done():
    assert archive(facts={"callback_done": True, "satisfied": True}).allowed


def test_archiving_needs_the_callback_outcome_written_down():
    decision = archive(facts={"callback_done": True, "satisfied": True}, provided={})
    assert [r.code for r in decision.reasons] == ["missing_field:callback_outcome"]
    assert decision.reasons[0].message_zh == "请填写“回访结果”。"


def test_archive_is_not_offered_until_the_callback_is_done():
    before = available(COMPLAINT, state="pending_callback", granted=EVERYTHING, facts={})
    after = available(
        COMPLAINT,
        state="pending_callback",
        granted=EVERYTHING,
        facts={"callback_done": True, "satisfied": True},
    )
    assert "archive" not in [t.code for t in before]
    assert "archive" in [t.code for t in after]


def test_archive_is_only_possible_from_the_callback_step():
    for state in COMPLAINT.states:
        if state.code != "pending_callback":
            decision = decide(
                COMPLAINT,
                state=state.code,
                transition="archive",
                granted=EVERYTHING,
                facts={"callback_done": True, "satisfied": True},
                provided={"callback_outcome": "ok"},
            )
            assert "wrong_state" in [r.code for r in decision.reasons]


def test_a_dissatisfied_customer_reopens_the_complaint():
    move = COMPLAINT.transition("confirm_dissatisfied")
    assert move is not None
    assert "reopen_count" in move.effects
    target = apply(COMPLAINT, "awaiting_confirmation", "confirm_dissatisfied", satisfied=False)
    state = COMPLAINT.state(target)
    assert state is not None
    assert state.category is StatusCategory.OPEN


def test_a_satisfied_customer_cannot_take_the_reopen_path():
    decision = decide(
        COMPLAINT,
        state="awaiting_confirmation",
        transition="confirm_dissatisfied",
        granted=EVERYTHING,
        facts={"satisfied": True},
        provided={"satisfaction": "满意"},
    )
    assert [r.code for r in decision.reasons] == ["condition:not_satisfied"]


def test_a_dissatisfied_callback_reopens_the_complaint():
    move = COMPLAINT.transition("callback_dissatisfied")
    assert move is not None
    assert move.is_reopen
    target = apply(
        COMPLAINT, "pending_callback", "callback_dissatisfied", callback_done=True, satisfied=False
    )
    state = COMPLAINT.state(target)
    assert state is not None
    assert state.category is StatusCategory.OPEN


def test_an_archived_complaint_can_only_be_reopened():
    moves = COMPLAINT.outgoing("archived")
    assert [t.code for t in moves] == ["reopen"]
    assert apply(COMPLAINT, "archived", "reopen") == "investigating"


def test_a_major_complaint_escalates_to_the_senior_manager():
    move = COMPLAINT.transition("escalate_major")
    assert move is not None
    assert "escalate_to_senior_manager" in move.effects
    assert apply(COMPLAINT, "received", "escalate_major", major_complaint=True) == "classified"


def test_a_major_complaint_cannot_be_classified_as_an_ordinary_one():
    decision = decide(
        COMPLAINT,
        state="received",
        transition="classify",
        granted=EVERYTHING,
        facts={"major_complaint": True},
        provided={"category": "服务态度"},
    )
    assert [r.code for r in decision.reasons] == ["condition:not_major_complaint"]


def test_forwarding_issues_a_work_contact_order_with_action_and_deadline():
    move = COMPLAINT.transition("forward")
    assert move is not None
    assert move.effects == ("issue_contact_order",)
    assert set(move.required_fields) == {
        "responsible_department",
        "requested_action",
        "reply_due_at",
    }
    target = COMPLAINT.state(move.target)
    assert target is not None
    assert target.category is StatusCategory.WAITING_ON_PARTNER


def test_findings_need_both_cause_and_solution():
    decision = decide(
        COMPLAINT,
        state="investigating",
        transition="submit_findings",
        granted=EVERYTHING,
        facts={},
        provided={"cause": "员工态度", "solution": "  "},
    )
    assert [r.code for r in decision.reasons] == ["missing_field:solution"]


def test_an_agent_without_the_forward_permission_is_refused():
    move = COMPLAINT.transition("forward")
    assert move is not None
    decision = decide(
        COMPLAINT,
        state="classified",
        transition="forward",
        granted=EVERYTHING - {"tickets.forward_ticket"},
        facts={},
        provided=filled_form(move),
    )
    assert not decision.allowed
    [refusal] = decision.reasons
    assert refusal.code == "permission"
    assert "开具工作联系单转责任部门" in refusal.message_zh
    assert "permission" in refusal.message_en
