"""The generated text says each thing once and only what the figures carry: an indicator
named once per paragraph, no statistical wording for small counts, no direction read from a
forecast whose interval is wider than its value, one assessment for the comparison table and
sentence, no first priority from a ranking whose scores are all near zero."""
from __future__ import annotations

from types import SimpleNamespace as NS

from strategy.analysis.compare import BETTER, SIMILAR, WORSE, assessment
from strategy.analysis.ranking import STANDOUT_SCORE, stands_out
from strategy.text import diagnoza


# ---- ranking: no first priority from scores all near zero --------------------------------------
def test_threshold_is_a_quarter_of_the_largest_score():
    assert STANDOUT_SCORE == 0.25
    assert not stands_out(0.12) and not stands_out(0.0) and not stands_out(None)
    assert stands_out(0.25) and stands_out(0.63)


def test_near_zero_ranking_names_no_first_priority():
    # every area between 0,00 and 0,12: the highest is 0,12 < 0,25
    text = diagnoza.ranking_top("Przemoc domowa", 0.12)
    assert "Przemoc domowa" not in text and "Najwyższy wynik ma obszar" not in text
    assert text.startswith("Żaden obszar nie wyróżnia się wyraźnie: najwyższy wynik obszaru "
                           "to 0,12 w skali od 0 do 1, czyli poniżej progu 0,25")
    assert "nie wskazuje priorytetu" in text
    # a score at the threshold names its area
    assert diagnoza.ranking_top("Przemoc domowa", 0.25).startswith(
        "Najwyższy wynik ma obszar „Przemoc domowa”")


# ---- one assessment for the table and the sentence ---------------------------------------------
def test_assessment_band_is_ten_percent_of_the_powiat_value():
    # powiat 100: 90 < x < 110 is similar; 110 and above is worse for a "worse" indicator
    assert assessment("worse", 109.9, 100.0) == SIMILAR
    assert assessment("worse", 90.1, 100.0) == SIMILAR
    assert assessment("worse", 110.0, 100.0) == WORSE
    assert assessment("worse", 90.0, 100.0) == BETTER
    assert assessment("better", 110.0, 100.0) == BETTER
    assert assessment("better", 40.4, 875.7) == WORSE      # far below: never "podobnie"
    assert assessment("neutral", 150.0, 100.0) is None
    assert assessment("worse", float("nan"), 100.0) is None
    assert assessment("worse", 0.0, 0.0) == SIMILAR
    assert assessment("worse", 1.0, 0.0) == WORSE


def test_ranking_rule_states_the_threshold():
    from strategy.text import ranking
    assert ("wyróżniający się, gdy jego wynik wynosi co najmniej 0,25 (jedną czwartą "
            "największego możliwego wyniku)") in ranking.ranking_rule()
