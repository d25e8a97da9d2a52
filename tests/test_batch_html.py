"""The worker's HTML export gives the page nbconvert's HTMLExporter gives, without its soup pass."""
import base64

import nbformat
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter

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
                "text/html": '<table><tr><td>1</td></tr></table><img src="x.png" alt="wykres">'}),
            nbformat.v4.new_output("display_data", data={"text/markdown": "**gmina**"})]),
    ]
    return nb


def test_light_export_matches_nbconvert_after_normalising_the_markup():
    nb = _notebook()
    ref, _ = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                          exclude_output_prompt=True).from_notebook_node(nb)
    got, _ = worker._exporter().from_notebook_node(nb)
    assert str(BeautifulSoup(got, features="html.parser")) == ref
    # the chart got the default alt text, the image with its own alt kept it
    assert got.count(f'alt="{worker.NO_ALT_TEXT}"') == 1 and 'alt="wykres"' in got
    # four outputs (stream, image, html, markdown) and the markdown cell's text are focusable
    assert got.count('tabindex="0"') == ref.count('tabindex="0"') == 5
    assert "print(1)" not in got


def test_alt_is_added_inside_a_self_closing_tag_and_kept_when_present():
    html = '<img src="data:image/png;base64,QUJD" /><img alt="x" src="a.png"><div class="jp-OutputArea-output other">'
    got = worker._IMG_TAG.sub(worker._add_alt, html)
    got = worker._DIV_TAG.sub(worker._add_tabindex, got)
    assert got == (f'<img src="data:image/png;base64,QUJD" alt="{worker.NO_ALT_TEXT}"/>'
                   '<img alt="x" src="a.png">'
                   '<div class="jp-OutputArea-output other" tabindex="0">')


def test_optional_imports_are_skipped_only_inside_the_block():
    import importlib
    import sys

    from strategy.batch.lean_imports import skipping_optional_imports

    name = "strategy_test_optional_module_xyz"
    sys.modules.pop(name, None)
    with skipping_optional_imports((name, "json")):
        try:
            importlib.import_module(name)
        except ImportError:
            blocked = True
        else:
            blocked = False
        import json  # already loaded before the block: not blocked
    assert blocked and json.dumps(1) == "1"
    assert name not in sys.modules  # importable (here: not found) as before
