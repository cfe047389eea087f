"""The README's key tables are generated from the bindings; this fails when they drift apart."""

from __future__ import annotations

from pathlib import Path

from tools import keys_doc

README = Path(__file__).parent.parent / "README.md"


def test_the_readme_lists_the_keys_the_app_has() -> None:
    text = README.read_text(encoding="utf-8")
    current = keys_doc.replace_block(text, keys_doc.markdown())
    assert current == text, "README.md key tables are out of date: run `make docs`"


def test_every_described_key_has_an_id_for_the_keymap() -> None:
    missing = [
        f"{heading}: {binding.key}"
        for heading, bindings in keys_doc.sections()
        for binding in bindings
        if binding.description and not binding.id
    ]
    assert missing == []


def test_check_mode_reports_a_stale_readme(tmp_path: Path) -> None:
    stale = tmp_path / "README.md"
    stale.write_text(f"# x\n{keys_doc.BEGIN}\n| old |\n{keys_doc.END}\n", encoding="utf-8")
    assert keys_doc.main(["--readme", str(stale), "--check"]) == 1
    assert keys_doc.main(["--readme", str(stale)]) == 0
    assert "`ctrl+s`" in stale.read_text(encoding="utf-8")
    assert keys_doc.main(["--readme", str(stale), "--check"]) == 0
