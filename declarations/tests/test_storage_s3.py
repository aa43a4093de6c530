"""Private files in an S3 bucket (PRIVATE_STORAGE=s3), against moto's S3 server over real HTTP:
private objects, the permission view as the only door, ZIP and PDF read from the bucket.
"""

import io
import json
import os
import subprocess
import sys
import tracemalloc
import urllib.error
import urllib.request
import zipfile

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.tests.factories import UserFactory
from declarations import submission
from declarations.models import PrivateFile
from declarations.samples import ENTRY_DATA, MINIMAL_PDF, id_photo, image_bytes
from declarations.sections import get_section
from declarations.storage import private_storage
from declarations.storage_s3 import PrivateS3Storage

from .samples import basic_info_data, upload

pytestmark = [pytest.mark.django_db, pytest.mark.s3]


def anonymous_get(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 - a local test server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def add_paper(client, content: bytes = MINIMAL_PDF, name: str = "论文.pdf"):
    response = client.post(
        reverse("declarations:entry-add", args=["papers"]), {**ENTRY_DATA["papers"], "scan": upload(name, content)}
    )
    assert response.status_code == 302
    return get_section("papers").model.objects.get()


def file_url(private_file) -> str:
    return reverse("declarations:private-file", args=[private_file.pk])


def test_upload_through_the_form_is_a_private_object_in_the_bucket(applicant_client, private_bucket, settings):
    entry = add_paper(applicant_client)

    key = private_bucket.key(entry.scan.file.name)
    assert private_bucket.object_keys() == [key]
    assert private_bucket.read(entry.scan.file.name) == MINIMAL_PDF
    acl = private_bucket.client.get_object_acl(Bucket=private_bucket.name, Key=key)
    assert [grant["Permission"] for grant in acl["Grants"]] == ["FULL_CONTROL"]
    assert acl["Grants"][0]["Grantee"]["Type"] == "CanonicalUser"
    assert not settings.PRIVATE_MEDIA_ROOT.exists()  # nothing written to the local disk


def test_anonymous_request_for_the_object_is_refused(applicant_client, private_bucket):
    entry = add_paper(applicant_client)

    assert anonymous_get(private_bucket.anonymous_url(private_bucket.key(entry.scan.file.name))) == 403
    # The same request succeeds for an object someone made public: the 403 above is the ACL's doing.
    private_bucket.client.put_object(Bucket=private_bucket.name, Key="public.txt", Body=b"x", ACL="public-read")
    assert anonymous_get(private_bucket.anonymous_url("public.txt")) == 200


def test_owner_downloads_the_same_bytes_through_the_permission_view(applicant_client, private_bucket):
    content = image_bytes((120, 80))
    entry = add_paper(applicant_client, content, "扫描件.png")
    stored = private_bucket.read(entry.scan.file.name)  # re-encoded on upload

    response = applicant_client.get(file_url(entry.scan))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Length"] == str(len(stored))
    assert b"".join(response.streaming_content) == stored


def test_another_applicant_gets_404_for_an_object_in_the_bucket(applicant_client, client, private_bucket):
    entry = add_paper(applicant_client)
    client.force_login(UserFactory())
    assert client.get(file_url(entry.scan)).status_code == 404


def test_object_missing_from_the_bucket_is_404(applicant_client, private_bucket):
    entry = add_paper(applicant_client)
    private_bucket.client.delete_object(Bucket=private_bucket.name, Key=private_bucket.key(entry.scan.file.name))
    assert applicant_client.get(file_url(entry.scan)).status_code == 404


def test_deleting_an_entry_deletes_its_objects(applicant_client, private_bucket):
    data = {
        **ENTRY_DATA["education"],
        "diploma_scan": upload("毕业证.jpg", image_bytes(fmt="JPEG")),
        "degree_scan": upload("学位证.pdf", MINIMAL_PDF),
    }
    applicant_client.post(reverse("declarations:entry-add", args=["education"]), data)
    entry = get_section("education").model.objects.get()
    assert len(private_bucket.object_keys()) == 2

    applicant_client.post(reverse("declarations:entry-delete", args=["education"]), {"ids": entry.pk})

    assert not PrivateFile.objects.exists()
    assert private_bucket.object_keys() == []


def test_replacing_an_attachment_deletes_the_old_object(applicant_client, private_bucket):
    entry = add_paper(applicant_client)
    edit_url = reverse("declarations:entry-edit", args=["papers", entry.pk])
    applicant_client.post(edit_url, {**ENTRY_DATA["papers"], "scan": upload("新.pdf", MINIMAL_PDF)})
    entry.refresh_from_db()
    assert private_bucket.object_keys() == [private_bucket.key(entry.scan.file.name)]


def test_zip_and_pdf_are_built_from_the_bucket(private_bucket, applicant_client, applicant, declaration):
    # The profile (with its ID photo) is uploaded through the forms, so every file is an object.
    basic = applicant_client.post(
        reverse("declarations:basic-info"), basic_info_data(photo=upload("照片.jpg", id_photo()))
    )
    assert basic.status_code == 302
    submission.submit(declaration.pk, applicant, pledge=True)
    photo = declaration.snapshots.get().files.get(section_key="basic-info").file
    assert private_bucket.key(photo.file.name) in private_bucket.object_keys()

    response = applicant_client.get(reverse("declarations:declaration-zip", args=[declaration.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.read("2.2.1 基本信息/1 红底免冠照片.jpg") == private_bucket.read(photo.file.name)
    assert archive.read("2.2.3 学历信息/1 毕业证书扫描件.pdf").startswith(b"%PDF-")

    pdf = applicant_client.get(reverse("declarations:declaration-pdf", args=[declaration.pk]))
    assert pdf.status_code == 200
    content = b"".join(pdf.streaming_content)
    assert b"/Subtype /Image" in content
    stored = declaration.snapshots.get().form_pdf.name  # the form is kept in the bucket too
    assert private_bucket.read(stored) == content


def test_stored_names_are_never_overwritten(private_bucket):
    storage = private_storage()
    first = storage.save("2026/07/same.pdf", ContentFile(b"first"))
    second = storage.save("2026/07/same.pdf", ContentFile(b"second"))
    assert first != second
    assert private_bucket.read(first) == b"first"
    assert private_bucket.read(second) == b"second"


def test_objects_in_the_bucket_have_no_url(private_bucket):
    name = private_storage().save("2026/07/x.pdf", ContentFile(MINIMAL_PDF))
    with pytest.raises(ValueError, match="no public URL"):
        private_storage().url(name)


def test_a_large_object_streams_without_being_held_in_memory(private_bucket):
    size = 3 * 1024 * 1024
    name = private_storage().save("2026/07/big.pdf", ContentFile(os.urandom(size)))
    tracemalloc.start(15)
    try:
        with private_storage().open(name) as handle:
            first = handle.read(64 * 1024)
            held = tracemalloc.take_snapshot().filter_traces(
                # Only our side of the connection counts: not the S3 server thread sending the object.
                [tracemalloc.Filter(False, "*/moto/*", all_frames=True)]
            )
    finally:
        tracemalloc.stop()
    assert len(first) == 64 * 1024
    assert handle.size == size
    assert sum(stat.size for stat in held.statistics("filename")) < 1024 * 1024


@pytest.mark.parametrize("acl", ["public-read", "public-read-write", "authenticated-read", None])
def test_an_acl_that_is_not_private_is_refused(private_bucket, acl):
    with pytest.raises(ImproperlyConfigured, match="private ACL"):
        PrivateS3Storage(bucket_name=private_bucket.name, default_acl=acl)


def test_bucket_owner_full_control_acl_keeps_objects_private(private_bucket, settings):
    settings.STORAGES["private"]["OPTIONS"]["default_acl"] = "bucket-owner-full-control"
    settings.STORAGES = {**settings.STORAGES}  # a new value, so the storage is built afresh
    name = private_storage().save("2026/07/x.pdf", ContentFile(MINIMAL_PDF))
    assert anonymous_get(private_bucket.anonymous_url(private_bucket.key(name))) == 403


def _private_storage_in_a_fresh_process(**env) -> subprocess.CompletedProcess:
    """Settings are read once per process: load them in a new one with the given environment."""
    script = (
        "import json, django; django.setup();"
        "from declarations.storage import private_storage; s = private_storage();"
        "names = ('bucket_name', 'location', 'default_acl', 'querystring_expire', 'file_overwrite', 'endpoint_url');"
        "print(json.dumps([s.__class__.__name__] + [getattr(s, n, None) for n in names]))"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PRIVATE_STORAGE"))}
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR,
        env={**environment, "DJANGO_SETTINGS_MODULE": "config.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_private_storage_s3_setting_selects_the_private_bucket():
    result = _private_storage_in_a_fresh_process(
        PRIVATE_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="zc-evidence", AWS_S3_ENDPOINT_URL="https://oss.internal"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == [
        "PrivateS3Storage",
        "zc-evidence",
        "private",
        "private",
        60,
        False,
        "https://oss.internal",
    ]


def test_s3_without_a_bucket_name_refuses_to_start():
    result = _private_storage_in_a_fresh_process(PRIVATE_STORAGE="s3")
    assert result.returncode != 0
    assert "AWS_STORAGE_BUCKET_NAME" in result.stderr
