"""Consultation, repair and after-sales presets (咨询、报修、售后流程): their seed rules."""

from __future__ import annotations

from kefu.tickets.presets import preset
from kefu.tickets.tests.helpers import all_permissions, apply
from kefu.tickets.workflow import decide

CONSULTATION = preset("consultation")
REPAIR = preset("repair")
AFTER_SALES = preset("after_sales")


def test_a_consultation_that_cannot_be_answered_now_needs_a_promised_reply_time():
    decision = decide(
        CONSULTATION,
        state="recorded",
        transition="defer",
        granted=all_permissions(CONSULTATION),
        facts={},
        provided={},
    )
    assert [r.code for r in decision.reasons] == ["missing_field:promised_reply_at"]
    move = CONSULTATION.transition("defer")
    assert move is not None
    assert "set_promised_reply" in move.effects


def test_a_consultation_keeps_being_answered_until_the_customer_is_satisfied():
    state = apply(CONSULTATION, "recorded", "answer")
    state = apply(CONSULTATION, state, "still_questions", satisfied=False)
    state = apply(CONSULTATION, state, "answer")
    assert apply(CONSULTATION, state, "confirm_satisfied", satisfied=True) == "closed"


def test_a_repair_goes_dispatch_repair_acceptance_callback_close():
    state = "reported"
    for code in ("dispatch", "start_repair", "complete_repair", "accept"):
        state = apply(REPAIR, state, code)
    assert state == "pending_callback"
    assert apply(REPAIR, state, "close", callback_done=True, satisfied=True) == "closed"


def test_a_repair_cannot_be_closed_before_its_callback_is_done():
    decision = decide(
        REPAIR,
        state="pending_callback",
        transition="close",
        granted=all_permissions(REPAIR),
        facts={"callback_done": False, "satisfied": True},
        provided={"callback_outcome": "满意"},
    )
    assert [r.message_en for r in decision.reasons] == [
        "A repair cannot be closed before its callback is done."
    ]


def test_a_late_contractor_can_be_replaced_only_when_overdue_and_is_penalised():
    move = REPAIR.transition("reassign_overdue")
    assert move is not None
    assert "record_partner_penalty" in move.effects
    decision = decide(
        REPAIR,
        state="repairing",
        transition="reassign_overdue",
        granted=all_permissions(REPAIR),
        facts={"partner_overdue": False},
        provided={},
    )
    codes = [r.code for r in decision.reasons]
    assert "condition:partner_overdue" in codes
    assert "missing_field:penalty_evidence" in codes


def test_a_quality_claim_cannot_be_approved_without_photo_evidence():
    decision = decide(
        AFTER_SALES,
        state="reviewing",
        transition="approve_quality_claim",
        granted=all_permissions(AFTER_SALES),
        facts={"quality_claim": True},
        provided={"resolution": "换货", "photo_evidence": []},
    )
    assert not decision.allowed
    [refusal] = decision.reasons
    assert refusal.code == "missing_field:photo_evidence"
    assert refusal.message_zh == "请填写“照片证明”。"


def test_a_quality_claim_with_photos_is_approved():
    decision = decide(
        AFTER_SALES,
        state="reviewing",
        transition="approve_quality_claim",
        granted=all_permissions(AFTER_SALES),
        facts={"quality_claim": True},
        provided={"resolution": "换货", "photo_evidence": ["photo-1.jpg"]},
    )
    assert decision.allowed


def test_a_quality_claim_cannot_skip_the_photo_route():
    decision = decide(
        AFTER_SALES,
        state="requested",
        transition="review",
        granted=all_permissions(AFTER_SALES),
        facts={"quality_claim": True},
        provided={"claim_reason": "破损"},
    )
    assert [r.code for r in decision.reasons] == ["condition:not_quality_claim"]


def test_a_rejection_needs_a_reason():
    decision = decide(
        AFTER_SALES,
        state="reviewing",
        transition="reject",
        granted=all_permissions(AFTER_SALES),
        facts={},
        provided={"reject_reason": ""},
    )
    assert [r.code for r in decision.reasons] == ["missing_field:reject_reason"]


def test_a_quality_claim_walks_photos_review_approval_and_return_order():
    state = apply(AFTER_SALES, "requested", "request_photos", quality_claim=True)
    state = apply(AFTER_SALES, state, "receive_photos")
    state = apply(AFTER_SALES, state, "approve_quality_claim", quality_claim=True)
    assert apply(AFTER_SALES, state, "record_return") == "completed"
