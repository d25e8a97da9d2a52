"""The analysis returns numbers, codes and frames, never sentences: no string in
src/strategy/analysis reads as one (docstrings and the Polish messages of raised errors aside)."""
import ast
from pathlib import Path

import strategy.analysis

ANALYSIS = Path(strategy.analysis.__file__).parent
MAX_WORDS = 5     # the longest label: "ponad poziom dopuszczony w planie"


def _docstrings(tree) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _in_raise(tree) -> set[int]:
    return {id(n) for r in ast.walk(tree) if isinstance(r, ast.Raise) for n in ast.walk(r)}


def _texts(path: Path):
    """Yield (line, text) of every string literal of ``path`` that is not a docstring, not in a
    ``raise``; an f-string as its literal parts joined."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _in_raise(tree)
    parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if id(node) in skip or id(node) in parts:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr):
            yield node.lineno, " ".join(v.value for v in node.values
                                        if isinstance(v, ast.Constant))


def test_no_string_of_the_analysis_is_a_sentence():
    found = []
    for path in sorted(ANALYSIS.glob("*.py")):
        for line, text in _texts(path):
            words = text.split()
            if len(words) > MAX_WORDS or (len(words) > 1 and text.rstrip().endswith(".")):
                found.append(f"{path.name}:{line}: {text[:60]!r}")
    assert not found, "\n".join(found)


def test_the_check_finds_a_sentence(tmp_path):
    p = tmp_path / "m.py"
    p.write_text('"""Doc."""\nA = "wzrost"\nB = f"Prognozy nie sporządzono: dane z {n} lat."\n'
                 'def f():\n    raise ValueError(f"plik {x}: brak kolumn")\n', encoding="utf-8")
    assert [t for _, t in _texts(p)] == ["wzrost", "Prognozy nie sporządzono: dane z   lat."]
