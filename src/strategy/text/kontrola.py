"""The sentences of the report of the consistency control ("Raport z kontroli spójności
dokumentów powiatu", a document of its own, not for adoption): what the report is, which
documents were compared, what was checked, where the categories and the findings are.

The findings themselves and the conclusion are written by :mod:`strategy.consistency` (each a
sentence with both values and places).

In: the sentence naming the documents compared and the categories (short name, what each
checks). Out: Polish paragraphs and list items; ``{k}`` and ``{f}`` are the places of
cross-references to the table of categories and the table of findings.
"""
from __future__ import annotations


def compared_intro(compared: str) -> str:
    """Return the paragraph that names the documents compared (``compared``, a sentence) and
    introduces the list of checks."""
    return compared + " Sprawdzono, czy:"


def check_items(checks) -> list[str]:
    """Return the list items "short – what it checks;" of ``checks`` ((short, what) pairs), the
    last ending with a full stop."""
    items = [f"{short} – {what}" for short, what in checks]
    return [w + ";" for w in items[:-1]] + [items[-1] + "."]


def categories_note(with_findings: bool) -> str:
    """Return the sentence after the tables: where the state of each category (``{k}``) and,
    ``with_findings``, the findings (``{f}``) are."""
    if with_findings:
        return ("Stan każdej kategorii przedstawia zestawienie kategorii (zob. {k}), a "
                "ustalenia – zestawienie niespójności i uwag (zob. {f}).")
    return "Stan każdej kategorii przedstawia zestawienie kategorii (zob. {k})."


def subtitle(y0: int, y1: int) -> str:
    """Return the subtitle of the report: the strategy's period (``y0``-``y1``)."""
    return f"strategii na lata {y0}–{y1}, programów i danych"


def not_for_adoption() -> str:
    """Return the title page's line saying the report is the team's working material."""
    return "Materiał roboczy zespołu – nie jest częścią dokumentów przyjmowanych uchwałą"


def purpose(powiat: str) -> str:
    """Return the first paragraph: what the report is for (``powiat``: the powiat's name in
    the genitive, ``kaliskiego``)."""
    return (f"Raport porównuje liczby strategii rozwiązywania problemów społecznych powiatu "
            f"{powiat}, programów powiatu i jego gmin oraz danych statystycznych. Służy zespołowi "
            "przygotowującemu dokumenty: każdą niespójność należy wyjaśnić albo poprawić przed "
            "przekazaniem projektów do przyjęcia. Raport nie jest częścią strategii ani "
            "programów.")


def compared_state(exists: bool) -> str:
    """Return the state of one document in the table of documents."""
    return "porównano" if exists else "brak dokumentu – nie porównano"


def documents_note() -> str:
    """Return the sentence after the table of documents (``{d}``: its place)."""
    return ("Zestawienie dokumentów (zob. {d}) wskazuje dokumenty porównane i te, których "
            "powiat lub gminy jeszcze nie mają.")


def categories_intro() -> str:
    """Return the paragraph introducing the list of checks."""
    return "Sprawdzono, czy:"


def no_findings() -> str:
    """Return the paragraph of a control that found nothing (within what it checked)."""
    return ("Kontrola nie wykazała niespójności ani uwag w sprawdzonym zakresie; zakres "
            "sprawdzenia każdej kategorii podaje zestawienie kategorii.")


def findings_note() -> str:
    """Return the sentence after the table of findings (``{f}``: its place)."""
    return ("Każde ustalenie podaje obie wartości i miejsca, w których stoją (zob. {f}); "
            "o tym, którą wartość przyjąć, decyduje zespół.")
