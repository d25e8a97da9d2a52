"""The YAML of a plan file read safely: lines kept, unit codes as written, Polish error messages.

In: the text of a plan file and its name. Out: the document as mappings (:class:`Node`) and
lists (:class:`Seq`) that remember the line they were written on, with scalars typed as by
PyYAML's safe loader - except the unit code (``jednostka``), kept as it was written: ``0607``
is the code of powiat kraśnicki, not the octal number 391. Or :class:`PlanError` naming the file,
line and column, in Polish (a tab, bad indentation, an unclosed bracket or quote, a ``!!python``
tag, a repeated key, aliases that would expand beyond :data:`MAX_EXPANDED`).

Light: PyYAML only (the batch runner indexes plan files without pandas).
"""
from __future__ import annotations

import re

import yaml

from ..errors import PlanError

#: Keys whose scalar value is kept as the text written (codes, not numbers).
RAW_TEXT_KEYS = frozenset({"jednostka"})
#: Largest size of a plan with every alias (``*name``) written out, counted in nodes (a text
#: counts one node per 80 characters). A real strategy plan has a few thousand; a "billion
#: laughs" file - aliases of aliases - would have billions.
MAX_EXPANDED = 250_000

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"


class Node(dict):
    """A mapping that remembers its line and the line each key was written on."""
    line: int = 0
    key_lines: dict


class Seq(list):
    """A list that remembers its line."""
    line: int = 0


