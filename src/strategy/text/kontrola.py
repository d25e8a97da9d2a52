"""The sentences of the control annex "Kontrola spójności" (the strategy's last annex): what was
checked, where the categories and the findings are, and the annex of a strategy not checked.

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


def not_checked() -> str:
    """Return the annex's paragraph when the consistency was not checked."""
    return "Spójności z programami i danymi nie sprawdzono."
