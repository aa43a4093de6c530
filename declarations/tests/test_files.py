"""The private file view: the owner, and reviewers and administrators for submitted files only;
404 for anyone else."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.factories import StaffFactory, UserFactory
from declarations.entries import store_private_file
from declarations.models import SnapshotFile
from declarations.samples import MINIMAL_PDF, image_bytes
from declarations.uploads import check_upload

from .samples import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf_file(applicant):
    return store_private_file(applicant, check_upload(upload("职称证书.pdf", MINIMAL_PDF)))


@pytest.fixture
def submitted_file(submitted):
    """A file of the applicant's submitted declaration, referred to by its snapshot."""
    return SnapshotFile.objects.filter(snapshot__declaration=submitted).first().file


def url(private_file) -> str:
    return reverse("declarations:private-file", args=[private_file.pk])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_owner_gets_the_file_with_safe_headers(applicant_client, pdf_file):
    response = applicant_client.get(url(pdf_file))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert "filename*=utf-8''%E8%81%8C%E7%A7%B0%E8%AF%81%E4%B9%A6.pdf" in response["Content-Disposition"]
    assert response.streaming
    assert body(response) == MINIMAL_PDF


def test_image_is_served_as_its_type(applicant_client, applicant):
    stored = store_private_file(applicant, check_upload(upload("scan.png", image_bytes())))
    response = applicant_client.get(url(stored))
    assert response["Content-Type"] == "image/png"


def test_reviewer_gets_the_file(client, submitted_file):
    client.force_login(StaffFactory(group="审核人"))
    assert client.get(url(submitted_file)).status_code == 200


def test_administrator_gets_the_file(client, submitted_file):
    client.force_login(StaffFactory(is_superuser=True))
    assert client.get(url(submitted_file)).status_code == 200


def test_reviewer_without_the_second_factor_gets_404(client, submitted_file, settings):
    settings.ADMIN_REQUIRE_OTP = True
    client.force_login(StaffFactory(group="审核人"))
    assert client.get(url(submitted_file)).status_code == 404


def test_reviewer_who_passed_the_second_factor_gets_the_file(client, submitted_file, settings):
    settings.ADMIN_REQUIRE_OTP = True
    reviewer = StaffFactory(group="审核人")
    device = TOTPDevice.objects.create(user=reviewer, name="x", confirmed=True)
    client.force_login(reviewer)
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post("/accounts/two-factor/", {"token": token}).status_code == 302
    assert client.get(url(submitted_file)).status_code == 200


def test_another_applicant_gets_404(client, submitted_file):
    client.force_login(UserFactory())
    assert client.get(url(submitted_file)).status_code == 404


def test_editor_gets_404(client, submitted_file):
    client.force_login(StaffFactory(group="编辑"))
    assert client.get(url(submitted_file)).status_code == 404


def test_staff_get_404_for_a_file_no_submission_refers_to(client, pdf_file):
    for staff in (StaffFactory(group="审核人"), StaffFactory(is_superuser=True)):
        client.force_login(staff)
        assert client.get(url(pdf_file)).status_code == 404


def test_owner_gets_her_draft_and_her_submitted_files(applicant_client, pdf_file, submitted_file):
    assert applicant_client.get(url(pdf_file)).status_code == 200
    assert applicant_client.get(url(submitted_file)).status_code == 200


def test_reviewer_gets_the_submitted_file_but_not_the_draft_beside_it(client, pdf_file, submitted_file):
    client.force_login(StaffFactory(group="审核人"))
    assert client.get(url(submitted_file)).status_code == 200
    assert client.get(url(pdf_file)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, pdf_file):
    response = client.get(url(pdf_file))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_unknown_file_id_is_404_like_a_forbidden_one(applicant_client):
    response = applicant_client.get("/applicant/files/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


def test_private_files_have_no_public_url(pdf_file, settings):
    with pytest.raises(ValueError, match="no public URL"):
        pdf_file.file.url  # noqa: B018
    assert not str(pdf_file.file.path).startswith(str(settings.MEDIA_ROOT))
