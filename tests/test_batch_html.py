"""The worker's HTML page: nbconvert's HTMLExporter without the code, titled with the document
and its unit's code and name."""
import base64
import re

import nbformat
import pytest

from strategy.batch import worker

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16).decode()


def _notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Diagnoza\n\nTekst <b>pogrubiony</b>."),
        nbformat.v4.new_code_cell("print(1)", outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="Zapisano dokument\n")]),
        nbformat.v4.new_code_cell("display(Image(...))", outputs=[
            nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Image>"}),
            nbformat.v4.new_output("display_data", data={
                "text/html": '<table><tr><td>1</td></tr></table><img src="x.png" alt="wykres">'})]),
    ]
    return nb


def test_page_has_the_outputs_no_code_and_a_title_with_code_and_name(tmp_path):
    job = {"title": "Diagnoza sytuacji społecznej gminy", "teryt": "0607011",
           "unit_name": "Kraśnik (gmina miejska)", "unit_kind": "gmina", "rok": 2024}
    worker._render_html(tmp_path / "diagnoza.ipynb", tmp_path / "diagnoza.html", _notebook(),
                        worker.page_title(job))
    page = (tmp_path / "diagnoza.html").read_text(encoding="utf-8")
    assert re.findall(r"<title>(.*?)</title>", page) == [
        "Diagnoza sytuacji społecznej gminy - 0607011 Kraśnik (gmina miejska) (2024)"]
    assert "Zapisano dokument" in page and "Tekst <b>pogrubiony</b>" in page
    assert "print(1)" not in page and "display(Image" not in page
    assert f"data:image/png;base64,{PNG}" in page
    assert 'alt="wykres"' in page                  # an image's own alt text is kept


def test_powiat_title_says_powiat():
    job = {"title": "Strategia", "teryt": "3007", "unit_name": "kaliski", "unit_kind": "powiat",
           "rok": 2024}
    assert worker.page_title(job) == "Strategia - 3007 powiat kaliski (2024)"


@pytest.mark.parametrize("teryt,name,label,folder", [
    ("3007", "kaliski", "powiat kaliski", "3007_powiat_kaliski"),
    ("3061", "Kalisz", "Kalisz", "3061_kalisz"),                 # a city with powiat rights
    ("0607011", "Kraśnik (gmina miejska)", "Kraśnik (gmina miejska)",
     "0607011_krasnik_gmina_miejska"),
    ("0607052", "Kraśnik (gmina wiejska)", "Kraśnik (gmina wiejska)",
     "0607052_krasnik_gmina_wiejska"),
    ("3007112", "Żelazków", "Żelazków", "3007112_zelazkow"),
    ("3007012", "", "", "3007012"),                             # a code the register lacks
])
def test_unit_label_and_folder_carry_code_and_name(teryt, name, label, folder):
    from strategy.batch.jobs import placed, unit_folder, unit_label
    assert unit_label(teryt, name) == label
    assert unit_folder(teryt, name) == folder
    assert placed(f"/r/3007/2024/{folder}", "diagnoza.docx") == f"{folder}_diagnoza.docx"
