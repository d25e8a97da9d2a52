"""The control findings a notebook leaves next to its document: ``X.kontrola.json``.

In: the folder a notebook wrote its outputs to and the output names. When the notebook saved
``X.docx`` it may have written ``X.kontrola.json`` beside it:
``{"warnings": [{"kind": "<short id>", "text": "<Polish sentence>"}]}`` (kinds in use:
``statutowy`` - a statutory chapter missing, ``spojnosc`` - documents disagree; others free).
Out: a list of ``{"output", "kind", "text"}`` for the build record. The document still counts
as built. A file that is not in that format becomes one finding of kind
:data:`MALFORMED` saying what is wrong, so it is never ignored without a word.

The json files are not placed among the outputs: the findings live in build.json and
index.html, and a file left from an earlier build could contradict them.
"""
from __future__ import annotations

import json
from pathlib import Path

SUFFIX = ".kontrola.json"
MALFORMED = "kontrola_niepoprawna"
MAX_BYTES = 1_000_000


def _problem(data) -> str | None:
    if not isinstance(data, dict) or "warnings" not in data:
        return "oczekiwano obiektu JSON z listą „warnings”"
    if not isinstance(data["warnings"], list):
        return "pole „warnings” nie jest listą"
    for i, item in enumerate(data["warnings"], start=1):
        if not isinstance(item, dict):
            return f"ostrzeżenie nr {i} nie jest obiektem z polami „kind” i „text”"
        for key in ("kind", "text"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                return f"ostrzeżenie nr {i} nie ma pola „{key}” (niepusty tekst)"
    return None


def read_findings(folder: Path, outputs) -> list[dict]:
    """Return the findings of every ``*.kontrola.json`` in ``folder``, each with the output it
    belongs to (the output of the same stem, else the json file's own name)."""
    by_stem = {Path(n).stem: n for n in outputs}
    findings = []
    for path in sorted(Path(folder).glob(f"*{SUFFIX}")):
        stem = path.name[:-len(SUFFIX)]
        output = by_stem.get(stem, path.name)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ValueError(f"plik jest większy niż {MAX_BYTES // 1_000_000} MB")
            data = json.loads(path.read_text(encoding="utf-8"))
            problem = _problem(data)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            problem = f"to nie jest poprawny plik JSON w UTF-8 ({exc})"
        if problem:
            findings.append({"output": output, "kind": MALFORMED,
                             "text": f"plik {path.name} zapisany przez notatnik jest niepoprawny: "
                                     f"{problem}; jego ostrzeżeń nie odczytano"})
            continue
        findings += [{"output": output, "kind": w["kind"].strip(), "text": w["text"].strip()}
                     for w in data["warnings"]]
    return findings
