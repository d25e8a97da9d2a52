"""The Polish of the problem ranking ("Ranking problemów społecznych" of a diagnosis and of the
strategy): how the areas were scored, written from the ranking's own constants.

In: the constants of :mod:`strategy.analysis.ranking` (weights, thresholds, the small-count
limit). Out: :func:`ranking_rule` - the paragraph, also part of the methodology
(:mod:`.metodologia`). The sentences of the SWOT suggestions are in :mod:`.swot`.
"""
from __future__ import annotations

from ..analysis.ranking import (GAP_FULL, MIN_GAP, SMALL_COUNT, STANDOUT_SCORE, TOP_N, TREND_MOD,
                                W_GAP, W_LEVEL)
from .numbers import fmt_number, fmt_percent


def _pct(share: float) -> str:
    """Return a share (0.1) as a whole percentage ("10%")."""
    return fmt_percent(share * 100, 0)


def ranking_rule() -> str:
    """Return the paragraph that says how the problem areas were scored."""
    return ("Obszary problemowe wskazano na podstawie dwóch jawnych przesłanek, które można "
            "sprawdzić w tabelach diagnozy: odchylenia od wartości odniesienia (dla gminy – "
            "powiatu, dla powiatu – województwa) w niekorzystnym kierunku oraz miejsca wśród "
            "gmin powiatu. Odchylenie liczono względnie, jako różnicę wartości podzieloną przez "
            f"wartość odniesienia; odchylenie mniejsze niż {_pct(MIN_GAP)} pominięto, a od tej "
            f"wartości daje ono do {fmt_number(W_GAP)} punktu (pełną wagę przy odchyleniu "
            f"{_pct(GAP_FULL)} i większym). Miejsce w najmniej korzystnej jednej trzeciej gmin "
            f"powiatu daje {fmt_number(W_LEVEL)} punktu. Kierunek zmian jedynie modyfikuje tak "
            f"otrzymany wynik: niekorzystny istotny trend zwiększa go o {_pct(TREND_MOD)}, "
            "niekorzystna zmiana niepotwierdzona trendem – o połowę tej wartości, a korzystne "
            "zmiany w ten sam sposób go zmniejszają; sam trend nie czyni obszaru priorytetowym. "
            "Odchylenie i miejsce oceniano tylko dla wskaźników względnych (na mieszkańców, na "
            "dzieci, na asystenta) i udziałów, bo liczby bezwzględne zależą od wielkości "
            f"jednostki. Wskaźnik, za którym stoi mniej niż {SMALL_COUNT} osób, rodzin lub "
            "zdarzeń w danym roku, nie decyduje o priorytecie: przy tak małych liczbach jeden "
            f"przypadek więcej lub mniej zmienia wskaźnik o ponad {_pct(1 / SMALL_COUNT)}. "
            "Gdy brak danych województwa, wynik wskaźnika powiatu to średnia odchyleń jego gmin "
            "od powiatu (liczonych jak wyżej): obszar jest tym pilniejszy, im więcej gmin ma "
            "w nim wyraźnie gorsze wartości niż średnio w powiecie. "
            f"Wynik obszaru to średnia {TOP_N} najwyżej ocenionych wskaźników względnych "
            "obszaru; obszar z wynikiem 0 nie ma wskaźników wymagających pilnych działań. "
            "Obszar uznano za wyróżniający się, gdy jego wynik wynosi co najmniej "
            f"{fmt_number(STANDOUT_SCORE, 2)} (jedną czwartą największego możliwego wyniku); gdy "
            "żaden obszar nie osiąga tego progu, kolejność obszarów nie wskazuje priorytetu.")
