"""The worker builds notebook outputs exactly as nbformat does, without per-output validation."""
import json

import nbformat
import pytest
from nbformat.v4 import output_from_msg as reference

from strategy.batch.engine import output_from_msg

MESSAGES = [
    ("display_data", {"metadata": {"image/png": {"width": 600}},
                      "data": {"image/png": "iVBORw0KGgo=", "text/plain": "<Image>"}}),
    ("execute_result", {"metadata": {}, "data": {"text/plain": "42", "text/html": "<b>42</b>"},
                        "execution_count": 7}),
    ("stream", {"name": "stdout", "text": "Zapisano dokument\n"}),
    ("error", {"ename": "StoreError", "evalue": "brak danych",
               "traceback": ["Traceback", "StoreError: brak danych"]}),
]


@pytest.mark.parametrize("msg_type,content", MESSAGES)
def test_same_output_node_and_key_order_as_nbformat(msg_type, content):
    msg = {"header": {"msg_type": msg_type}, "content": content}
    got, ref = output_from_msg(msg), reference(msg)
    assert json.dumps(got) == json.dumps(ref)             # same keys, same order, same values
    assert isinstance(got, nbformat.NotebookNode)
    if "data" in got:
        assert isinstance(got.data, nbformat.NotebookNode)  # attribute access as nbclient uses
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[got])])
    nbformat.validate(nb)                                 # valid within a whole notebook


def test_other_messages_are_refused_like_nbformat():
    msg = {"header": {"msg_type": "status"}, "content": {"execution_state": "idle"}}
    with pytest.raises(ValueError):
        reference(msg)
    with pytest.raises(ValueError, match="status"):
        output_from_msg(msg)
