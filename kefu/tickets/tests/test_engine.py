"""Workflow engine (流程引擎): decisions, guards, validation problems and malformed data."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from kefu.tickets.presets import complaint, preset
from kefu.tickets.vocabulary import condition_holds
from kefu.tickets.workflow import (
    WorkflowFormatError,
    available,
    decide,
    from_dict,
    is_filled,
    validate,
)

COMPLAINT = preset("complaint")


def complaint_data() -> dict[str, Any]:
    return copy.deepcopy(complaint.DATA)


def test_an_unknown_transition_is_refused_with_its_own_reason():
    decision = decide(
        COMPLAINT,
        state="received",
        transition="teleport",
        granted=frozenset(),
        facts={},
        provided={},
    )
    assert not decision.allowed
    assert [r.code for r in decision.reasons] == ["unknown_transition"]


def test_a_refusal_lists_every_reason_at_once():
    decision = decide(
        COMPLAINT,
        state="received",
        transition="archive",
        granted=frozenset(),
        facts={},
        provided={},
    )
    assert [r.code for r in decision.reasons] == [
        "wrong_state",
        "permission",
        "missing_field:callback_outcome",
        "condition:callback_done",
        "condition:satisfied",
    ]
    assert "已受理" in decision.reasons[0].message_zh
    assert "Received" in decision.reasons[0].message_en


def test_nothing_is_available_without_permissions():
    assert available(COMPLAINT, state="received", granted=frozenset(), facts={}) == []


def test_a_guard_named_like_a_fact_follows_that_fact():
    assert condition_holds("satisfied", {"satisfied": True})
    assert not condition_holds("satisfied", {"satisfied": False})


def test_a_negated_guard_holds_only_when_the_fact_is_known_to_be_false():
    assert condition_holds("not_satisfied", {"satisfied": False})
    assert not condition_holds("not_satisfied", {"satisfied": True})
    assert not condition_holds("not_satisfied", {})
    assert not condition_holds("callback_done", {})


@pytest.mark.parametrize("value", [None, "", "   ", [], (), {}, set()])
def test_blank_form_values_do_not_count_as_filled(value):
    assert not is_filled(value)


@pytest.mark.parametrize("value", ["x", 0, False, ["photo.jpg"], {"a": 1}])
def test_real_form_values_count_as_filled(value):
    assert is_filled(value)


def test_validation_finds_unknown_states_and_names():
    data = complaint_data()
    data["transitions"][0].update(target="nowhere", effects=["launch_rocket"])
    data["transitions"][1].update(conditions=["moon_full"], required_fields=["shoe_size"])
    problems = validate(from_dict(data))
    assert "transition classify: unknown target state nowhere" in problems
    assert "transition classify: unknown effect launch_rocket" in problems
    assert "transition escalate_major: unknown guard moon_full" in problems
    assert "transition escalate_major: unknown field shoe_size" in problems


def test_validation_finds_dead_ends_and_unreachable_states():
    data = complaint_data()
    data["transitions"] = [t for t in data["transitions"] if t["code"] != "archive"]
    problems = validate(from_dict(data))
    assert "unreachable state: archived" in problems


def test_validation_finds_a_state_with_no_way_forward():
    data = complaint_data()
    data["transitions"] = [t for t in data["transitions"] if "pending_callback" not in t["sources"]]
    problems = validate(from_dict(data))
    assert "dead end: pending_callback is not final and has no way forward" in problems


def test_validation_refuses_a_final_state_offering_more_than_reopening():
    data = complaint_data()
    reopen = next(t for t in data["transitions"] if t["code"] == "reopen")
    reopen["effects"] = []
    problems = validate(from_dict(data))
    assert "final state archived offers reopen, which is not a reopening" in problems


def test_validation_finds_missing_initial_and_duplicate_codes():
    data = complaint_data()
    data["states"][0]["is_initial"] = False
    data["transitions"].append(copy.deepcopy(data["transitions"][0]))
    problems = validate(from_dict(data))
    assert "no initial state" in problems
    assert "duplicate transition code: classify" in problems


def test_validation_finds_a_trap_with_no_way_to_a_final_state():
    data = complaint_data()
    data["transitions"] = [t for t in data["transitions"] if t["code"] != "reply"]
    data["transitions"].append(
        {
            "code": "loop",
            "label_zh": "循环",
            "label_en": "Loop",
            "sources": ["feedback_received"],
            "target": "investigating",
            "permission": "tickets.handle_ticket",
        }
    )
    problems = validate(from_dict(data))
    assert "no way to a final state from investigating" in problems


def test_validation_refuses_a_malformed_permission():
    data = complaint_data()
    data["transitions"][0]["permission"] = "everyone"
    assert any("is not app.codename" in p for p in validate(from_dict(data)))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": "1"}, "version"),
        ({"version": 0}, "version"),
        ({"states": "received"}, "states"),
        ({"type_code": 7}, "type_code"),
    ],
)
def test_malformed_workflow_data_is_refused(change, message):
    data = {**complaint_data(), **change}
    with pytest.raises(WorkflowFormatError, match=message):
        from_dict(data)


def test_an_unknown_status_category_is_refused():
    data = complaint_data()
    data["states"][0]["category"] = "pending"
    with pytest.raises(WorkflowFormatError, match="unknown category"):
        from_dict(data)


def test_a_transition_with_non_string_sources_is_refused():
    data = complaint_data()
    data["transitions"][0]["sources"] = ["received", 3]
    with pytest.raises(WorkflowFormatError, match="list of strings"):
        from_dict(data)
