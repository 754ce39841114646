"""Uploaded files are judged by what they contain, not by their names."""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97 / WPS Office documents
_PDF = b"%PDF-"
_ZIP = b"PK\x03\x04"
_EXECUTABLES = (b"MZ", b"\x7fELF", b"#!")


# A .docx or .xlsx is a zip archive: what matters is what it expands to, not its size on disk.
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_RATIO = 200


def check_archive(data: bytes) -> None:
    """Refuse a zip-based document that would expand past the limits (a "zip bomb": 1 MB that
    unpacks to 1 GiB), or that holds more entries than any real document, before anything reads it."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise ValidationError(_("文件已损坏，无法打开。"), code="corrupt") from None
    expanded = sum(e.file_size for e in entries)
    if len(entries) > MAX_ENTRIES:
        raise ValidationError(
            _("文件中包含 %(n)s 个部件，超过正常文档的上限（%(limit)s），已拒绝。")
            % {"n": len(entries), "limit": MAX_ENTRIES},
            code="too_many_entries",
        )
    if expanded > MAX_EXPANDED_BYTES or expanded > MAX_RATIO * max(len(data), 1):
        raise ValidationError(
            _("文件解压后有 %(size)s MB，远超正常文档（上限 %(limit)s MB），已拒绝。")
            % {"size": round(expanded / 1048576), "limit": MAX_EXPANDED_BYTES // 1048576},
            code="expands_too_much",
        )


def sniff(head: bytes, data: bytes, name: str) -> str:
    """'pdf', 'docx', 'wps', 'exe' or '' for a file of unknown kind."""
    if head.startswith(_PDF):
        return "pdf"
    if head.startswith(_ZIP):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return ""
        return ""
    if head.startswith(_OLE2) and name.lower().endswith(".wps"):
        return "wps"
    if head.startswith(_EXECUTABLES):
        return "exe"
    return ""


_LABELS = {"pdf": "PDF", "docx": "Word（DOCX）", "wps": "WPS"}


def check_document(
    upload: Any, *, max_bytes: int, allowed: tuple[str, ...] = ("pdf", "docx", "wps")
) -> tuple[str, bytes]:
    """Read an upload and return (kind, content), or say in Chinese why it is refused."""
    if upload.size == 0:
        raise ValidationError(_("文件是空的，请重新选择。"), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("文件过大（%(size)s MB），上限为 %(limit)s MB。")
            % {"size": round(upload.size / 1048576, 1), "limit": max_bytes // 1048576},
            code="too_large",
        )
    data = upload.read()
    if data.startswith(_ZIP):
        check_archive(data)
    kind = sniff(data[:8], data, upload.name or "")
    if kind == "exe":
        raise ValidationError(_("这是一个程序文件，不是文档，已拒绝。"), code="executable")
    if kind not in allowed:
        raise ValidationError(
            _("只接受 %(kinds)s 格式的文档；该文件的内容不是其中任何一种（无论文件名如何）。")
            % {"kinds": "、".join(_LABELS[k] for k in allowed)},
            code="type",
        )
    return kind, data


IMAGE_MAX_PIXELS = 40_000_000  # a 40-megapixel photo is the largest a phone makes; beyond is a bomb


def check_image(upload: Any, *, max_bytes: int, max_side: int = 1600) -> bytes:
    """A photo as the app keeps it: judged by its content (a renamed file is refused), turned upright,
    shrunk to `max_side` pixels, and saved as JPEG without its metadata — no camera, time or GPS
    position leaves the phone through this app."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not upload.size:
        raise ValidationError(_("文件是空的，请重新选择。"), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("照片过大（%(size)s MB），上限为 %(limit)s MB。")
            % {"size": round(upload.size / 1048576, 1), "limit": max_bytes // 1048576},
            code="too_large",
        )
    data = upload.read()
    try:
        with Image.open(BytesIO(data)) as probe:
            if probe.width * probe.height > IMAGE_MAX_PIXELS:
                raise ValidationError(_("照片像素过多，已拒绝。"), code="too_many_pixels")
            probe.verify()
        with Image.open(BytesIO(data)) as original:
            upright = ImageOps.exif_transpose(original).convert("RGB")
            upright.thumbnail((max_side, max_side))
            out = BytesIO()
            upright.save(out, "JPEG", quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("这不是可以识别的图片（请上传手机拍摄的 JPG、PNG 等照片）。"), code="not_an_image"
        ) from None
    return out.getvalue()