class _Repeated(yaml.MarkedYAMLError):
    """A key written twice in one mapping."""


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    out = Node()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            repeated = key in out
        except TypeError:  # a list or mapping as a key
            raise _Repeated(problem="pole bez nazwy (lista lub pola w miejscu nazwy pola)",
                            problem_mark=key_node.start_mark) from None
        if repeated:
            raise _Repeated(problem=f"pole '{key}' powtórzone w tym samym miejscu",
                            problem_mark=key_node.start_mark)
        if (key in RAW_TEXT_KEYS and isinstance(value_node, yaml.ScalarNode)
                and value_node.tag in (_INT_TAG, _FLOAT_TAG)):
            out[key] = value_node.value
        else:
            out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_seq(loader, node):
    out = Seq(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def expanded_size(root: yaml.Node, limit: int = MAX_EXPANDED) -> int:
    """Return the size of the node graph with aliases written out; stop counting past ``limit``.

    Each node's size is computed once (aliases share nodes), so a file whose expansion is
    astronomically large is measured in time proportional to the file. Raise ``ValueError``
    for a node that contains itself (a recursive alias).
    """
    sizes: dict[int, int | None] = {}

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            if sizes[key] is None:
                raise ValueError("cycle")
            return sizes[key]
        sizes[key] = None
        if isinstance(node, yaml.ScalarNode):
            total = 1 + len(node.value) // 80
        elif isinstance(node, yaml.SequenceNode):
            total = 1
            for child in node.value:
                total = min(limit + 1, total + size(child))
        else:
            total = 1
            for k, v in node.value:
                total = min(limit + 1, total + size(k) + size(v))
        sizes[key] = total
        return total

    return size(root)


# PyYAML's problems, in the words of a person editing the file.
_PROBLEMS = [
    (r"found character '\\t' that cannot start any token",
     "znak tabulacji: wcięcia w pliku planu rób spacjami, nie klawiszem Tab"),
    (r"found a tab character",
     "znak tabulacji: wcięcia w pliku planu rób spacjami, nie klawiszem Tab"),
    (r"mapping values are not allowed here",
     "dwukropek w niedozwolonym miejscu (tekst zawierający dwukropek ujmij w cudzysłów, "
     "a pole zacznij od nowego wiersza)"),
    (r"could not find expected ':'", "brak dwukropka po nazwie pola"),
    (r"did not find expected key",
     "niezgodne wcięcie: pola tego samego poziomu muszą zaczynać się w tej samej kolumnie"),
    (r"expected <block end>, but found",
     "niezgodne wcięcie: pola tego samego poziomu muszą zaczynać się w tej samej kolumnie"),
    (r"did not find expected '-' indicator",
     "niezgodne wcięcie listy: każda pozycja zaczyna się od '- ' w tej samej kolumnie"),
    (r"expected ',' or '\]'", "niedomknięty nawias kwadratowy [ ]"),
    (r"expected ',' or '\}'", "niedomknięty nawias klamrowy { }"),
    (r"found unexpected end of stream",
     "plik kończy się w środku tekstu: brak zamykającego cudzysłowu lub nawiasu"),
    (r"found undefined alias", "odwołanie (*nazwa) do kotwicy (&nazwa), której nie ma wyżej"),
    (r"found duplicate anchor", "ta sama kotwica (&nazwa) użyta dwa razy"),
    (r"found unknown escape character",
     "nieznany znak po ukośniku \\ w tekście w cudzysłowie (w ścieżkach użyj pojedynczego "
     "cudzysłowu ' ' albo ukośnika /)"),
    (r"expected a comment or a line break", "nadmiarowy tekst po wartości w tym wierszu"),
    (r"found unexpected ':'", "dwukropek w niedozwolonym miejscu"),
    (r"expected alphabetic or numeric character", "niepoprawna nazwa kotwicy lub odwołania"),
    (r"expected the node content, but found", "brak wartości w miejscu, gdzie powinna być"),
    (r"but found another document", "drugi dokument YAML (---) w pliku planu"),
]
_TAG = re.compile(r"could not determine a constructor for the tag '([^']*)'")


def _polish(problem: str) -> str:
    tag = _TAG.search(problem)
    if tag:
        shown = tag.group(1).replace("tag:yaml.org,2002:", "!!")
        return (f"niedozwolony znacznik '{shown}' (plik planu może zawierać tylko teksty, "
                "liczby, listy i pola; znaczniki typu !!python są odrzucane)")
    for pattern, text in _PROBLEMS:
        if re.search(pattern, problem):
            return text
    return f"błąd składni YAML ({problem}); sprawdź wcięcia, dwukropki i cudzysłowy"


def _where(name: str, line: int | None, column: int | None) -> str:
    out = f"plik {name}"
    if line is not None:
        out += f", wiersz {line + 1}"
        if column is not None:
            out += f", kolumna {column + 1}"
    return out


def read_yaml(text: str, name: str):
    """Return the document of a plan file's ``text`` (file ``name`` for messages).

    Raise :class:`PlanError` with file, line and column for a syntax problem, a tag outside
    the safe ones, a repeated key, or aliases that expand beyond :data:`MAX_EXPANDED` nodes.
    """
    loader = None
    try:
        loader = _Loader(text)
        root = loader.get_single_node()
        if root is None:
            return None
        try:
            size = expanded_size(root)
        except ValueError:
            raise PlanError(f"{_where(name, root.start_mark.line, None)}: odwołanie (*nazwa) "
                            "wskazuje na element, który je zawiera (pętla)") from None
        if size > MAX_EXPANDED:
            raise PlanError(
                f"{_where(name, None, None)}: po rozwinięciu odwołań (&nazwa / *nazwa) plik "
                f"miałby ponad {MAX_EXPANDED:_} elementów".replace("_", " ")
                + " - to nie jest plan, tylko plik, który zająłby całą pamięć komputera; usuń "
                "zagnieżdżone odwołania")
        return loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark, start = exc.problem_mark or exc.context_mark, exc.context_mark
        problem = str(exc.problem or exc.context or exc)
        said = problem if isinstance(exc, _Repeated) else _polish(problem)
        if start is not None and mark is not None and start.line != mark.line:
            if mark.index >= len(text.rstrip()):  # the file ended: show where it was opened
                mark = start
            else:
                said += f" (zaczęte w wierszu {start.line + 1})"
        elif mark is not None and mark.index >= len(text.rstrip()) and "plik kończy" not in said:
            said += " (plik kończy się w tym miejscu: brakuje zamknięcia nawiasu lub wartości)"
        where = _where(name, mark.line if mark else None, mark.column if mark else None)
        raise PlanError(f"{where}: {said}") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) if isinstance(exc.position, int) else None
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) if line is not None else None
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
        raise PlanError(f"{_where(name, line, col)}: niedozwolony znak U+{char:04X} - "
                        "plik planu to zwykły tekst w UTF-8") from None
    except yaml.YAMLError as exc:
        raise PlanError(f"{_where(name, None, None)}: błąd składni YAML ({exc})") from None
    except RecursionError:
        raise PlanError(f"{_where(name, None, None)}: zbyt głęboko zagnieżdżone listy lub pola")\
            from None
    finally:
        if loader is not None:
            loader.dispose()
