"""backup_private_files / restore_private_files: a directory copy of the files the database refers
to, from and back into the private storage, on the local filesystem and in the bucket alike.
"""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from declarations.models import PrivateFile
from declarations.samples import ENTRY_DATA, MINIMAL_PDF, image_bytes
from declarations.sections import get_section

from .samples import upload

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["filesystem", "s3"])
def storage_kind(request):
    if request.param == "s3":
        request.getfixturevalue("private_bucket")
    return request.param


def add_education(client) -> list[PrivateFile]:
    data = {
        **ENTRY_DATA["education"],
        "diploma_scan": upload("毕业证.jpg", image_bytes(fmt="JPEG")),
        "degree_scan": upload("学位证.pdf", MINIMAL_PDF),
    }
    assert client.post(reverse("declarations:entry-add", args=["education"]), data).status_code == 302
    return list(get_section("education").model.objects.get().private_files())


def stored_bytes(private_file: PrivateFile) -> bytes:
    with private_file.open() as handle:
        return handle.read()


def test_backup_copies_each_file_once_and_restore_puts_lost_ones_back(
    storage_kind, applicant_client, tmp_path, capsys
):
    files = add_education(applicant_client)
    originals = {f.pk: stored_bytes(f) for f in files}
    dest = tmp_path / "backup"

    call_command("backup_private_files", dest)
    assert "新复制 2 个，已有 0 个" in capsys.readouterr().out
    assert {(dest / f.file.name).read_bytes() for f in files} == set(originals.values())
    call_command("backup_private_files", dest)
    assert "新复制 0 个，已有 2 个" in capsys.readouterr().out

    lost = files[0]
    lost.file.storage.delete(lost.file.name)
    call_command("restore_private_files", dest)
    assert "恢复 1 个，已存在 1 个" in capsys.readouterr().out
    response = applicant_client.get(reverse("declarations:private-file", args=[lost.pk]))
    assert b"".join(response.streaming_content) == originals[lost.pk]


def test_backup_reports_a_file_missing_from_the_storage(storage_kind, applicant_client, tmp_path):
    lost = add_education(applicant_client)[0]
    lost.file.storage.delete(lost.file.name)
    with pytest.raises(CommandError, match="missing from the private storage"):
        call_command("backup_private_files", tmp_path / "backup")


def test_restore_refuses_a_damaged_copy(storage_kind, applicant_client, tmp_path):
    lost = add_education(applicant_client)[0]
    call_command("backup_private_files", tmp_path / "backup")
    (tmp_path / "backup" / lost.file.name).write_bytes(b"damaged")
    lost.file.storage.delete(lost.file.name)
    with pytest.raises(CommandError, match="no intact copy"):
        call_command("restore_private_files", tmp_path / "backup")
    assert not lost.file.storage.exists(lost.file.name)
