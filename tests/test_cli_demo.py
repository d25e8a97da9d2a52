"""`strategy demo` (the README's first command): the demo data load through the same ingest."""
import shutil
from pathlib import Path

from strategy.cli import main
from strategy.store import load

ROOT = Path(__file__).resolve().parents[1]


def test_demo_loads_the_demo_data_twice_without_harm(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "data" / "raw" / "demo", tmp_path / "data" / "raw" / "demo")
    assert main(["demo", "--bez-dokumentow"]) == 0
    out = capsys.readouterr().out
    assert "DANE DEMONSTRACYJNE" in out
    first = load(Path("data/processed/indicators.parquet"))
    # 11 demo gminas and the powiat
    assert {c for c in first.frame["teryt"] if c.startswith("3007")} >= {"3007", "3007083"}
    assert first.demo
    # a second run replaces the same rows: the store is the same size, nothing is added
    assert main(["demo", "--bez-dokumentow"]) == 0
    out = capsys.readouterr().out
    assert "dodano 0" in out
    assert len(load(Path("data/processed/indicators.parquet")).frame) == len(first.frame)
