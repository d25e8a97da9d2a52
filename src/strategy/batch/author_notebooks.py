"""Per-unit author notebooks: an author's edited copy of a template notebook for one unit.

In: a template notebook (a job-table ``notebook``) and a unit code. Out: the path of the unit's
author copy, ``<template folder>/autorskie/<teryt>/<template file name>`` (for the project's
table ``notebooks/autorskie/3007083/diagnoza_gminy.ipynb``), made by :func:`make_copy` and used
by ``strategy build`` for that unit instead of the template (:class:`AuthorCopies`).

A copy records in its notebook metadata (``metadata.strategy.author_copy``) the template it came
from and the template's sha256 at that moment, so the build can say when the template changed
since (:func:`template_status`); a template change never touches the copy. A copy must keep the
``parameters`` tag of its parameters cell (:func:`parameters_problem`): papermill would
otherwise put the unit's parameters above the author's defaults without a word.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path

from ..errors import BuildError
from .files import atomic_write_text

AUTHOR_DIR = "autorskie"
META_KEY = "strategy"
COPY_KEY = "author_copy"


def author_path(template: str | Path, teryt: str) -> Path:
    """Return where the author copy of ``template`` for unit ``teryt`` lives."""
    template = Path(template)
    return template.parent / AUTHOR_DIR / teryt / template.name


def shown(path: str | Path) -> str:
    """Return ``path`` as a user sees it: relative to the working directory when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


class AuthorCopies:
    """The author copies that exist, each ``autorskie`` folder listed once (a build of 2 500
    gminas asks for every job; one listing is cheaper than a stat per job)."""

    def __init__(self):
        self._listed: dict[Path, set[tuple[str, str]]] = {}

    def find(self, template: str | Path, teryt: str) -> Path | None:
        """Return the author copy of ``template`` for ``teryt`` if there is one, else None."""
        template = Path(template)
        folder = template.parent / AUTHOR_DIR
        names = self._listed.get(folder)
        if names is None:
            names = set()
            try:
                for unit in os.scandir(folder):
                    if unit.is_dir():
                        names.update((unit.name, f.name) for f in os.scandir(unit.path)
                                     if f.is_file())
            except (FileNotFoundError, NotADirectoryError):
                pass
            self._listed[folder] = names
        return author_path(template, teryt) if (teryt, template.name) in names else None


