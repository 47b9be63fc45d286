import datetime as dt

from kefu.cti.lifecycle import CallState, first_time, last_time, state_of, talk_seconds

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def test_a_call_rings_then_is_answered_then_ends():
    assert state_of(answered_at=None, ended_at=None) is CallState.RINGING
    assert state_of(answered_at=T0, ended_at=None) is CallState.ANSWERED
    assert state_of(answered_at=T0, ended_at=T0 + dt.timedelta(minutes=3)) is CallState.ENDED


def test_a_call_that_ends_without_an_answer_is_missed():
    assert state_of(answered_at=None, ended_at=T0) is CallState.MISSED


def test_talk_time_runs_from_answer_to_end_and_needs_both():
    assert talk_seconds(answered_at=T0, ended_at=T0 + dt.timedelta(seconds=185)) == 185
    assert talk_seconds(answered_at=T0, ended_at=None) is None
    assert talk_seconds(answered_at=None, ended_at=T0) is None


def test_an_end_before_the_answer_gives_no_talk_time():
    assert talk_seconds(answered_at=T0, ended_at=T0 - dt.timedelta(seconds=1)) is None


def test_first_and_last_time_skip_unknown_times():
    later = T0 + dt.timedelta(seconds=30)
    assert first_time(None, later, T0) == T0
    assert last_time(None, later, T0) == later
    assert first_time(None, None) is None
