"""Checks on an uploaded evidence file, by its content and never by its name. No ORM."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import IO

import filetype

# What the portal accepts, by the type its content shows: PDF, images, Office documents.
ALLOWED = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/tiff": "tif",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
FORBIDDEN = set('"<>|:*?\\/')


# Other spellings of a detected type's extension that a download name may keep.
SYNONYMS = {"jpg": {"jpg", "jpeg", "jpe"}, "tif": {"tif", "tiff"}}

HEAD_BYTES = 8192  # enough for every signature above, Office Open XML included


@dataclass(frozen=True)
class FileKind:
    mime: str
    extension: str


class UploadRejected(ValueError):
    """An upload the portal refuses; `code` says why (empty, too_large, wrong_type, and for the
    response's quota too_many and quota)."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)


def check_upload(stream: IO[bytes], size: int, max_bytes: int) -> FileKind:
    """The file's kind if it is acceptable; raises UploadRejected otherwise."""
    if size <= 0:
        raise UploadRejected("empty")
    if size > max_bytes:
        raise UploadRejected("too_large", size=size, max_bytes=max_bytes)
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED:
        raise UploadRejected("wrong_type", detected=kind.mime if kind else "")
    return FileKind(kind.mime, ALLOWED[kind.mime])


NAME_MAX = 120  # characters of the uploader's file name kept for display


def clean_name(name: str) -> str:
    """The uploader's file name for display and download only (never a path on disk).

    No folders, no control, format (bidirectional overrides, zero-width) or unassigned
    characters, none of the characters Windows forbids, no leading dots; a long name is
    shortened before its extension, which stays readable.
    """
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in FORBIDDEN)
    base = " ".join(base.split()).lstrip(". ").rstrip(" ")
    if len(base) > NAME_MAX:
        stem, dot, suffix = base.rpartition(".")
        suffix = f".{suffix}" if dot and stem and len(suffix) <= 10 else ""
        keep = NAME_MAX - len(suffix) - 1
        base = (base[: len(base) - len(suffix)][:keep]).rstrip() + "…" + suffix
    return base or "evidence"


def download_name(name: str, extension: str) -> str:
    """The name a file is downloaded under: the uploader's name, ending with the extension of the
    type its content showed (`.pdf` for a PDF named `report.html`), so no browser or desktop
    opens it as something else."""
    detected = extension.lstrip(".").lower()
    stem, dot, suffix = name.rpartition(".")
    if dot and stem and suffix.lower() in SYNONYMS.get(detected, {detected}):
        return name
    return f"{name or 'evidence'}.{detected}" if not (dot and stem) else f"{stem}.{detected}"
