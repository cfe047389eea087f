"""The import graph of omnitui, read from the source with ``ast``, and the cycles in it.

Every import counts: at the top of a module, inside a function (a lazy import still runs) and
under ``if TYPE_CHECKING:`` (a type checker follows it, and a reader does too). Importing
``a.b.c`` also imports the packages ``a`` and ``a.b``, so those are edges as well.

``python -m tools.import_graph [PREFIX]`` prints each cycle among the modules under ``PREFIX``
(default ``omnitui``) and exits 1 when there is one.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "omnitui"

Graph = Mapping[str, set[str]]


def module_files(root: Path = ROOT, package: str = PACKAGE) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file of ``package`` under ``root``."""
    files: dict[str, Path] = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        files[".".join(parts)] = path
    return files


def imports_of(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """The modules of ``known`` that module ``name`` (in ``path``) imports, however it does."""
    known = set(known)
    is_package = path.name == "__init__.py"
    here = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(here, node.module, node.level)
            found.add(base)
            # ``from a import b`` imports the module a.b when there is one.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    edges: set[str] = set()
    for target in found:
        parts = target.split(".")
        edges.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    edges.discard(name)
    # A package's own parents are imported before it: not an edge of its own making.
    parents = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
    return (edges & known) - parents


def _absolute(here: str, module: str | None, level: int) -> str:
    if level == 0:
        return module or ""
    parts = here.split(".")
    base = parts[: len(parts) - (level - 1)]
    return ".".join([*base, module] if module else base)


def build(root: Path = ROOT, package: str = PACKAGE) -> dict[str, set[str]]:
    """Module -> the modules of the package it imports."""
    files = module_files(root, package)
    return {name: imports_of(name, path, files) for name, path in files.items()}


def cycles(graph: Graph, prefix: str = PACKAGE) -> list[list[str]]:
    """Cycles (``[a, b, …, a]``) through the modules under ``prefix``: for each module in a
    group that import each other, the shortest cycle through it; sorted and without repeats."""
    found: set[tuple[str, ...]] = set()
    for group in _strongly_connected(graph):
        if len(group) == 1 and not group & graph.get(next(iter(group)), set()):
            continue
        for module in group:
            if _under(module, prefix):
                found.add(_rotated(_cycle_through(graph, group, module)))
    return sorted(list(cycle) for cycle in found)


def _rotated(cycle: list[str]) -> tuple[str, ...]:
    """The same cycle, starting at its smallest name: one spelling per cycle."""
    ring = cycle[:-1]
    first = ring.index(min(ring))
    ring = ring[first:] + ring[:first]
    return (*ring, ring[0])


def _under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def _strongly_connected(graph: Graph) -> list[set[str]]:
    """Tarjan's algorithm, iteratively (no recursion limit to worry about)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, list[str]]] = [(start, sorted(graph.get(start, ())))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, todo = work[-1]
            if todo:
                nxt = todo.pop(0)
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(graph.get(nxt, ()))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                groups.append(group)
    return groups


def _cycle_through(graph: Graph, group: set[str], start: str) -> list[str]:
    """A shortest cycle through ``start`` (breadth-first, inside its group)."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for nxt in sorted(graph.get(node, set()) & group):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if nxt not in previous:
                    previous[nxt] = node
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no cycle in {sorted(group)}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    prefix = args[0] if args else PACKAGE
    found = cycles(build(), prefix)
    for cycle in found:
        print(" -> ".join(cycle))
    print(f"{len(found)} import cycle(s) under {prefix}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
