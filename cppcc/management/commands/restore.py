from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cppcc.backup import restore_backup


class Command(BaseCommand):
    help = "Replace the database and the uploaded files with those in a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, archive: str, yes: bool, **options):
        path = Path(archive)
        if not path.exists():
            raise CommandError(f"找不到备份文件：{path}")
        if not yes and input("恢复将覆盖当前数据库和上传文件，确定吗？输入 yes 继续：").strip() != "yes":
            raise CommandError("已取消。")
        manifest = restore_backup(path)
        self.stdout.write(f"已恢复 {manifest['created']} 的备份（{manifest['database']}）")
