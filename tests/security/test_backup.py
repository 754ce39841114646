"""A backup round-trips: database rows and uploaded files come back as they were."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from cppcc.backup import make_backup, restore_backup
from demo.research import _pdf
from members.models import Member
from research import services
from research.models import ResearchReport, ResearchTopic
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_restores_rows_and_files(tmp_path):
    MemberFactory(name="备份前的委员")
    topic = services.topic_create(
        actor=None,
        year=2023,
        title="课题",
        leader="主席",
        office="办公室",
        planned_start=dt.date(2023, 3, 1),
        planned_end=dt.date(2023, 9, 1),
    )
    report = services.report_save(
        topic=topic,
        actor=None,
        title="报告",
        completed_on=dt.date(2023, 8, 1),
        upload=SimpleUploadedFile("r.pdf", _pdf("r")),
    )
    stored = report.file.path
    archive = make_backup(tmp_path / "backups")

    Member.objects.all().delete()
    ResearchTopic.objects.all().delete()
    MemberFactory(name="备份后的委员")
    import os

    os.remove(stored)

    manifest = restore_backup(archive)
    assert manifest["database"] in ("sqlite", "postgresql")
    assert list(Member.objects.values_list("name", flat=True)) == ["备份前的委员"]
    restored = ResearchReport.objects.get()
    assert restored.file.open("rb").read().startswith(b"%PDF-")


def test_the_backup_command_writes_an_archive(tmp_path, capsys):
    MemberFactory()
    call_command("backup", "--dir", str(tmp_path))
    assert "备份完成" in capsys.readouterr().out
    assert len(list(tmp_path.glob("cppcc-backup-*.tar.gz"))) == 1
