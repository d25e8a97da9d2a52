"""A user's boundary file: ``strategy granice PLIK`` (strategy.geo.read_boundary_file and
install_boundaries) and the maps' use of the stored boundaries.

Fixtures are PRG-format layers: the gmina shapefile as GUGiK publishes it (``A03_Granice_gmin``
with JPT_* columns, EPSG:2180, ``.shp``/``.shx``/``.dbf``/``.prj``/``.cpg``), here for powiat
kaliski in the codes of 2020 (Koźminek 3007052), made from the shipped polygons.
"""
from __future__ import annotations

import json
import zipfile
from importlib import resources

import geopandas as gpd
import pytest

from strategy import geo
from strategy.cli import main
from strategy.units import default_registry

KALISKI = ["3007012", "3007022", "3007032", "3007042", "3007053", "3007062", "3007072",
           "3007083", "3007093", "3007102", "3007112"]
SHP_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


@pytest.fixture(scope="module")
def kaliski_2020():
    """Powiat kaliski's gminas as a PRG layer frame (codes of 2020, EPSG:2180)."""
    shipped = gpd.read_file(str(resources.files("strategy") / "data" / "geo"
                                / geo.PACKAGED_GMINAS), engine="pyogrio")
    mine = shipped[shipped["terc"].str.startswith("3007")].to_crs(2180)
    assert "3007052" in set(mine["terc"])          # the layer really is in the 2020 codes
    return gpd.GeoDataFrame({"JPT_SJR_KO": "GM", "JPT_KOD_JE": mine["terc"].to_numpy(),
                             "JPT_NAZWA_": mine["name"].to_numpy(),
                             "JPT_ORGAN_": "NZ"}, geometry=mine.geometry.to_numpy(), crs=2180)


