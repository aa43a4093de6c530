import io
import shutil
import subprocess
import zipfile

import pypdf
import pytest
from django.urls import reverse

from declarations import submission
from declarations.models import Education
from declarations.tests.factories import make_education, make_work_experience

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(declaration):
    submission.submit(declaration.pk, declaration.applicant, pledge=True)
    return declaration


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(content)
    return subprocess.run(  # noqa: S603 - fixed command on a file we wrote
        [shutil.which("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_pdf_text_contains_the_applicants_name_and_section_headings(applicant_client, submitted, tmp_path):
    response = applicant_client.get(reverse("declarations:declaration-pdf", args=[submitted.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    assert "建设工程专业技术职称申报表" in text
    assert "张建国" in text
    for heading in ("2.2.1 基本信息", "2.2.2 主要工作经历", "2.2.3 学历信息", "2.2.11 业绩成果"):
        assert heading in text
    assert "太原理工大学" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_pdf_shows_the_snapshot_not_the_later_profile(applicant_client, submitted, tmp_path):
    Education.objects.filter(owner=submitted.applicant).update(school="后来改的大学")

    response = applicant_client.get(reverse("declarations:declaration-pdf", args=[submitted.pk]))

    text = _pdf_text(response.content, tmp_path)
    assert "太原理工大学" in text
    assert "后来改的大学" not in text


def test_pdf_names_the_configured_system_as_its_creator(applicant_client, submitted, settings):
    settings.SITE_NAME = "某省建设工程职称系统"
    response = applicant_client.get(reverse("declarations:declaration-pdf", args=[submitted.pk]))

    assert pypdf.PdfReader(io.BytesIO(response.content)).metadata.creator == "某省建设工程职称系统"


def test_pdf_is_a_download_named_after_the_year_and_applicant(applicant_client, submitted):
    # 下载申报表 saves the file; inline, the browser's PDF viewer would replace 我申报的.
    response = applicant_client.get(reverse("declarations:declaration-pdf", args=[submitted.pk]))

    assert response["Content-Disposition"].startswith("attachment;")
    assert "%E8%81%8C%E7%A7%B0%E7%94%B3%E6%8A%A5%E8%A1%A8" in response["Content-Disposition"]  # 职称申报表


def test_pdf_query_count_does_not_grow_with_entries(
    applicant_client, applicant, declaration, django_assert_max_num_queries
):
    for _ in range(5):
        make_work_experience(applicant)
        make_education(applicant)
    submission.submit(declaration.pk, applicant, pledge=True)

    with django_assert_max_num_queries(12):
        response = applicant_client.get(reverse("declarations:declaration-pdf", args=[declaration.pk]))
    assert response.status_code == 200


def test_zip_holds_every_attachment_under_readable_chinese_names(applicant_client, submitted):
    response = applicant_client.get(reverse("declarations:declaration-zip", args=[submitted.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == [
        "2.2.1 基本信息/1 红底免冠照片.png",
        "2.2.3 学历信息/1 毕业证书扫描件.pdf",
        "2.2.4 专技人员资格信息/1 资格证书扫描件.jpg",
    ]
    assert all(info.flag_bits & 0x800 for info in archive.infolist())  # UTF-8 names
    assert archive.read("2.2.3 学历信息/1 毕业证书扫描件.pdf").startswith(b"%PDF-1.4")


def test_zip_numbers_entries_and_never_repeats_a_name(applicant_client, applicant, declaration):
    make_education(applicant)
    submission.submit(declaration.pk, applicant, pledge=True)

    response = applicant_client.get(reverse("declarations:declaration-zip", args=[declaration.pk]))

    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert "2.2.3 学历信息/1 毕业证书扫描件.pdf" in names
    assert "2.2.3 学历信息/2 毕业证书扫描件.pdf" in names


def test_downloads_of_an_unsubmitted_declaration_redirect_with_a_message(applicant_client, declaration):
    response = applicant_client.get(reverse("declarations:declaration-pdf", args=[declaration.pk]), follow=True)
    assert "尚未提交" in [str(m) for m in response.context["messages"]][0]


def test_pdf_shows_the_submitted_id_photo(applicant_client, submitted):
    response = applicant_client.get(reverse("declarations:declaration-pdf", args=[submitted.pk]))
    assert b"/Subtype /Image" in response.content


def test_pdf_is_still_built_when_the_photo_cannot_be_read(applicant_client, submitted, caplog):
    photo = submitted.snapshots.get().files.get(section_key="basic-info").file
    photo.file.storage.delete(photo.file.name)

    response = applicant_client.get(reverse("declarations:declaration-pdf", args=[submitted.pk]))

    assert response.status_code == 200
    assert b"/Subtype /Image" not in response.content
    assert "could not be read" in caplog.text
