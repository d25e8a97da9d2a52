"""Achievement of a target follows the indicator's favourable direction."""
import pytest

from strategy.analysis.achievement import (AWAY, BEYOND_LIMIT, EXCEEDED, IN_PROGRESS,
                                           NO_BASELINE, REACHED, WITHIN_LIMIT, WRONG_WAY,
                                           achievement)


def test_caseload_rising_under_a_target_to_rise_is_not_two_hundred_percent():
    # families per assistant (direction worse): 11 -> 13 against a target of 12
    a = achievement(11, 12, 13, "worse")
    assert a.pct is None and a.status == WRONG_WAY and a.planned == 1


def test_moving_away_from_a_target_is_negative_and_says_so():
    # target 11 -> 10 (down is favourable), actual 13: (13 - 11) / (10 - 11) = -200 %
    a = achievement(11, 10, 13, "worse")
    assert a.pct == pytest.approx(-200.0) and a.status == AWAY
    assert a.planned == -1


def test_no_change_scores_zero_as_no_progress():
    a = achievement(11, 10, 11, "worse")
    assert a.pct == 0 and a.status == AWAY and a.planned == -1


def test_part_of_the_way_and_exceeding_are_named():
    # care services per 1000 65+ (better): 20 -> 30, actual 25 = 50 %; 35 = 150 %
    a = achievement(20, 30, 25, "better")
    assert a.pct == pytest.approx(50.0) and a.status == IN_PROGRESS
    b = achievement(20, 30, 35, "better")
    assert b.pct == pytest.approx(150.0) and b.status == EXCEEDED
    c = achievement(20, 30, 30, "better")
    assert c.pct == 100 and c.status == REACHED


def test_neutral_indicator_takes_the_planned_direction():
    assert achievement(4, 8, 6, "neutral").pct == pytest.approx(50.0)
    assert achievement(8, 4, 6, "neutral").pct == pytest.approx(50.0)


def test_keeping_the_level():
    assert achievement(5, 5, 4, "worse").status == REACHED
    a = achievement(5, 5, 6, "worse")
    assert a.status == AWAY and a.pct == 0 and a.planned == 0


def test_without_baseline_nothing_is_scored():
    a = achievement(float("nan"), 10, 8, "better")
    assert a.pct is None and a.status == NO_BASELINE


def test_exceeding_is_said_in_the_status_not_only_in_the_percentage():
    # unemployment share (worse): 3,12 -> 3,0 planned (-0,12), actual 2,88 (-0,24) = 200 %
    a = achievement(3.12, 3.0, 2.88, "worse")
    assert a.pct == pytest.approx(200.0) and a.status == EXCEEDED == "cel przekroczony"


def test_a_justified_worse_target_is_a_ceiling_never_an_achievement():
    # families per assistant (worse) 11 -> 13 accepted with a justification
    within = achievement(11, 13, 12, "worse", justified=True)
    assert within.pct is None and within.status == WITHIN_LIMIT
    beyond = achievement(11, 13, 14, "worse", justified=True)
    assert beyond.pct is None and beyond.status == BEYOND_LIMIT
    # a favourable target with a justification is scored as any other: (10 - 11) / (9 - 11)
    assert achievement(11, 9, 10, "worse", justified=True).pct == pytest.approx(50.0)
    # a count that should rise (better) falling under a justified lower target
    assert achievement(5, 4, 3, "better", justified=True).status == BEYOND_LIMIT
