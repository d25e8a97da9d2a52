"""The methodology of a diagnosis ("Metoda" in the introduction, ``Diagnosis.methodology``):
its paragraphs in the order they are printed, each written from the analysis' own constants.

In: the forecast horizon, the years a trend and a forecast rest on, whether the data are demo.
Out: :func:`methodology` - the list of paragraphs; the single paragraphs :func:`demo_note`,
:func:`derived_values_rule`, :func:`position_rule`, :func:`trend_rule`; the ranking's paragraph
is :func:`strategy.text.ranking.ranking_rule`, the forecast's
:func:`strategy.text.prognoza.method_paragraphs` (those chapters print them too).
"""
from __future__ import annotations

from .. import DEMO_MARK
from ..analysis.compare import SIMILAR_REL
from ..analysis.trend import CONFIDENCE, MIN_COUNT_MEAN, MIN_POINTS_TEST, NOISE_Z, SMALL_CHANGE_PCT
from .numbers import fmt_number, fmt_percent
from .prognoza import method_paragraphs
from .ranking import ranking_rule


def demo_note() -> str:
    """Return the note that the figures are generated (first paragraph of a demo diagnosis)."""
    return (f"{DEMO_MARK}: liczby w tej diagnozie są wygenerowane i służą wyłącznie do "
            "pokazania działania narzędzia.")


def derived_values_rule() -> str:
    """Return how rates, shares and the powiat's values were computed."""
    return ("Wskaźniki w przeliczeniu na mieszkańców i udziały obliczono z liczb bezwzględnych. "
            "Wartości dla powiatu to sumy liczb z gmin podzielone przez sumy mianowników, a nie "
            "średnie wskaźników gmin; wartość dla powiatu podano tylko wtedy, gdy dane miały "
            "wszystkie gminy.")


def position_rule() -> str:
    """Return the rule of a gmina's position among the gminas of its powiat and its rank."""
    return ("Położenie gminy względem pozostałych gmin powiatu określono regułą rozstępu "
            "ćwiartkowego: wartość uznaje się za wyraźnie wyższą („powyżej”) lub niższą "
            "(„poniżej”) od mediany gmin, gdy różni się od niej o więcej niż połowę rozstępu "
            "między pierwszym a trzecim kwartylem; w pozostałych przypadkach jest „w pobliżu” "
            "mediany. Miejsce 1 oznacza sytuację najkorzystniejszą w powiecie; gminy o równych "
            "wartościach zajmują to samo miejsce. Liczebności (np. liczby osób) nie są "
            "porównywane między gminami, bo zależą od liczby mieszkańców – porównuje się "
            "wskaźniki w przeliczeniu na mieszkańców lub udziały. Ocenę „korzystniej” lub „mniej "
            "korzystnie” niż w powiecie podano, gdy wartość gminy różni się od wartości powiatu "
            f"o co najmniej {fmt_percent(SIMILAR_REL * 100, 0)} tej wartości; mniejsze różnice "
            "opisano jako „podobnie jak w powiecie”.")


def trend_rule(years: int | None = None) -> str:
    """Return how trends are judged; ``years``: the number of years a trend is computed over,
    stated once (None: not stated)."""
    span = ("" if years is None else
            f" Tendencje oceniano na podstawie wartości z {years} ostatnich lat (po jednej "
            "obserwacji na rok); liczbę obserwacji podano przy wskaźniku tylko wtedy, gdy "
            "brakowało danych za część tych lat.")
    confidence = fmt_percent(CONFIDENCE * 100, 0).removesuffix("%")
    return ("Kierunek zmian oceniono na podstawie prostej trendu dopasowanej metodą najmniejszych "
            f"kwadratów do wartości z kolejnych lat. Trend uznano za istotny, gdy {confidence}-"
            "procentowy przedział ufności nachylenia nie obejmuje zera (wymaga to danych z co "
            f"najmniej {MIN_POINTS_TEST} lat). Gdy trend nie jest istotny, a zmiana między "
            "pierwszym i ostatnim rokiem nie przekracza "
            f"{fmt_percent(SMALL_CHANGE_PCT, 0)}, sytuację opisano jako stabilną („bez zmian”). "
            "Średnie roczne tempo zmian to średnie geometryczne tempo między pierwszym i "
            "ostatnim rokiem. Zmian liczb bezwzględnych (np. liczby osób lub rodzin) nie "
            "uznawano za istotne, gdy liczby te są małe – średnio mniej niż "
            f"{MIN_COUNT_MEAN} w roku – albo gdy różnica między pierwszym i ostatnim rokiem nie "
            f"przekracza {_times(NOISE_Z)} pierwiastka z sumy obu wartości (tyle wynoszą zwykłe "
            "wahania takich liczb); zmianę opisano wtedy wprost, bez oceny tendencji." + span)


def _times(z: float) -> str:
    """Return "dwukrotności" for 2 (the multiple after "nie przekracza"), else "N-krotności"."""
    return {2.0: "dwukrotności", 3.0: "trzykrotności"}.get(float(z),
                                                          f"{fmt_number(z, 1)}-krotności")


def methodology(horizon: int, *, demo: bool, trend_years: int, window: int,
                damping: float) -> list[str]:
    """Return the methodology paragraphs of a diagnosis in their order: the demo note (demo
    data only), derived values, position and rank, trends, the ranking, the forecast."""
    paras = [derived_values_rule(), position_rule(), trend_rule(trend_years), ranking_rule()]
    paras += method_paragraphs(horizon, window, damping)
    return ([demo_note()] if demo else []) + paras
