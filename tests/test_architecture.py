"""The package's rooms import each other one way, at the top of their modules.

Read from the source with ``ast`` (no import is run): every ``import``/``from ... import`` of a
``strategy`` module, where it stands (module level or inside a function) and which room
(subpackage or top-level module) it goes from and to.
"""
from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "strategy"
#: At most this many imports of the package's own modules inside functions (each a deliberate
#: lazy import that says why).
MAX_FUNCTION_IMPORTS = 15
#: Modules that may not call the library internals the design rules out.
FORBIDDEN = {
    r"sys\.modules\[[^\]]*\]\s*=(?!=)|sys\.modules\.(setdefault|update)\(":
        "entries put into sys.modules",
    r"gc\.freeze": "gc.freeze",
    r"malloc_trim": "malloc_trim through ctypes",
    r"\.kc\s*=(?!=)": "a kernel client handed to papermill's client",
    r"\bctypes\b": "ctypes",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _room(module: str) -> str:
    """Return the room of a ``strategy.x.y`` module: ``x`` (subpackage or top-level module)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _targets(node: ast.AST, module: str, is_package: bool) -> list[str]:
    """Return the ``strategy`` modules an import node brings in."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "strategy"]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = module.split(".")
            if not is_package:
                base = base[:-1]
            base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
            name = ".".join(base + ([node.module] if node.module else []))
        else:
            name = node.module or ""
        if name.split(".")[0] != "strategy":
            return []
        if node.module is None or name == "strategy":
            # "from . import x" / "from strategy import x": x may be a module
            return [f"{name}.{a.name}" for a in node.names]
        return [name]
    return []


def _imports():
    """Yield (module, target module, inside a function?, file, line)."""
    for path in sorted(SRC.rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_function: set[int] = set()
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for sub in ast.walk(fn):
                    if isinstance(sub, (ast.Import, ast.ImportFrom)):
                        in_function.add(id(sub))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _targets(node, module, path.name == "__init__.py"):
                    yield module, target, id(node) in in_function, path, node.lineno


def test_the_reader_of_imports_sees_relative_and_absolute_imports():
    found = {(m, t) for m, t, _, _, _ in _imports()}
    # documents/__init__.py: "from .report import Ref, Report"
    assert ("strategy.documents", "strategy.documents.report") in found
    # cli modules reach the batch (relative import two levels up)
    assert any(m.startswith("strategy.cli") and t.startswith("strategy.batch") for m, t in found)


def test_no_two_rooms_import_each_other():
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for module, target, _, path, line in _imports():
        a, b = _room(module), _room(target)
        if a and b and a != b:
            edges[(a, b)].append(f"{path.relative_to(SRC)}:{line}")
    both = sorted((a, b, edges[(a, b)][:3], edges[(b, a)][:3])
                  for (a, b) in edges if (b, a) in edges and a < b)
    assert both == [], "pokoje importujące się nawzajem: " + "; ".join(
        f"{a} ↔ {b} ({', '.join(x)} / {', '.join(y)})" for a, b, x, y in both)


def test_few_imports_of_the_package_inside_functions():
    inside = [f"{path.relative_to(SRC)}:{line} {target}"
              for _, target, nested, path, line in _imports() if nested]
    assert len(inside) <= MAX_FUNCTION_IMPORTS, (
        f"{len(inside)} importów modułów pakietu wewnątrz funkcji (dozwolone "
        f"{MAX_FUNCTION_IMPORTS}):\n" + "\n".join(inside))


def test_the_trick_finder_sees_what_it_is_meant_to_see():
    def found(line: str) -> bool:
        return any(re.search(n, line) for n in FORBIDDEN)
    assert found('sys.modules["pyarrow.fs"] = None')
    assert found("client.kc = kernel.kc")
    assert found("gc.freeze()")
    assert not found('sys.modules["pandas"].reset_option("all")')   # reading is no trick
    assert not found("if client.kc == other:")


def test_no_tricks_on_library_or_interpreter_insides():
    hits = []
    for path in sorted(SRC.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            for needle, what in FORBIDDEN.items():
                if re.search(needle, code):
                    hits.append(f"{path.relative_to(SRC)}:{number}: {what}")
    assert hits == []


def _cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """Return the strongly connected groups of more than one room (Tarjan)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_cycle_finder_finds_a_three_room_cycle():
    assert _cycles({("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")}) == [["a", "b", "c"]]
    assert _cycles({("a", "b"), ("b", "c")}) == []


def test_no_cycle_among_rooms():
    edges = {(_room(m), _room(t)) for m, t, _, _, _ in _imports()}
    edges = {(a, b) for a, b in edges if a and b and a != b}
    assert _cycles(edges) == []


def test_a_notebook_start_does_not_import_the_notebook_format_validator():
    # every document notebook starts with these imports; nbformat brings jsonschema and its
    # format checkers (about 2 s of a cold notebook): only the readers that need it import it
    import subprocess
    import sys

    code = ("import sys, strategy.notebook_helpers, strategy.documents.authoring; "
            "print(sorted(m for m in ('nbformat', 'jsonschema') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
