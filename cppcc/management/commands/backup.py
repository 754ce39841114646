from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from cppcc.backup import make_backup


class Command(BaseCommand):
    help = "Write one archive holding a consistent dump of the database and the uploaded files."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(Path(settings.VAR_DIR) / "backups"))

    def handle(self, *args, dir: str, **options):
        archive = make_backup(Path(dir))
        self.stdout.write(f"备份完成：{archive}（{archive.stat().st_size // 1024} KB）")
