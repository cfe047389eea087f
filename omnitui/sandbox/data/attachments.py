"""The demo attachments the sandbox serves as real files (``GET /api/v2/file/{id}``).

Only these carry a ``url`` in the timeline; the ordinary tickets' attachments are names and
sizes without content, as files whose retention ran out would be. Their ids lie above every id
the seed's counter hands out, so the two never meet.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final

from omnitui.sandbox.data import documents, packaged
from omnitui.sandbox.data.documents import Doc


@dataclass(frozen=True)
class DemoFile:
    """A file a demo entry carries: its name as the timeline shows it and where its bytes are."""

    id: int
    name: str
    mime_type: str
    packaged: str
    """The file under ``files/attachments/``."""

    def content(self) -> bytes:
        """Return the file's bytes."""
        return _content(self.packaged)

    def doc(self) -> Doc:
        """Return the file as an entry's ``files`` list holds it, with its real size."""
        return documents.attachment(
            self.id, self.name, len(self.content()), self.mime_type, downloadable=True
        )


@functools.cache
def _content(name: str) -> bytes:
    return packaged.read_bytes(f"attachments/{name}")


DAMAGE_PHOTO: Final = DemoFile(69001, "schade-foto.png", "image/png", "schade-foto.png")
PACKING_SLIP: Final = DemoFile(69002, "pakbon MB-2026-48213.pdf", "application/pdf", "pakbon.pdf")
SERIAL_NUMBERS: Final = DemoFile(
    69003, "serienummers – overzicht.txt", "text/plain; charset=utf-8", "serienummers.txt"
)
DEMO_FILES: Final[dict[int, DemoFile]] = {
    f.id: f for f in (DAMAGE_PHOTO, PACKING_SLIP, SERIAL_NUMBERS)
}
"""Every downloadable file, by id."""
