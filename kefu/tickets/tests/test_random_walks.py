"""Random walks (随机游走): allowed transitions never leave a workflow or skip the callback."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kefu.tickets.presets import PRESETS, preset
from kefu.tickets.tests.helpers import all_permissions, filled_form
from kefu.tickets.workflow import Workflow, available, decide, from_dict, to_dict

FACT_NAMES = ("callback_done", "satisfied", "major_complaint", "quality_claim", "partner_overdue")
facts_strategy = st.fixed_dictionaries({name: st.booleans() for name in FACT_NAMES})
workflows = st.sampled_from(sorted(PRESETS)).map(preset)


Step = tuple[str, str, dict[str, bool]]


def walk(workflow: Workflow, data: st.DataObject, steps: int) -> list[Step]:
    """Take up to ``steps`` allowed transitions; return (source, transition, facts) per step."""
    initial = workflow.initial
    assert initial is not None
    state = initial.code
    path: list[Step] = []
    granted = all_permissions(workflow)
    for _ in range(steps):
        facts = data.draw(facts_strategy)
        moves = available(workflow, state=state, granted=granted, facts=facts)
        if not moves:
            continue
        move = data.draw(st.sampled_from(moves))
        decision = decide(
            workflow,
            state=state,
            transition=move.code,
            granted=granted,
            facts=facts,
            provided=filled_form(move),
        )
        assert decision.allowed, decision.reasons
        path.append((state, move.code, facts))
        state = move.target
    return path


@settings(max_examples=200, deadline=None)
@given(workflow=workflows, data=st.data(), steps=st.integers(0, 40))
def test_a_random_walk_of_allowed_transitions_stays_inside_the_workflow(workflow, data, steps):
    codes = {s.code for s in workflow.states}
    for source, transition, _ in walk(workflow, data, steps):
        move = workflow.transition(transition)
        assert move is not None
        assert source in codes
        assert move.target in codes


@settings(max_examples=300, deadline=None)
@given(data=st.data(), steps=st.integers(0, 60))
def test_a_complaint_never_reaches_the_archive_without_passing_the_callback(data, steps):
    complaint = preset("complaint")
    path = walk(complaint, data, steps)
    for index, (source, transition, facts) in enumerate(path):
        move = complaint.transition(transition)
        assert move is not None
        if move.target == "archived":
            assert source == "pending_callback"
            assert facts["callback_done"] is True
            assert facts["satisfied"] is True
            earlier = [code for _, code, _ in path[:index]]
            assert "confirm_satisfied" in earlier  # the step that schedules the callback


@settings(max_examples=50, deadline=None)
@given(workflow=workflows)
def test_to_dict_and_from_dict_round_trip_every_preset(workflow):
    assert from_dict(to_dict(workflow)) == workflow


@given(workflow=workflows, data=st.data())
def test_available_transitions_are_exactly_those_decide_would_allow_with_a_full_form(
    workflow, data
):
    state = data.draw(st.sampled_from([s.code for s in workflow.states]))
    facts = data.draw(facts_strategy)
    granted = frozenset(data.draw(st.sets(st.sampled_from(sorted(all_permissions(workflow))))))
    offered = {t.code for t in available(workflow, state=state, granted=granted, facts=facts)}
    allowed = {
        t.code
        for t in workflow.transitions
        if decide(
            workflow,
            state=state,
            transition=t.code,
            granted=granted,
            facts=facts,
            provided=filled_form(t),
        ).allowed
    }
    assert offered == allowed
