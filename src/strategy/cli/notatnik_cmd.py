"""``strategy notatnik DOKUMENT --teryt KOD``: make a unit's author notebook.

In: a document name of the job table (``diagnoza``, ``strategia``...) and a unit code. Out: the
author copy of the document's template notebook for that unit
(:func:`strategy.batch.author_notebooks.make_copy`), which ``strategy build`` then runs for the
unit instead of the template; its path on stdout. Exit status 2 with a Polish message if the
copy exists already (it is never overwritten), the document is unknown or the code does not
fit the document's kind of unit.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from ..batch.author_notebooks import accept_template, make_copy, shown
from ..batch.jobs import DEFAULT_TABLE, load_table, unit_label
from ..errors import BuildError
from ..plan.index import find_plan
from ..units import IMPORT_HINT, WHOLE_GMINA_TYPES, default_registry


def register(sub) -> None:
    p = sub.add_parser(
        "notatnik", help="tworzy notatnik autorski dokumentu dla jednej jednostki",
        description="Kopiuje notatnik-szablon dokumentu do notebooks/autorskie/<teryt>/ (bez "
                    "wyników komórek, z zapisem, z której wersji szablonu powstał). Od tej chwili "
                    "strategy build buduje dokument tej jednostki z kopii, którą autor może "
                    "dowolnie zmieniać; zmiana szablonu nie nadpisuje kopii, a podsumowanie "
                    "budowania ostrzega, że szablon się zmienił. Istniejącej kopii polecenie "
                    "nie nadpisuje.")
    p.add_argument("document", metavar="DOKUMENT",
                   help="nazwa dokumentu z tabeli zadań, np. diagnoza, program_wspierania_rodziny, "
                        "sprawozdanie, strategia, program_pieczy_zastepczej")
    p.add_argument("--teryt", required=True, metavar="KOD",
                   help="kod TERC jednostki: gminy (7 cyfr) dla dokumentów gminy, powiatu "
                        "(4 cyfry) dla dokumentów powiatu")
    p.add_argument("--szablon-przejrzany", action="store_true", dest="reviewed",
                   help="nie tworzy kopii, tylko zapisuje w istniejącym notatniku autorskim, że "
                        "obecna wersja szablonu została przejrzana (zmiany przeniesione albo "
                        "niepotrzebne): ostrzeżenie o zmianie szablonu znika; komórek nie zmienia, "
                        "a dokument jednostki zostanie zbudowany ponownie")
    p.add_argument("--table", type=Path, default=None, metavar="PLIK",
                   help="tabela zadań TOML (domyślnie tabela pakietu)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    table = load_table(args.table or DEFAULT_TABLE)
    spec = next((s for s in table.documents if s.name == args.document), None)
    if spec is None:
        raise BuildError(f"nieznany dokument '{args.document}'; dostępne: "
                         f"{', '.join(s.name for s in table.documents)}")
    code = args.teryt.strip()
    digits, kind = (7, "gminy") if spec.unit == "gmina" else (4, "powiatu")
    if not re.fullmatch(rf"\d{{{digits}}}", code):
        raise BuildError(f"dokument '{spec.name}' jest dokumentem {kind}, a '{args.teryt}' nie "
                         f"jest kodem TERC {kind} ({digits} cyfr{'y' if digits == 4 else ''})")
    if spec.unit == "gmina" and code[6] not in WHOLE_GMINA_TYPES:
        raise BuildError(f"'{code}' to kod części gminy miejsko-wiejskiej (miasta lub obszaru "
                         "wiejskiego, ostatnia cyfra 4 lub 5); dokumenty gminy buduje się dla "
                         f"całej gminy - jej kod kończy się cyfrą 3 ({code[:6]}3)")

    registry = default_registry()
    if code not in registry:
        as_of = f" (stan na {registry.as_of})" if registry.as_of else ""
        raise BuildError(f"jednostki {code} nie ma w rejestrze TERC{as_of}; {IMPORT_HINT}")
    template = (table.base / spec.notebook).resolve()
    if args.reviewed:
        path = accept_template(template, code)
        print(f"Zapisano w notatniku autorskim {shown(path)}, że obecna wersja szablonu "
              f"{shown(template)} została przejrzana.")
        return 0
    defaults, note = _own_defaults(table, spec, code)
    path = make_copy(template, code, spec.name, defaults)
    print(f"Zapisano notatnik autorski: {shown(path)}")
    print(f"Wartości domyślne w komórce parametrów: "
          f"{', '.join(f'{k} = {v!r}' for k, v in defaults.items())}, więc "
          "uruchomiony bez parametrów (JupyterLab, jupyter nbconvert --execute) robi dokument "
          "tej jednostki.")
    if note:
        print(note)
    print(f"(dokument {spec.name}, jednostka {code} {unit_label(code, registry.display_name(code))}"
          f"; kopia szablonu {shown(template)}). strategy build użyje go dla tej jednostki "
          "zamiast szablonu.")
    return 0


def _own_defaults(table, spec, code: str) -> tuple[dict[str, str], str]:
    """Return the copy's own parameter defaults - the parameters the job table fills with the
    unit's code (``{teryt}``, ``{powiat}``) and the unit's own plan, as a path relative to the
    project root - and a note when the unit has no plan of its own."""
    own = {"{teryt}": code, "{powiat}": code[:4]}
    defaults = {name: own[str(value)] for name, value in spec.parameters.items()
                if str(value) in own}
    plan_params = [name for name, value in spec.parameters.items() if str(value) == "{plan}"]
    if not spec.plan or table.plans is None or not plan_params:
        return defaults, ""
    found = find_plan(table.plans, spec.plan, code, own=True, part=spec.plan_part or None)
    if found is None:
        return defaults, (f"Jednostka {code} nie ma własnego planu w folderze {table.plans}: "
                          f"parametr {plan_params[0]} notatnika autorskiego wskazuje plan "
                          "z szablonu; przed uruchomieniem notatnika poza strategy build wpisz "
                          "w komórce parametrów ścieżkę planu jednostki (strategy build "
                          "podstawia plan sam).")
    try:
        plan = Path(found).resolve().relative_to(table.base.resolve()).as_posix()
    except ValueError:
        plan = str(found)
    return {**defaults, **dict.fromkeys(plan_params, plan)}, ""
