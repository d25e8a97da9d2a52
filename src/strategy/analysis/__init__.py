"""Analysis of the tidy store: derived rates, powiat aggregates, comparisons, trends, forecasts
(prognoza zmian) and problem ranking. Pure functions of frames; no documents, no charts, no
sentences: results are numbers, codes and frames, and their Polish is in :mod:`strategy.text`.

In: the canonical frame of :mod:`strategy.store`, the catalogue and the unit registry.
Out: the long values frame (:func:`compute_values`), comparisons, :class:`Trend`,
:class:`Forecast`, the problem ranking and SWOT suggestions. :mod:`strategy.diagnosis` puts them
together for one unit.
"""
from .compare import COMPARISON_COLUMNS, compare, comparison_row, comparison_rows
from .derive import VALUE_COLUMNS, SeriesLookup, compute_values, series
from .forecast import Forecast, forecast
from .ranking import rank_areas, rank_problems, swot_suggestions
from .trend import Trend, compute_trend, trends_dict, trends_frame

__all__ = ["COMPARISON_COLUMNS", "VALUE_COLUMNS", "Forecast", "SeriesLookup", "Trend", "compare",
           "comparison_row", "comparison_rows", "compute_trend", "compute_values", "forecast",
           "rank_areas", "rank_problems", "series", "swot_suggestions", "trends_dict",
           "trends_frame"]
