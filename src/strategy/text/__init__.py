"""Polish text of the documents: numbers, dates and amounts, agreement, diagnosis sentences.

In: numbers and analysis results (trends, comparisons, forecasts, SWOT items) with the catalogue
indicators they belong to.
Out: Polish strings - ``numbers`` formats (babel, ``pl_PL``), ``grammar`` agrees nouns with
numerals and verbs with genders, ``values`` prints an indicator's value by its kind, and
``sentences`` builds the sentences of a diagnosis. Everything is re-exported here, except
``cells``: the text of table cells, one rule for the notebooks and the Word tables.
"""
from .grammar import (DIRECTIONS, NOUNS, VERBS, TextError, direction_of, direction_verb,
                      in_unit, name_in_unit, noun_form, plural, powiat_genitive, plural_category,
                      rank_phrase, verb)
from .numbers import (NBSP, NO_DATA, fmt_amount, fmt_date, fmt_number, fmt_percent, fmt_pp,
                      fmt_signed, fmt_year, is_missing, round_half_up, shown_difference)
from .organs import gmina_organ, organ_of
from .sentences import (sentence_comparison, sentence_forecast, sentence_level, sentence_services,
                        sentence_swot, sentence_trend)
from .values import KIND_DECIMALS, fmt_change, fmt_value

__all__ = [
    "DIRECTIONS", "KIND_DECIMALS", "NBSP", "NOUNS", "NO_DATA", "VERBS", "TextError",
    "direction_of", "direction_verb", "fmt_amount", "fmt_change", "fmt_date", "fmt_number",
    "fmt_percent", "fmt_pp", "fmt_signed", "fmt_value", "fmt_year", "gmina_organ", "in_unit",
    "is_missing", "name_in_unit", "organ_of",
    "noun_form", "plural", "powiat_genitive", "plural_category", "rank_phrase", "round_half_up",
    "sentence_comparison", "sentence_forecast", "sentence_level", "sentence_services",
    "sentence_swot",
    "sentence_trend", "shown_difference", "verb",
]
