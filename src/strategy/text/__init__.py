"""Polish text of the documents: numbers, dates and amounts, agreement, and the sentences.

In: numbers and analysis results (trends, comparisons, forecasts, SWOT items) with the catalogue
indicators they belong to.
Out: Polish strings. The helpers are re-exported here: ``numbers`` formats (babel, ``pl_PL``),
``grammar`` agrees nouns with numerals and verbs with genders, ``values`` prints an indicator's
value by its kind, ``organs`` names a gmina's organs; ``cells`` is the text of table cells, one
rule for the notebooks and the Word tables; ``sentences`` holds the building blocks of a
sentence (a subject, a value, a year).

Every sentence is written once, in the module of its chapter (imported by name, not re-exported
here, so that importing the helpers does not load the analysis):

* ``diagnoza_obszary`` - an area of a diagnosis: level, comparison with the powiat and rank,
  trend, forecast, meaning for services;
* ``prognoza`` - why a forecast was not made, the forecast's method paragraphs;
* ``ranking`` - how the problem areas were scored; ``swot`` - the SWOT suggestions;
* ``metodologia`` - the methodology paragraphs of a diagnosis, in order;
* ``wykresy`` - the captions of a diagnosis' charts;
* ``realizacja`` - what a target's degree of achievement means.

The sentences of the documents' own chapters, one module per document:

* ``diagnoza`` - the diagnosis (introduction, comparison, forecast, ranking and SWOT chapters);
* ``strategia`` and ``strategia_zakres`` - the strategy (its chapters; resources, consultation,
  adoption, abbreviations);
* ``uchwaly`` - the draft resolutions adopting the strategy and the programmes, and the line
  "Załącznik do uchwały nr …" on the covers of the adopted documents;
* ``program_rodziny``, ``program_pieczy`` - the family-support and foster-care programmes;
* ``sprawozdanie`` - the implementation report; ``kontrola`` - the control annex;
  ``konsultacje`` - the consultation report;
* ``wspolne`` - what several documents share (the demo note, the notes under the targets, a
  programme's funding, the missing monitoring).
"""
from .grammar import (DIRECTIONS, NOUNS, VERBS, TextError, direction_of, direction_verb,
                      in_unit, name_in_unit, noun_form, plural, powiat_genitive, plural_category,
                      rank_phrase, verb)
from .numbers import (NBSP, NO_DATA, fmt_amount, fmt_date, fmt_number, fmt_percent, fmt_pp,
                      fmt_signed, fmt_year, is_missing, round_half_up, shown_difference)
from .organs import gmina_organ, organ_of
from .values import KIND_DECIMALS, fmt_change, fmt_value

__all__ = [
    "DIRECTIONS", "KIND_DECIMALS", "NBSP", "NOUNS", "NO_DATA", "VERBS", "TextError",
    "direction_of", "direction_verb", "fmt_amount", "fmt_change", "fmt_date", "fmt_number",
    "fmt_percent", "fmt_pp", "fmt_signed", "fmt_value", "fmt_year", "gmina_organ", "in_unit",
    "is_missing", "name_in_unit", "organ_of",
    "noun_form", "plural", "powiat_genitive", "plural_category", "rank_phrase", "round_half_up",
    "shown_difference", "verb",
]
