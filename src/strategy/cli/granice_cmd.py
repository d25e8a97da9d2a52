"""``strategy granice PLIK [--sprawdz]``: use a current PRG boundary file for the project's maps.

In: a gmina boundary layer as GUGiK publishes it (PRG ``A03_Granice_gmin.shp`` with its
``.shx``/``.dbf``/``.prj``, the downloaded ZIP, or a GeoJSON/GeoPackage export). Out: what was
found (the column with TERC codes, the coordinate system, codes mapped to current ones,
gminas of the register the file lacks) and - unless ``--sprawdz`` - the layers stored in
``data/granice/`` (:func:`strategy.geo.install_boundaries`, written whole or not at all), used
from then on by every map drawn in this project folder. Exit 0; 2 for a file that cannot be used
(a Polish message names the file, object and column).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from ..geo import LOCAL_DIR, SIMPLIFY_M, install_boundaries, read_boundary_file
from ..text import fmt_number, plural
from ..units import default_registry

_SHOWN = 20


def register(sub) -> None:
    p = sub.add_parser(
        "granice", help="wczytaj aktualne granice gmin (plik PRG z GUGiK) do map",
        description="Sprawdza plik granic gmin (PRG z GUGiK: A03_Granice_gmin.shp z plikami "
                    ".shx, .dbf i .prj, pobrane archiwum ZIP albo GeoJSON/GeoPackage): kolumnę "
                    "z kodami TERC, układ współrzędnych, kody nieznane i brakujące, i zapisuje "
                    f"go w projekcie ({LOCAL_DIR}/); od tej chwili mapy gmin używają tych "
                    "granic zamiast dołączonych do pakietu (stan z 2020 r.).")
    p.add_argument("path", metavar="PLIK", type=Path, help="plik granic gmin")
    p.add_argument("--sprawdz", action="store_true",
                   help="tylko sprawdź plik, niczego nie zapisuj")
    p.add_argument("--uproszczenie", type=float, default=SIMPLIFY_M, metavar="METRY",
                   help="tolerancja uproszczenia granic w metrach (domyślnie "
                        f"{fmt_number(SIMPLIFY_M)}; 0 oznacza brak upraszczania)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # GeoError (an InputError) -> "BŁĄD: ..." and exit 2 (cli.run_args); nothing is written.
    report = read_boundary_file(args.path, simplify_m=max(0.0, args.uproszczenie))
    n = len(report.gminas)
    lines = [f"Plik granic: {report.layer}",
             (f"  kody TERC gmin w kolumnie {report.code_column}; "
              f"{plural(n, 'gmina', group4=True)}, "
              f"{plural(len(report.powiats), 'powiat', group4=True)}"),
             f"  układ współrzędnych: {report.crs} (mapy rysowane w PUWG 1992, EPSG:2180)"]
    if report.padded:
        lines.append(f"  kody z utraconym zerem na początku (uzupełnione): {report.padded}")
    registry = default_registry()
    if report.renamed:
        lines += _section("Kody sprzed zmiany rodzaju gminy, zamienione na obecne",
                          [f"{a} → {b} {registry.display_name(b)}" for a, b in report.renamed])
    if report.merged:
        lines += _section("Gminy złożone z kilku obiektów (połączone)", report.merged)
    if report.repaired:
        lines.append(f"  naprawione niepoprawne geometrie (obiekty nr): "
                     f"{', '.join(map(str, report.repaired[:_SHOWN]))}"
                     + (" ..." if len(report.repaired) > _SHOWN else ""))
    if report.missing:
        covered = set(report.powiats["teryt"])
        partly = [c for c in report.missing if c[:4] in covered]
        absent = sorted({c[:4] for c in report.missing} - covered)
        if partly:
            lines += _section("Gminy z rejestru TERC, których nie ma w pliku (mapa ich powiatu "
                              "wymieni je pod rysunkiem)",
                              [f"{c} {registry.display_name(c)} (powiat "
                               f"{registry.name(c[:4])})" for c in partly])
        if absent:
            lines.append(f"  plik nie obejmuje {plural(len(absent), 'powiat', group4=True)} "
                         "(mapy ich gmin nie powstaną, dopóki granice projektu ich nie "
                         "obejmą): " + ", ".join(absent[:_SHOWN])
                         + (" ..." if len(absent) > _SHOWN else ""))
    else:
        lines.append("  plik obejmuje wszystkie gminy rejestru TERC")
    before, after = report.vertices
    if report.simplify_m > 0:
        lines.append(f"  uproszczenie granic o {fmt_number(report.simplify_m)} m: "
                     f"{fmt_number(before, group4=True)} → {fmt_number(after, group4=True)} "
                     "punktów załamania")
    if args.sprawdz:
        lines.append("Tylko sprawdzono (--sprawdz): niczego nie zapisano.")
    else:
        target = install_boundaries(report)
        lines.append(f"Zapisano granice: {target}; od teraz mapy gmin w tym folderze projektu "
                     "ich używają.")
    print("\n".join(lines))
    return 0


def _section(title: str, items: list[str]) -> list[str]:
    out = [f"  {title} ({len(items)}):"]
    out += [f"    {x}" for x in items[:_SHOWN]]
    if len(items) > _SHOWN:
        out.append(f"    ... i {len(items) - _SHOWN} więcej")
    return out
