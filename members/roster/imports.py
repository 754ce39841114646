"""Importing a roster: upload → preview (nothing saved) → confirm (all rows, or none).

The preview shows which column of the office's sheet became which field, the first rows as they
will be saved, and every problem with its row number in the sheet. Confirming reads the stored file
again against the register as it is then, so a member added meanwhile is caught, and saves every
row in one transaction. A file already imported — by this clerk or another, even at the same
moment — is imported once; the other is told when and by whom.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from ..models import ImportBatch, Member
from .reader import Lookups, Mapping, RosterError, Row, find_header, open_sheets, rows_of

PREVIEW_ROWS = 10


@dataclass
class Preview:
    batch: ImportBatch | None
    mapping: Mapping | None = None
    rows: list[Row] = field(default_factory=list)
    file_error: str = ""

    @property
    def problems(self) -> list[Row]:
        return [r for r in self.rows if r.problems]

    @property
    def notes(self) -> list[Row]:
        return [r for r in self.rows if r.notes]

    @property
    def first_rows(self) -> list[Row]:
        return self.rows[:PREVIEW_ROWS]

    @property
    def ok(self) -> bool:
        return not self.file_error and bool(self.rows) and not self.problems


class AlreadyImported(ValidationError):
    pass


def _already(batch: ImportBatch) -> AlreadyImported:
    who = batch.imported_by.get_full_name() or batch.imported_by.username if batch.imported_by else _("系统")
    return AlreadyImported(
        _("这个文件已于 %(when)s 由 %(who)s 导入（%(n)s 名委员），没有重复导入。")
        % {
            "when": timezone.localtime(batch.imported_at).strftime("%Y-%m-%d %H:%M"),
            "who": who,
            "n": batch.created,
        },
        code="already_imported",
    )


def _read(data: bytes) -> Preview:
    preview = Preview(batch=None)
    try:
        sheets = open_sheets(data)
    except RosterError as exc:
        preview.file_error = str(exc)
        return preview
    # The register is on the first sheet whose header is found (a 填表说明 sheet may come first).
    for sheet in sheets:
        try:
            preview.mapping = find_header(sheet)
            break
        except RosterError as exc:
            preview.file_error = preview.file_error or str(exc)
    else:
        return preview
    preview.file_error = ""
    preview.rows = list(rows_of(sheet, preview.mapping, Lookups()))
    if not preview.rows:
        preview.file_error = _("表头下方没有委员信息：请在表头（第 %(row)s 行）下方逐行填写。") % {
            "row": preview.mapping.header_row
        }
    return preview


def preview_of(batch: ImportBatch) -> Preview:
    """A stored upload read again (after a refused confirmation), without writing anything."""
    with batch.file.open("rb") as stored:
        preview = _read(stored.read())
    preview.batch = batch
    return preview


@transaction.atomic
def roster_preview(*, upload: Any, actor: Any, max_bytes: int) -> Preview:
    """Keep the uploaded file and read it; nothing of the register changes."""
    if not upload.size:
        return Preview(batch=None, file_error=_("文件是空的。"))
    if upload.size > max_bytes:
        return Preview(
            batch=None, file_error=_("文件过大（上限 %(mb)s MB）。") % {"mb": max_bytes // 1048576}
        )
    data = upload.read()
    digest = hashlib.sha256(data).hexdigest()
    done = ImportBatch.objects.filter(digest=digest, status=ImportBatch.Status.IMPORTED).first()
    if done is not None:
        return Preview(batch=done, file_error=" ".join(_already(done).messages))
    preview = _read(data)
    batch = ImportBatch(file_name=(upload.name or "roster.xlsx")[-200:], digest=digest, uploaded_by=actor)
    batch.file.save("roster.xlsx", ContentFile(data), save=False)
    batch.save()
    preview.batch = batch
    return preview


def roster_import(*, batch: ImportBatch, actor: Any) -> int:
    """Create every member of a previewed roster, or none; returns how many."""
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            done = ImportBatch.objects.filter(digest=batch.digest, status=ImportBatch.Status.IMPORTED).first()
            if done is not None:
                raise _already(done)
            with batch.file.open("rb") as stored:
                preview = _read(stored.read())
            if not preview.ok:
                raise ValidationError(
                    preview.file_error
                    or _("名册中有 %(n)s 行需要改正，未导入任何委员。") % {"n": len(preview.problems)},
                    code="invalid",
                )
            members = [row.member for row in preview.rows]
            bulk_create_with_history(members, Member, batch_size=500, default_user=actor)
            batch.status, batch.created = ImportBatch.Status.IMPORTED, len(members)
            batch.imported_by, batch.imported_at = actor, timezone.now()
            batch.save()
    except IntegrityError:
        # Another clerk imported the same file (or the same people) a moment earlier.
        done = ImportBatch.objects.filter(digest=batch.digest, status=ImportBatch.Status.IMPORTED).first()
        if done is not None:
            raise _already(done) from None
        raise ValidationError(
            _("名册中的身份证号或手机号刚刚被其他导入占用，未导入任何委员；请重新上传核对。"), code="conflict"
        ) from None
    return batch.created
