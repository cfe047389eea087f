"""The sandbox's modules form layers: the server on the data, the data on omnitui.core.

Every import counts, also one inside a function: a module that imports a module importing it
back works only as long as nobody reorders the imports.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import omnitui.sandbox

PACKAGE = Path(omnitui.sandbox.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sandbox_imports() -> dict[str, set[str]]:
    """Map each sandbox module to the omnitui modules it imports (``from pkg import mod`` names
    the module ``pkg.mod``)."""
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    imported.add(full if full in modules else node.module)
        graph[name] = {target for target in imported if target.startswith("omnitui.")}
    return graph


def test_no_sandbox_module_imports_a_module_that_imports_it_back() -> None:
    graph = sandbox_imports()
    inside = {name: {t for t in targets if t in graph} for name, targets in graph.items()}

    graphlib.TopologicalSorter(inside).prepare()  # raises CycleError naming the cycle


def test_the_sandbox_uses_only_itself_and_the_core_leaves() -> None:
    foreign = {
        (name, target)
        for name, targets in sandbox_imports().items()
        for target in targets
        if not target.startswith(("omnitui.sandbox", "omnitui.core"))
    }

    assert foreign == set()


def test_the_data_never_imports_the_server() -> None:
    upward = {
        (name, target)
        for name, targets in sandbox_imports().items()
        if name.startswith("omnitui.sandbox.data")
        for target in targets
        if target.startswith("omnitui.sandbox.server")
    }

    assert upward == set()
