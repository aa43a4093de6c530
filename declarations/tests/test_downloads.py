import hashlib
import io
import shutil
import subprocess
import zipfile

import pypdf
import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from declarations import pdf, signup, submission, tasks
from declarations.models import Declaration, Education
from declarations.tests.factories import make_complete_profile, make_education, make_work_experience
from declarations.workflow import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(declaration):
    submission.submit(declaration.pk, declaration.applicant, pledge=True)
    return declaration


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(content)
    return subprocess.run(  # noqa: S603 - fixed command on a file we wrote
        [shutil.which("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


@needs_pdftotext
def test_pdf_text_contains_the_applicants_name_and_section_headings(applicant_client, submitted, tmp_path):
    response = applicant_client.get(reverse("declarations:declaration-pdf", args=[submitted.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(_body(response), tmp_path)
    assert "建设工程专业技术职称申报表" in text
    assert "张建国" in text
    for heading in ("一、基本信息", "二、主要工作经历", "三、学历信息", "十一、业绩成果"):
        assert heading in text
    assert "2.2." not in text  # the manual's numbering is not the form's
    assert "太原理工大学" in text


@needs_pdftotext
def test_pdf_is_the_form_an_office_accepts(applicant_client, submitted, tmp_path):
    response = applicant_client.get(reverse("declarations:declaration-pdf", args=[submitted.pk]))

    text = _pdf_text(_body(response), tmp_path)
    pages = text.rstrip("\f").split("\f")  # pdftotext ends each page with a form feed
    assert "诚信承诺" in text
    assert submission.PLEDGE_TEXT.removeprefix("本人承诺：") in text.replace("\n", "")
    assert "申报人（签名）" in text
    assert "日期：______年____月____日" in text
    assert "单位意见：" in text
    assert "单位（盖章）" in text
    assert "负责人（签名）" in text
    assert "审核部门意见：" in text
    assert "审核人（签名）" in text
    # Every page: the round and title in the header, 第 n 页 共 m 页 at the foot.
    assert len(pages) > 1
    for number, page_text in enumerate(pages, start=1):
        assert submitted.round.name in page_text
        assert submitted.title.title_name in page_text
        assert f"第{number}页共{len(pages)}页" in "".join(page_text.split())


@needs_pdftotext
def test_pdf_lists_attachments_by_their_chinese_label_not_the_file_name(applicant_client, submitted, tmp_path):
    names = set(submitted.latest_snapshot.files.values_list("file__original_name", flat=True))

    text = _pdf_text(
        _body(applicant_client.get(reverse("declarations:declaration-pdf", args=[submitted.pk]))), tmp_path
    )

    assert "毕业证书扫描件" in text
    assert "资格证书扫描件" in text
    assert not [name for name in names if name in text]


@needs_pdftotext
def test_a_character_outside_the_cut_down_face_is_still_drawn(applicant, open_round, tmp_path, client):
    applicant.real_name = "王䶮"  # U+4DAE, not in GB 2312
    applicant.save(update_fields=["real_name"])
    make_complete_profile(applicant)
    declaration = signup.sign_up(applicant, open_round.pk, open_round.titles.get().pk)
    submission.submit(declaration.pk, applicant, pledge=True)
    client.force_login(applicant)

    text = _pdf_text(_body(client.get(reverse("declarations:declaration-pdf", args=[declaration.pk]))), tmp_path)

    assert "王䶮" in text


def test_submitting_queues_the_form_and_the_worker_stores_it(declaration):
    submission.submit(declaration.pk, declaration.applicant, pledge=True)
    snapshot = declaration.snapshots.get()
    job = DBTaskResult.objects.get(task_path="declarations.tasks.build_form_pdf")
    assert job.queue_name == "documents"
    assert job.args_kwargs["args"] == [snapshot.pk]
    assert not snapshot.form_pdf

    tasks.build_form_pdf.call(snapshot.pk)

    snapshot.refresh_from_db()
    content = snapshot.form_pdf.storage.open(snapshot.form_pdf.name).read()
    assert content.startswith(b"%PDF")
    assert snapshot.form_pdf_sha256 == hashlib.sha256(content).hexdigest()


def test_the_stored_form_is_served_and_never_drawn_again(applicant_client, submitted, settings):
    url = reverse("declarations:declaration-pdf", args=[submitted.pk])
    first = applicant_client.get(url)
    first_bytes = _body(first)
    snapshot = submitted.snapshots.get()
    assert snapshot.form_pdf  # the download stored what it drew (the task had not run)

    # Drawing again would need the font: without one, only the stored file can answer.
    settings.PDF_FONT_PATH = "/nonexistent/font.ttc"
    pdf.form_font.cache_clear()
    tasks.build_form_pdf.call(snapshot.pk)  # the queued job, late: nothing to do
    second = applicant_client.get(url)

    assert _body(second) == first_bytes
    assert second["ETag"] == first["ETag"] == f'"{hashlib.sha256(first_bytes).hexdigest()}"'
    assert "no-store" in second["Cache-Control"]
    snapshot.refresh_from_db()
    assert snapshot.form_pdf_sha256 == hashlib.sha256(first_bytes).hexdigest()
    pdf.form_font.cache_clear()


def test_a_matching_etag_is_answered_not_modified(applicant_client, submitted):
    url = reverse("declarations:declaration-pdf", args=[submitted.pk])
    etag = applicant_client.get(url)["ETag"]

    response = applicant_client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response["ETag"] == etag


@needs_pdftotext
def test_a_profile_changed_after_unlock_leaves_the_frozen_form_alone(applicant_client, submitted, tmp_path):
    url = reverse("declarations:declaration-pdf", args=[submitted.pk])
    before = _body(applicant_client.get(url))
    Declaration.objects.filter(pk=submitted.pk).update(status=Status.FAILED)  # a released failure unlocks
    Education.objects.filter(owner=submitted.applicant).update(school="后来改的大学")

    after = _body(applicant_client.get(url))

    assert after == before
    assert "后来改的大学" not in _pdf_text(after, tmp_path)


def test_the_cut_down_face_is_made_once_and_reused(settings, tmp_path):
    settings.PDF_FONT_CACHE_DIR = str(tmp_path)
    pdf.form_font.cache_clear()
    try:
        first = pdf.form_font()
        made = first.stat().st_mtime_ns
        pdf.form_font.cache_clear()  # a new process finds the file of the first
        assert pdf.form_font() == first
        assert first.stat().st_mtime_ns == made
        assert list(tmp_path.iterdir()) == [first]
    finally:
        pdf.form_font.cache_clear()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_pdf_shows_the_snapshot_not_the_later_profile(applicant_client, submitted, tmp_path):
    Education.objects.filter(owner=submitted.applicant).update(school="后来改的大学")

    response = applicant_client.get(reverse("declarations:declaration-pdf", args=[submitted.pk]))

    text = _pdf_text(_body(response), tmp_path)
    assert "太原理工大学" in text
    assert "后来改的大学" not in text


def test_pdf_names_the_configured_system_as_its_creator(applicant_client, submitted, settings):
    settings.SITE_NAME = "某省建设工程职称系统"
    response = applicant_client.get(reverse("declarations:declaration-pdf", args=[submitted.pk]))

    assert pypdf.PdfReader(io.BytesIO(_body(response))).metadata.creator == "某省建设工程职称系统"


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
    assert b"/Subtype /Image" in _body(response)


def test_pdf_is_still_built_when_the_photo_cannot_be_read(applicant_client, submitted, caplog):
    photo = submitted.snapshots.get().files.get(section_key="basic-info").file
    photo.file.storage.delete(photo.file.name)

    response = applicant_client.get(reverse("declarations:declaration-pdf", args=[submitted.pk]))

    assert response.status_code == 200
    assert b"/Subtype /Image" not in _body(response)
    assert "could not be read" in caplog.text