def write_shp(frame, folder, name="A03_Granice_gmin"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.shp"
    frame.to_file(path, engine="pyogrio", driver="ESRI Shapefile")
    return path


def test_a_2020_file_maps_kozminek_to_its_current_code(kaliski_2020, tmp_path):
    shp = write_shp(kaliski_2020, tmp_path / "prg")
    report = geo.read_boundary_file(shp)
    assert report.code_column == "JPT_KOD_JE"
    assert report.crs.startswith("EPSG:2180")
    assert ("3007052", "3007053") in report.renamed
    assert sorted(report.gminas["teryt"]) == KALISKI
    assert not [c for c in report.missing if c.startswith("3007")]
    assert list(report.powiats["teryt"]) == ["3007"]
    target = geo.install_boundaries(report, tmp_path / "data" / "granice")
    assert target.name == "granice.gpkg"
    info = json.loads((target.parent / "granice.json").read_text(encoding="utf-8"))
    assert info["kolumna"] == "JPT_KOD_JE" and info["gmin"] == 11
    stored = geo.load_boundaries(target)
    pm = geo.powiat_map("3007", boundaries=stored)
    assert pm.order == KALISKI and pm.without_polygon == []
    assert stored.gminas.loc["3007053", "source_code"] == "3007053"   # stored in current codes
    assert stored.gminas.crs.to_epsg() == 2180
    # the simplified coverage still covers the powiat: area within 0.5% of the original
    assert stored.gminas.area.sum() == pytest.approx(kaliski_2020.area.sum(), rel=0.005)


def test_the_command_stores_the_boundaries_and_maps_use_them(kaliski_2020, tmp_path,
                                                              monkeypatch, capsys):
    shp = write_shp(kaliski_2020, tmp_path / "prg")
    archive = tmp_path / "PRG_jednostki_administracyjne.zip"
    with zipfile.ZipFile(archive, "w") as zf:     # as GUGiK gives it: the layers in one ZIP
        for suffix in SHP_PARTS:
            zf.write(shp.with_suffix(suffix), f"PRG/A03_Granice_gmin{suffix}")
    monkeypatch.chdir(tmp_path)
    assert main(["granice", str(archive)]) == 0
    out = capsys.readouterr().out
    assert "kody TERC gmin w kolumnie JPT_KOD_JE; 11\u00a0gmin, 1\u00a0powiat" in out
    assert "3007052 → 3007053 Koźminek" in out
    assert "Zapisano granice: data/granice/granice.gpkg" in out
    boundaries = geo.load_boundaries(registry=default_registry())   # the project's, by cwd
    assert not boundaries.packaged and "granice projektu" in boundaries.source
    assert boundaries.credit == f"granice gmin: {archive.name} (wczytany " \
        + json.loads((tmp_path / "data/granice/granice.json").read_text())["wczytano"] + ")"


def test_check_only_writes_nothing(kaliski_2020, tmp_path, monkeypatch, capsys):
    shp = write_shp(kaliski_2020, tmp_path / "prg")
    monkeypatch.chdir(tmp_path)
    assert main(["granice", str(shp), "--sprawdz"]) == 0
    assert "niczego nie zapisano" in capsys.readouterr().out
    assert not (tmp_path / "data").exists()


def _fails(args, capsys) -> str:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def test_bad_files_get_polish_messages_and_leave_the_boundaries_alone(kaliski_2020, tmp_path,
                                                                      monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    good = write_shp(kaliski_2020, tmp_path / "dobry")
    assert main(["granice", str(good)]) == 0
    capsys.readouterr()
    stored = (tmp_path / "data/granice/granice.gpkg").read_bytes()

    no_prj = write_shp(kaliski_2020, tmp_path / "bez_prj")
    no_prj.with_suffix(".prj").unlink()
    err = _fails(["granice", str(no_prj)], capsys)
    assert "BŁĄD:" in err and str(no_prj) in err
    assert "nie podaje układu współrzędnych" in err and ".prj" in err

    wrong_crs = kaliski_2020.set_crs(4326, allow_override=True)   # PUWG metres called degrees
    err = _fails(["granice", str(write_shp(wrong_crs, tmp_path / "zly_uklad"))], capsys)
    assert "obiekty nie leżą w Polsce" in err and "EPSG:4326" in err

    words = kaliski_2020.assign(JPT_KOD_JE=kaliski_2020["JPT_NAZWA_"])
    path = tmp_path / "nazwy.geojson"
    words.to_file(path, engine="pyogrio", driver="GeoJSON")
    err = _fails(["granice", str(path)], capsys)
    assert "żadna kolumna nie zawiera 7-cyfrowych kodów TERC gmin" in err
    assert "JPT_KOD_JE" in err and kaliski_2020["JPT_NAZWA_"].iloc[0] in err   # examples

    one_bad = kaliski_2020.copy()
    one_bad.loc[one_bad.index[2], "JPT_KOD_JE"] = "30070X2"
    err = _fails(["granice", str(write_shp(one_bad, tmp_path / "zly_kod"))], capsys)
    assert "kolumna JPT_KOD_JE" in err and "obiekt nr 3: '30070X2'" in err

    both = kaliski_2020.copy()
    both.loc[both["JPT_KOD_JE"] == "3007012", "JPT_KOD_JE"] = "3007052"   # Koźminek's old...
    both.loc[both["JPT_KOD_JE"] == "3007022", "JPT_KOD_JE"] = "3007053"   # ...and new code
    err = _fails(["granice", str(write_shp(both, tmp_path / "dwa_stany"))], capsys)
    assert "3007053: 3007052 i 3007053" in err

    garbage = tmp_path / "granice.shp"
    garbage.write_text("to nie jest shapefile\n", encoding="utf-8")
    err = _fails(["granice", str(garbage)], capsys)
    assert f"nie można odczytać pliku {garbage} jako warstwy granic" in err

    powiats = gpd.GeoDataFrame({"JPT_KOD_JE": ["3007"]},
                               geometry=[kaliski_2020.union_all()], crs=2180)
    err = _fails(["granice", str(write_shp(powiats, tmp_path / "powiaty"))], capsys)
    assert "to warstwa powiatów" in err

    assert (tmp_path / "data/granice/granice.gpkg").read_bytes() == stored
    assert sorted(p.name for p in (tmp_path / "data/granice").iterdir()) == [
        "granice.gpkg", "granice.json"]                       # no temporary file left
