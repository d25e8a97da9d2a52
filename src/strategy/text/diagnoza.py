"""The sentences of the diagnosis document's own chapters (Diagnoza sytuacji społecznej gminy):
the introduction, the gmina next to the powiat, the forecast, the ranking and the SWOT chapter.

The sentences of an area section are in :mod:`.diagnoza_obszary`, the method paragraphs in
:mod:`.metodologia`, :mod:`.prognoza` and :mod:`.ranking`, the closing sentence of the forecast
chapter (shared with the strategy) is :func:`strategy.text.prognoza.in_areas_note`.

In: plain values (the gmina's name, years, counts, an area's name). Out: Polish paragraphs; a
``{t}`` (``{a}``, ``{r}``) in a paragraph is the place of a cross-reference to a table.
"""
from __future__ import annotations

from ..analysis.ranking import STANDOUT_SCORE, stands_out
from .numbers import fmt_number


def purpose(gmina: str) -> str:
    """Return the first paragraph of the introduction: what the diagnosis is for (art. 16b and
    17 of the act on social assistance)."""
    return (f"Diagnoza sytuacji społecznej gminy {gmina} jest podstawą gminnej strategii "
            "rozwiązywania problemów społecznych (art. 16b ust. 2 pkt 1 i art. 17 ust. 1 pkt 1 "
            "ustawy z dnia 12 marca 2004 r. o pomocy społecznej) oraz programów gminnych, w tym "
            "gminnego programu wspierania rodziny. Opisuje sytuację gminy na tle powiatu w "
            "obszarach przyjętych w diagnozie, wskazuje kierunki zmian i problemy wymagające "
            "działania.")


def data_years(first: int, last: int, year: int) -> str:
    """Return the paragraph on the years of the data, ending with a colon before the list of
    sources: "Wykorzystano dane z lat 2015–2024 (rokiem diagnozy jest 2024 r.) pochodzące z
    następujących źródeł:"."""
    span = f"z {first} r." if first == last else f"z lat {first}–{last}"
    return (f"Wykorzystano dane {span} (rokiem diagnozy jest {year} r.) pochodzące z "
            "następujących źródeł:")


def comparison_summary(n: int, better: int, worse: int) -> str:
    """Return the sentence under the comparison table (``{t}``): of ``n`` comparable
    indicators the gmina fares better in ``better`` and worse in ``worse``."""
    return (f"Spośród {n} wskaźników porównywalnych z powiatem (zob. {{t}}) gmina wypada "
            f"korzystniej w {better}, a mniej korzystnie w {worse}; pozostałe są zbliżone do "
            "wartości powiatu albo nie mają oceny (wskaźniki neutralne). Miejsce liczone jest od "
            "najkorzystniejszej sytuacji wśród gmin powiatu.")


def comparison_fewer(n_gminas: int) -> str:
    """Return the sentence under the comparison table when some indicators have data for
    fewer gminas than the powiat has: the rank is among those with data."""
    return (f"Gdy dane wskaźnika ma mniej gmin niż wszystkie {n_gminas} gmin powiatu, miejsce "
            "podano wśród gmin, dla których są dane (np. „3 z 9”).")


def forecast_table_note(made: int, total: int) -> str:
    """Return the sentence under the forecast table (``{t}``): ``made`` of ``total`` key
    indicators have a forecast."""
    return (f"Prognozy {made} z {total} wskaźników kluczowych zestawiono w tabeli (zob. {{t}}); "
            "dla pozostałych podano powód, dla którego prognozy nie sporządzono.")


def ranking_top(area: str, score: float | None = None) -> str:
    """Return the sentence under the ranking tables: the area with the highest score (``{a}``:
    the table of areas, ``{r}``: the table of the parts of the score). With its ``score``
    below :data:`strategy.analysis.ranking.STANDOUT_SCORE` no area stands out and none is named
    as the first priority (:func:`ranking_flat`)."""
    parts = ("Wynik wskaźnika jest sumą trzech składników: odchylenia od powiatu, niekorzystnej "
             "tendencji i poziomu (zob. {r}).")
    if score is not None and not stands_out(score):
        return f"{ranking_flat(score)} {parts}"
    return f"Najwyższy wynik ma obszar „{area}” (zob. {{a}}). {parts}"


def ranking_flat(score: float) -> str:
    """Return the sentence of a ranking whose highest area score (``score``, 0-1) is below
    :data:`strategy.analysis.ranking.STANDOUT_SCORE`: no area stands out (``{a}``: the table)."""
    return (f"Żaden obszar nie wyróżnia się wyraźnie: najwyższy wynik obszaru to "
            f"{fmt_number(score, 2)} w skali od 0 do 1, czyli poniżej progu "
            f"{fmt_number(STANDOUT_SCORE, 2)} przyjętego dla obszaru wymagającego pierwszeństwa "
            "(zob. {a}). Kolejność obszarów w tabeli wynika z niewielkich różnic i nie wskazuje "
            "priorytetu.")


def ranking_too_few() -> str:
    """Return the paragraph when the data are too few to rank the areas."""
    return ("Danych jest za mało, aby uszeregować obszary problemowe: żaden wskaźnik względny "
            "gminy nie ma w roku diagnozy wartości porównywalnej z powiatem.")


def ranking_none() -> str:
    """Return the paragraph of a ranking in which no indicator scored above zero."""
    return ("Żaden wskaźnik nie uzyskał dodatniego wyniku: dane nie wskazują problemów "
            "wyraźnie odbiegających od sytuacji w powiecie.")


def areas_not_scored(areas: list[str]) -> str:
    """Return the sentence on the areas the ranking could not score (no data of the gmina)."""
    return f"Brak danych gminy w obszarach: {', '.join(areas)} – tych obszarów nie oceniono."


def ranking_none_partial(areas: list[str]) -> str:
    """Return the paragraph of a ranking with no indicator above zero when the gmina has no
    data in some areas: the all-clear is said of the areas with data only."""
    return ("Żaden wskaźnik nie uzyskał dodatniego wyniku: w obszarach, dla których gmina ma "
            "dane, dane nie wskazują problemów wyraźnie odbiegających od sytuacji w powiecie. "
            + areas_not_scored(areas))


def swot_intro() -> str:
    """Return the (italic) paragraph that opens the SWOT suggestions."""
    return ("Poniższe propozycje wynikają wyłącznie z liczb (porównania z powiatem i "
            "tendencji). Są sugestiami dla zespołu opracowującego strategię – wymagają "
            "weryfikacji i uzupełnienia o wiedzę ośrodka pomocy społecznej i partnerów.")


def swot_none() -> str:
    """Return the paragraph when the figures suggest no strength and no weakness."""
    return "Dane nie wskazują wyraźnych mocnych ani słabych stron."
