"""Put back into the private storage the files the database refers to but the storage lacks."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from declarations.backups import restore_private_files


class Command(BaseCommand):
    help = "从 backup_private_files 生成的备份目录恢复私有存储中缺失的申报附件（已存在的不覆盖）。"

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="备份目录")

    def handle(self, *args, source: Path, **options):
        if not source.is_dir():
            raise CommandError(f"备份目录不存在：{source}")
        summary = restore_private_files(source)
        self.stdout.write(f"附件恢复：恢复 {summary.copied} 个，已存在 {summary.unchanged} 个。")
        if summary.problems:
            raise CommandError("以下附件未能恢复：\n" + "\n".join(summary.problems))
