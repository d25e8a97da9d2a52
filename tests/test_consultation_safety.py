"""Bad and hostile returned files: each refused with its Polish reason, the others still read."""
from __future__ import annotations

import builtins
import io
import shutil
import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "consultation"))
from consultation_builders import HOSTILE, hostile_corpus, returned_docx  # noqa: E402

from strategy.consultation import collect_file, collect_folder, safety  # noqa: E402
from strategy.consultation.safety import RefusedFile, open_docx  # noqa: E402

SECRET = "TAJNE-HASLO-KADR-4711"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("wrogie")
    folder = base / "zwrocone"
    folder.mkdir()
    secret = base / "sekret.txt"  # outside the folder: only the XXE sample points at it
    secret.write_text(SECRET, encoding="utf-8")
    good = returned_docx(folder / "blizanow.docx")
    returned_docx(folder / "brzeziny.docx", teryt="3007022", gmina="Brzeziny")
    expected = hostile_corpus(folder, good, secret)
    return folder, secret, expected


def test_corpus_has_at_least_eight_hostile_files(corpus):
    assert len(corpus[2]) >= 8
    assert len({reason for reason, _ in corpus[2].values()}) >= 8


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_file_is_refused_with_its_message(corpus, name):
    folder, _, expected = corpus
    reason, fragment = expected[name]
    fr = collect_file(folder / name)
    assert not fr.ok
    assert fr.reason == reason
    assert fragment in fr.problem
    assert fr.remarks == []


def test_good_files_in_the_same_folder_are_processed(corpus):
    folder, _, expected = corpus
    remarks, log = collect_folder(folder)
    assert {r.gmina for r in remarks} == {"Blizanów", "Brzeziny"}
    assert len(remarks) == 14
    refused = {e.file: e.message for e in log if e.status == "odrzucono"}
    assert set(refused) == set(expected)
    for name, (_, fragment) in expected.items():
        assert fragment in refused[name]
    read = [e.file for e in log if e.status == "wczytano"]
    assert sorted(read) == ["blizanow.docx", "brzeziny.docx"]


def test_no_network_and_no_file_outside_the_folder_is_touched(corpus, monkeypatch):
    folder, secret, _ = corpus
    opened: list[str] = []
    real_open = io.open

    def tracking_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    def no_network(*args, **kwargs):
        raise AssertionError("próba połączenia sieciowego")

    monkeypatch.setattr(builtins, "open", tracking_open)
    monkeypatch.setattr(io, "open", tracking_open)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    remarks, log = collect_folder(folder)
    assert opened, "the tracking hook saw no file at all"
    assert all(Path(p).resolve().parent == folder.resolve() for p in opened if not p.isdigit())
    assert str(secret) not in opened
    everything = " ".join(str(e) for e in log) + " ".join(map(str, remarks))
    assert SECRET not in everything


def test_external_relationship_is_ignored_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", lambda *a, **k: pytest.fail("sieć"))
    fr = collect_file(returned_docx(tmp_path / "link.docx", external_link=True))
    assert fr.ok and len(fr.remarks) == 7
    assert any("odwołania zewnętrzne (1)" in n for n in fr.notes)


def test_declared_sizes_are_checked_and_reads_are_bounded(tmp_path, monkeypatch):
    good = returned_docx(tmp_path / "a.docx")
    monkeypatch.setattr(safety, "MAX_PART_BYTES", 500)
    fr = collect_file(good)
    assert not fr.ok and fr.reason == "bomba_zip" and "przekracza" in fr.problem


def test_total_uncompressed_size_is_limited(tmp_path, monkeypatch):
    good = returned_docx(tmp_path / "a.docx")
    monkeypatch.setattr(safety, "MAX_TOTAL_UNCOMPRESSED", 10_000)
    with pytest.raises(RefusedFile, match="bomba ZIP"):
        open_docx(good)


def test_refused_file_is_an_input_error():
    from strategy.errors import InputError
    assert issubclass(RefusedFile, InputError)


def test_word_lock_files_are_skipped_quietly(tmp_path):
    returned_docx(tmp_path / "gmina.docx")
    (tmp_path / "~$gmina.docx").write_bytes(b"\x05Jan K" + b"\x00" * 150)
    remarks, log = collect_folder(tmp_path)
    assert len(remarks) == 7
    (entry,) = [e for e in log if e.file == "~$gmina.docx"]
    assert entry.status == "pominięto" and "tymczasowy" in entry.message


def test_docm_extension_alone_is_not_the_reason(tmp_path):
    # a plain .docx renamed to .docm carries no macros: it is read
    path = returned_docx(tmp_path / "a.docx")
    shutil.copy(path, tmp_path / "b.docm")
    assert collect_file(tmp_path / "b.docm").ok


def test_deeply_nested_xml_is_refused_not_crashing(tmp_path):
    import zipfile
    from consultation_builders import rewrite_package
    good = returned_docx(tmp_path / "a.docx")
    with zipfile.ZipFile(good) as z:
        xml = z.read("word/document.xml").decode()
    depth = 5000
    nest = "<w:smartTag>" * depth + "<w:r><w:t>x</w:t></w:r>" + "</w:smartTag>" * depth
    deep = xml.replace("<w:body>", f"<w:body><w:p>{nest}</w:p>", 1)
    fr = collect_file(rewrite_package(good.read_bytes(), tmp_path / "deep.docx",
                                      replace={"word/document.xml": deep.encode()}))
    assert not fr.ok and "zagnieżdżona" in fr.problem
