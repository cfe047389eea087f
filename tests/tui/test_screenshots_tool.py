"""``make screenshots`` still works: one shot, taken the way the tool takes them all."""

from __future__ import annotations

from pathlib import Path

from omnitui.sandbox import SandboxServer
from tools import screenshots


async def test_a_screenshot_is_an_svg_of_the_screen(shared: SandboxServer, tmp_path: Path) -> None:
    path = await screenshots.take("help", shared.url, shared.api_key, tmp_path)
    svg = path.read_text(encoding="utf-8")
    assert path.name == "help.svg" and svg.startswith("<svg")
    assert (
        "Keys" in svg
        and "Back&#160;to&#160;the&#160;list&#160;it&#160;was&#160;opened&#160;from" in svg
    )


def test_unknown_shot_names_are_refused(capsys) -> None:
    try:
        screenshots.main(["--out", "/nonexistent", "nope"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "unknown shots: nope" in capsys.readouterr().err
