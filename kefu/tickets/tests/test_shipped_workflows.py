"""Every shipped workflow (预置流程) is walked: valid, reachable, no dead ends, round-trips."""

from __future__ import annotations

import json
from collections import deque

import pytest

from kefu.tickets.categories import StatusCategory
from kefu.tickets.presets import PRESETS, preset
from kefu.tickets.vocabulary import CONDITIONS, EFFECTS, FIELDS
from kefu.tickets.workflow import Workflow, from_dict, to_dict, validate

WORKFLOWS = sorted(PRESETS.values(), key=lambda w: w.type_code)
IDS = [w.type_code for w in WORKFLOWS]


def bfs(workflow: Workflow, start: str) -> set[str]:
    seen, queue = {start}, deque([start])
    while queue:
        for move in workflow.outgoing(queue.popleft()):
            if move.target not in seen:
                seen.add(move.target)
                queue.append(move.target)
    return seen


def test_the_shipped_types_are_the_five_lowercase_codes():
    assert set(PRESETS) == {"consultation", "complaint", "repair", "after_sales", "suggestion"}
    assert preset("complaint").type_code == "complaint"


def test_an_unknown_type_has_no_preset():
    with pytest.raises(KeyError):
        preset("booking")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=IDS)
def test_every_shipped_workflow_validates_without_problems(workflow):
    assert validate(workflow) == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=IDS)
def test_every_state_is_reachable_from_the_single_initial_state(workflow):
    initials = [s for s in workflow.states if s.is_initial]
    assert len(initials) == 1
    assert initials[0].category is StatusCategory.NEW
    assert bfs(workflow, initials[0].code) == {s.code for s in workflow.states}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=IDS)
def test_every_non_final_state_has_a_way_forward(workflow):
    for state in workflow.states:
        if not state.is_final:
            assert workflow.outgoing(state.code), state.code


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=IDS)
def test_every_state_can_reach_a_final_state(workflow):
    finals = {s.code for s in workflow.states if s.is_final}
    assert finals
    for state in workflow.states:
        assert bfs(workflow, state.code) & finals, state.code


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=IDS)
def test_final_states_are_closed_and_offer_only_reopening(workflow):
    for state in workflow.states:
        if state.is_final:
            assert state.category is StatusCategory.CLOSED
            assert all(t.is_reopen for t in workflow.outgoing(state.code))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=IDS)
def test_every_label_is_given_in_chinese_and_english(workflow):
    assert workflow.label_zh
    assert workflow.label_en
    for item in (*workflow.states, *workflow.transitions):
        assert item.label_zh
        assert item.label_en
        assert item.label_zh != item.label_en


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=IDS)
def test_every_name_a_workflow_uses_is_registered(workflow):
    for move in workflow.transitions:
        assert set(move.required_fields) <= set(FIELDS)
        assert set(move.conditions) <= set(CONDITIONS)
        assert set(move.effects) <= set(EFFECTS)
        assert move.permission.startswith("tickets.")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=IDS)
def test_a_workflow_survives_a_json_round_trip(workflow):
    data = json.loads(json.dumps(to_dict(workflow), ensure_ascii=False))
    assert from_dict(data) == workflow
    assert to_dict(from_dict(data)) == to_dict(workflow)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=IDS)
def test_every_active_state_maps_to_a_working_category(workflow):
    for state in workflow.states:
        if not state.is_final:
            assert state.category is not StatusCategory.CLOSED
