"""No module imports a module that imports it back: not lazily, not only for type checking."""

from __future__ import annotations

from pathlib import Path

from tools import import_graph


def test_no_import_cycles_anywhere_in_omnitui() -> None:
    """No module imports one that imports it back, lazily or for type checking included."""
    assert import_graph.cycles(import_graph.build(), "omnitui") == []


def test_the_screens_and_forms_do_not_import_the_app() -> None:
    graph = import_graph.build()
    importers = sorted(name for name, imports in graph.items() if "omnitui.tui.app" in imports)
    assert importers == ["omnitui.cli"]


def test_every_kind_of_import_is_an_edge(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "top.py").write_text("from pkg import lazy\n")
    (package / "lazy.py").write_text("def f():\n    from . import checked\n")
    (package / "checked.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.top\n"
    )
    (package / "alone.py").write_text("import os\nimport pkg\n")
    graph = import_graph.build(tmp_path, "pkg")
    assert graph["pkg.top"] == {"pkg.lazy"}
    assert graph["pkg.lazy"] == {"pkg.checked"}
    assert graph["pkg.checked"] == {"pkg.top"}
    assert graph["pkg.alone"] == set()
    assert import_graph.cycles(graph, "pkg") == [
        ["pkg.checked", "pkg.top", "pkg.lazy", "pkg.checked"]
    ]
