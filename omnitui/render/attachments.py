"""How an attachment reads: one line under its entry, and the same words in the picker.

``📎 pakbon.pdf · 12 kB · PDF`` for a file, ``[image: schade-foto.png] · 740 B`` for a picture
(pictures are never drawn). The name is the server's, so it is hostile input: the model has made
its control characters and bidi overrides inert already (docs/hazards.md §0); here it is only
cut to a length a line can hold. It is shown as sent, path separators and all, so the agent sees
what the customer sent; the name a file is saved under is made safe elsewhere
(:mod:`omnitui.storage.downloads`). No Textual.
"""

from __future__ import annotations

from rich.cells import cell_len

from omnitui.api.models import Attachment

FILE_MARK = "📎 "
#: A name longer than this (in cells) is cut, with an ellipsis: a line stays a line.
NAME_CELLS = 80
UNNAMED = "unnamed file"

#: Media types an agent meets in mail, in their words; ``image/…`` others are "image".
_KINDS = {
    "application/pdf": "PDF",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "image/jpg": "JPEG image",
    "image/gif": "GIF image",
    "image/webp": "WebP image",
    "image/heic": "HEIC image",
    "image/bmp": "BMP image",
    "image/tiff": "TIFF image",
    "image/svg+xml": "SVG image",
    "text/plain": "text",
    "text/csv": "CSV",
    "text/html": "HTML",
    "text/calendar": "calendar invitation",
    "text/xml": "XML",
    "application/xml": "XML",
    "application/json": "JSON",
    "message/rfc822": "e-mail",
    "application/vnd.ms-outlook": "Outlook message",
    "application/zip": "ZIP archive",
    "application/x-zip-compressed": "ZIP archive",
    "application/gzip": "gzip archive",
    "application/x-7z-compressed": "7-Zip archive",
    "application/vnd.rar": "RAR archive",
    "application/x-rar-compressed": "RAR archive",
    "application/msword": "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.ms-excel": "Excel spreadsheet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
    "application/vnd.ms-powerpoint": "PowerPoint presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "PowerPoint presentation"
    ),
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
}
#: When the type is missing or says nothing (``application/octet-stream``): the name's ending.
_BY_EXTENSION = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "heic": "image/heic",
    "bmp": "image/bmp",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "svg": "image/svg+xml",
    "txt": "text/plain",
    "log": "text/plain",
    "csv": "text/csv",
    "htm": "text/html",
    "html": "text/html",
    "ics": "text/calendar",
    "xml": "application/xml",
    "json": "application/json",
    "eml": "message/rfc822",
    "msg": "application/vnd.ms-outlook",
    "zip": "application/zip",
    "gz": "application/gzip",
    "7z": "application/x-7z-compressed",
    "rar": "application/vnd.rar",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
_SAYS_NOTHING = {"", "application/octet-stream", "binary/octet-stream", "application/unknown"}


def human_size(size: int) -> str:
    """A size in bytes as an agent reads it: ``740 B``, ``1.2 kB``, ``12 kB``, ``1.2 MB``
    (powers of 1000, as file managers show them)."""
    if size < 1000:
        return f"{max(size, 0)} B"
    value = float(size)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1000
        if value < 9.95:
            return f"{value:.1f}".removesuffix(".0") + f" {unit}"
        if value < 999.5 or unit == "TB":
            return f"{value:.0f} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def media_type(file: Attachment) -> str:
    """The file's media type, lower case without parameters; from its name when the server's
    says nothing."""
    sent = file.mime_type.split(";", 1)[0].strip().lower()
    if sent not in _SAYS_NOTHING:
        return sent
    _, dot, extension = file.name.rpartition(".")
    return _BY_EXTENSION.get(extension.lower(), sent) if dot else sent


def kind_text(file: Attachment) -> str:
    """What the file is, in a word or two: ``PDF``, ``PNG image``, ``text``; "" if unknown."""
    kind = media_type(file)
    if kind in _KINDS:
        return _KINDS[kind]
    major, _, minor = kind.partition("/")
    if major in {"image", "audio", "video"}:
        return major
    if major == "text":
        return "text"
    if kind in _SAYS_NOTHING or not minor:
        return ""
    return _cut(kind, 40)


def extension_for(file: Attachment) -> str:
    """The usual ending (``.pdf``) of the file's type, for a file that has no name; or ""."""
    kind = media_type(file)
    return next((f".{ext}" for ext, known in _BY_EXTENSION.items() if known == kind), "")


def is_image(file: Attachment) -> bool:
    return media_type(file).startswith("image/")


def shown_name(file: Attachment) -> str:
    """The name as sent (already inert), cut to :data:`NAME_CELLS`; "unnamed file" if none."""
    return _cut(file.name.strip(), NAME_CELLS) or UNNAMED


def attachment_line(file: Attachment) -> str:
    """The file's line under its entry: name, size and type; a picture as ``[image: name]``."""
    size = human_size(file.size) if file.size is not None else ""
    if is_image(file):
        return " · ".join(part for part in (f"[image: {shown_name(file)}]", size) if part)
    parts = (shown_name(file), size, kind_text(file))
    return FILE_MARK + " · ".join(part for part in parts if part)


def _cut(text: str, cells: int) -> str:
    if cell_len(text) <= cells:
        return text
    text = text[:cells]  # no character takes less than a cell, bar marks that join another
    while text and cell_len(text) > cells - 1:
        text = text[:-1]
    return text + "…"
