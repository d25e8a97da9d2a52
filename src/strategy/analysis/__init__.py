"""Analysis of the tidy store: derived rates, powiat aggregates, comparisons, trends, forecasts
(prognoza zmian) and problem ranking. Pure functions of frames; no documents, no charts.

In: the canonical frame of :mod:`strategy.store`, the catalogue and the unit registry.
Out: the long values frame (:func:`compute_values`), comparisons, :class:`Trend`,
:class:`Forecast`, the problem ranking and SWOT suggestions. :mod:`strategy.diagnosis` puts them
together for one unit.
"""
from .compare import COMPARISON_COLUMNS, compare, comparison_row, comparison_rows, position_rule
from .derive import VALUE_COLUMNS, SeriesLookup, compute_values, series
from .forecast import Forecast, forecast, method_description
from .ranking import rank_areas, rank_problems, ranking_rule, swot_suggestions
from .trend import Trend, compute_trend, trend_rule, trends_dict, trends_frame

__all__ = ["COMPARISON_COLUMNS", "VALUE_COLUMNS", "Forecast", "SeriesLookup", "Trend", "compare",
           "comparison_row", "comparison_rows", "compute_trend", "compute_values", "forecast",
           "method_description", "position_rule", "rank_areas", "rank_problems",
           "ranking_rule", "series", "swot_suggestions", "trend_rule", "trends_dict",
           "trends_frame"]