def _read_json(path: str | Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(f"notatnika {shown(path)} nie da się odczytać: {exc}") from None
    if not isinstance(data, dict):
        raise BuildError(f"plik {shown(path)} nie jest notatnikiem Jupytera")
    return data


def parameters_problem(path: str | Path) -> str | None:
    """Return why the author copy ``path`` cannot take the unit's parameters, or None."""
    try:
        nb = _read_json(path)
    except BuildError as exc:
        return str(exc)
    for cell in nb.get("cells", []):
        tags = (cell.get("metadata") or {}).get("tags") or []
        if cell.get("cell_type") == "code" and "parameters" in tags:
            return None
    return (f"notatnik autorski {shown(path)} nie ma komórki parametrów (komórki kodu z tagiem "
            "„parameters”), więc nie da się w nim ustawić kodu jednostki i roku; w JupyterLab "
            "zaznacz komórkę z parametrami (teryt, rok, store...) i dodaj jej tag parameters "
            "w panelu Property Inspector (ikona kół zębatych po prawej)")


def copy_info(path: str | Path) -> dict | None:
    """Return what the copy's metadata says of its template, or None when it says nothing."""
    try:
        meta = _read_json(path).get("metadata") or {}
    except BuildError:
        return None
    info = (meta.get(META_KEY) or {}).get(COPY_KEY) if isinstance(meta.get(META_KEY), dict) else None
    return info if isinstance(info, dict) else None


def template_status(notebook: str, template: str, template_sha256: str, document: str,
                    teryt: str) -> dict:
    """Return the record of a job using an author copy: the copy, its template and whether the
    template changed since the copy was made (None: the copy does not say which version it was
    made from)."""
    info = copy_info(notebook) or {}
    made_from = info.get("template_sha256")
    return {"notebook": notebook, "template": template, "document": document, "teryt": teryt,
            "template_sha256_at_copy": made_from, "template_sha256": template_sha256,
            "template_changed": None if not isinstance(made_from, str) else
            made_from != template_sha256}


def status_note(status: dict) -> str | None:
    """Return the Polish warning for an author copy whose template changed or is unknown."""
    if status.get("template_changed") is False:
        return None
    reviewed = (f"gdy kopia jest uzgodniona z szablonem, zapisz to poleceniem strategy notatnik "
                f"{status.get('document', 'DOKUMENT')} --teryt {status.get('teryt', 'KOD')} "
                "--szablon-przejrzany")
    if status.get("template_changed") is None:
        return (f"notatnik autorski {shown(status['notebook'])} nie zapisuje, z której wersji "
                f"szablonu {shown(status['template'])} powstał (nie utworzyło go polecenie "
                "strategy notatnik), więc nie wiadomo, czy szablon od tego czasu się zmienił; "
                + reviewed)
    return (f"szablon {shown(status['template'])} zmienił się od utworzenia notatnika "
            f"autorskiego {shown(status['notebook'])} (lub od ostatniego przejrzenia szablonu); "
            "budowanie nadal używa notatnika autorskiego bez tych zmian - porównaj go "
            "z szablonem i przenieś, co potrzebne; " + reviewed)


def set_defaults(source: str, values: dict[str, str]) -> str:
    """Return the parameters cell ``source`` with the default of each parameter named in
    ``values`` replaced (``teryt: str = "3007083"  # ...`` -> ``teryt: str = "1211092"  # ...``);
    the type annotation and the comment stay. Raise :class:`BuildError` naming a parameter the
    cell does not define."""
    lines = source.splitlines(keepends=True)
    for name, value in values.items():
        pattern = re.compile(rf"^(\s*{re.escape(name)}\s*(?::[^=#]*)?=\s*)"
                             r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[^\s#]+)(.*)$", re.DOTALL)
        for i, line in enumerate(lines):
            m = pattern.match(line)
            if m:
                lines[i] = m.group(1) + json.dumps(str(value), ensure_ascii=False) + m.group(3)
                break
        else:
            raise BuildError(f"komórka parametrów notatnika nie ma parametru „{name}”")
    return "".join(lines)


def make_copy(template: str | Path, teryt: str, document: str,
              defaults: dict[str, str] | None = None) -> Path:
    """Write the author copy of ``template`` for ``teryt`` without outputs, recording the
    template and its hash; raise :class:`BuildError` if the copy exists (it is never
    overwritten) or the template cannot be read.

    The copy's parameters cell gets ``defaults`` as its default values (the unit's own code,
    its plan: see ``strategy notatnik``), so the copy run without parameters - in JupyterLab or
    by ``jupyter nbconvert --execute`` - makes the document of its own unit.
    """
    import nbformat

    template = Path(template)
    target = author_path(template, teryt)
    if target.exists():
        raise BuildError(f"notatnik autorski {shown(target)} już istnieje - nie nadpisuję go, "
                         "bo zmiany autora zostałyby utracone; aby zacząć od nowa, usuń go albo "
                         "zmień jego nazwę i uruchom polecenie ponownie")
    try:
        raw = template.read_bytes()
    except OSError as exc:
        raise BuildError(f"nie da się odczytać notatnika-szablonu {shown(template)}: "
                         f"{exc.strerror or exc}") from None
    try:
        nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
    except Exception as exc:  # noqa: BLE001 - nbformat raises several kinds for a bad file
        raise BuildError(f"notatnik-szablon {shown(template)} jest niepoprawny: {exc}") from None
    params = [c for c in nb.cells
              if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]
    if not params:
        raise BuildError(f"notatnik-szablon {shown(template)} nie ma komórki parametrów (tag "
                         "„parameters”)")
    params[0].source = set_defaults(params[0].source, defaults or {})
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("papermill", None)
    nb.metadata.setdefault(META_KEY, {})[COPY_KEY] = {
        "document": document, "teryt": teryt, "template": shown(template),
        "template_sha256": hashlib.sha256(raw).hexdigest(),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as f:  # "x": never over a copy made meanwhile
            f.write(nbformat.writes(nb))
    except FileExistsError:
        raise BuildError(f"notatnik autorski {shown(target)} już istnieje - nie nadpisuję "
                         "go") from None
    return target


def accept_template(template: str | Path, teryt: str) -> Path:
    """Record in the author copy of ``template`` for ``teryt`` that the template as it is now
    has been reviewed (its hash becomes the one the copy was made from), leaving the cells as
    they are; raise :class:`BuildError` if there is no copy."""
    import nbformat

    template = Path(template)
    target = author_path(template, teryt)
    if not target.is_file():
        raise BuildError(f"nie ma notatnika autorskiego {shown(target)}; utwórz go poleceniem "
                         "strategy notatnik bez opcji --szablon-przejrzany")
    try:
        nb = nbformat.read(target, as_version=4)
        raw = template.read_bytes()
    except Exception as exc:  # noqa: BLE001 - nbformat raises several kinds for a bad file
        raise BuildError(f"nie da się odczytać notatnika {shown(target)} albo szablonu "
                         f"{shown(template)}: {exc}") from None
    info = nb.metadata.setdefault(META_KEY, {}).setdefault(COPY_KEY, {})
    info.update({"template": shown(template), "template_sha256": hashlib.sha256(raw).hexdigest(),
                 "reviewed": datetime.now(timezone.utc).isoformat(timespec="seconds")})
    atomic_write_text(target, nbformat.writes(nb))
    return target
