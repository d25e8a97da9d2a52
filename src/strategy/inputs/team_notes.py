"""The team's conclusions written in a gmina's diagnosis notebook, read without running it.

In: the author copy of the gmina's diagnosis notebook
(``notebooks/autorskie/<teryt>/diagnoza_gminy.ipynb``, :func:`strategy.inputs.author_diagnosis`).
Out: :class:`TeamNotes` - the text of each ``dok.conclusions(...)`` call and the items of the
bullet lists of each ``dok.markdown(...)`` call, in the order of the cells - which the gmina's
family-support programme offers as the conclusions it should answer.

Rules (nothing is executed: the code cells are parsed with :mod:`ast`):

* a cell that does not parse as Python (a cell with IPython magics) is skipped;
* the text is the call's first argument (or ``text=``): a string constant, or an f-string of
  which only the constant parts are known - a paragraph (conclusions) or a list item (notes)
  with a computed part is left out rather than shown half-filled; so is one with a
  ``{name}`` cross-reference to a table or figure of the diagnosis;
* conclusions: the paragraphs of the text (separated by an empty line) joined, with the
  Markdown emphasis marks (``**``, ``__``, backticks) removed and the spaces folded;
* notes: the items of the Markdown bullet and numbered lists of ``dok.markdown`` calls (a
  line starting with ``-``, ``*``, ``+`` or ``1.``, with its indented continuation lines), the
  same cleaning, a trailing comma, semicolon or full stop removed.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Marks a computed part of an f-string in the text read.
_COMPUTED = "\x00"
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_REF = re.compile(r"\{\w+\}")
_EMPHASIS = re.compile(r"\*\*|__|`")


@dataclass
class TeamNotes:
    """The team's conclusions (``conclusions``) and the items of its notes (``notes``) read
    from the notebook ``path``."""

    path: Path
    conclusions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.conclusions or self.notes)

    def items(self) -> list[str]:
        """Return the conclusions and then the notes."""
        return self.conclusions + self.notes


def _text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else _COMPUTED
                       for v in node.values)
    return None


def _clean(s: str) -> str:
    return " ".join(_EMPHASIS.sub("", s).split())


def _known(s: str) -> bool:
    return _COMPUTED not in s and not _REF.search(s)


def _conclusion(text: str) -> str:
    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip() and _known(p)]
    return _clean(" ".join(paras))


def _list_items(text: str) -> list[str]:
    items: list[list[str]] = []
    open_item = False
    for line in text.splitlines():
        m = _ITEM.match(line)
        if m:
            items.append([m.group(1)])
            open_item = True
        elif open_item and line.strip() and line[:1].isspace():
            items[-1].append(line.strip())
        else:
            open_item = False
    out = []
    for parts in items:
        s = " ".join(parts)
        if _known(s):
            s = _clean(s).rstrip(",;.").strip()
            if s:
                out.append(s)
    return out


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "dok"
                and node.func.attr in ("conclusions", "markdown")):
            arg = node.args[0] if node.args else next(
                (k.value for k in node.keywords if k.arg == "text"), None)
            text = _text(arg) if arg is not None else None
            if text is not None:
                yield node.lineno, node.func.attr, text


def read_team_notes(path: str | Path) -> TeamNotes:
    """Return the team's conclusions and notes in the notebook at ``path`` (empty when the file
    does not exist; the module's rules)."""
    path = Path(path)
    notes = TeamNotes(path)
    if not path.is_file():
        return notes
    # imported here: nbformat pulls in jsonschema's format checkers (about 2 s at import), and
    # every notebook of the batch imports this module while only a programme reads notes
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for _, kind, text in sorted(_calls(tree), key=lambda c: c[0]):
            if kind == "conclusions":
                c = _conclusion(text)
                if c:
                    notes.conclusions.append(c)
            else:
                notes.notes.extend(_list_items(text))
    return notes
