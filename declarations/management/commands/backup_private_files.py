"""Mirror the applicants' private files into a directory (scripts/backup.sh calls this)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from declarations.backups import back_up_private_files


class Command(BaseCommand):
    help = "把数据库中登记的全部申报附件从私有存储（目录或对象存储桶）复制到备份目录，已有的不重复复制。"

    def add_arguments(self, parser):
        parser.add_argument("dest", type=Path, help="备份目录")

    def handle(self, *args, dest: Path, **options):
        dest.mkdir(parents=True, exist_ok=True)
        summary = back_up_private_files(dest)
        self.stdout.write(f"附件备份：新复制 {summary.copied} 个，已有 {summary.unchanged} 个。")
        if summary.problems:
            raise CommandError("以下附件未能备份：\n" + "\n".join(summary.problems))
