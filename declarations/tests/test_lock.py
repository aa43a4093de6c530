"""While a declaration is under review, every profile change is refused by the real lock."""

import pytest
from django.urls import reverse

from declarations.models import BasicInfo, Education, PrivateFile, WorkExperience
from declarations.samples import ENTRY_DATA, MINIMAL_PDF, id_photo
from declarations.workflow import Status

from .samples import upload

pytestmark = pytest.mark.django_db

REASON = "个人信息已随申报冻结"


def _text(response) -> str:
    return response.content.decode()


def test_locked_profile_refuses_a_new_entry(applicant_client, submitted):
    url = reverse("declarations:entry-add", args=["work-experience"])
    response = applicant_client.post(url, ENTRY_DATA["work-experience"], follow=True)

    assert REASON in _text(response)
    assert WorkExperience.objects.count() == 1


def test_locked_profile_refuses_an_edit(applicant_client, applicant, submitted):
    entry = Education.objects.get(owner=applicant)
    url = reverse("declarations:entry-edit", args=["education", entry.pk])
    response = applicant_client.post(url, {**ENTRY_DATA["education"], "school": "另一所大学"}, follow=True)

    assert REASON in _text(response)
    entry.refresh_from_db()
    assert entry.school == "太原理工大学"


def test_locked_profile_refuses_a_deletion(applicant_client, applicant, submitted):
    entry = Education.objects.get(owner=applicant)
    response = applicant_client.post(
        reverse("declarations:entry-delete", args=["education"]), {"ids": entry.pk}, follow=True
    )

    assert REASON in _text(response)
    assert Education.objects.filter(pk=entry.pk).exists()


def test_locked_profile_refuses_an_upload(applicant_client, applicant, submitted):
    entry = WorkExperience.objects.get(owner=applicant)
    files_before = PrivateFile.objects.count()
    url = reverse("declarations:entry-edit", args=["work-experience", entry.pk])
    data = {**ENTRY_DATA["work-experience"], "attachment": upload("证明.pdf", MINIMAL_PDF)}

    response = applicant_client.post(url, data, follow=True)

    assert REASON in _text(response)
    assert PrivateFile.objects.count() == files_before
    entry.refresh_from_db()
    assert entry.attachment_id is None


def test_locked_profile_refuses_a_new_photo(applicant_client, applicant, submitted):
    photo_before = BasicInfo.objects.get(owner=applicant).photo_id
    data = {
        "name": "张建国",
        "ethnicity": "汉族",
        "political_status": "cpc",
        "phone": "13800000001",
        "employer": "山西建设工程集团有限公司",
        "employer_type": "state_owned",
        "specialty": "建筑工程",
        "work_start_date": "2008-07-01",
        "mailing_address": "山西省太原市",
        "photo": upload("新照片.jpg", id_photo()),
    }

    response = applicant_client.post(reverse("declarations:basic-info"), data, follow=True)

    assert REASON in _text(response)
    assert BasicInfo.objects.get(owner=applicant).photo_id == photo_before


def test_released_failure_unlocks_the_profile(applicant_client, applicant, submitted):
    submitted.status = Status.FAILED
    submitted.save()
    url = reverse("declarations:entry-add", args=["work-experience"])

    applicant_client.post(url, ENTRY_DATA["work-experience"])

    assert WorkExperience.objects.filter(owner=applicant).count() == 2


def test_home_shows_the_status_and_the_timeline(applicant_client, submitted):
    response = applicant_client.get(reverse("declarations:home"))

    text = _text(response)
    assert "我的申报" in text
    assert "已提交" in text
    assert "已报名" in text  # the first step of the timeline
    assert "申报人确认提交并作出诚信承诺" in text


def test_home_after_a_released_failure_shows_the_comment_and_next_step(applicant_client, submitted):
    submitted.status = Status.FAILED
    submitted.result_comment = "学历证书扫描件不清晰"
    submitted.save()

    text = _text(applicant_client.get(reverse("declarations:home")))

    assert "学历证书扫描件不清晰" in text
    assert "二次申报" in text
