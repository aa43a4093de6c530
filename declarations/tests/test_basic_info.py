"""基本信息: one form prefilled from the account, with the red-background ID photo check."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from declarations.forms import BasicInfoForm
from declarations.models import BasicInfo, PrivateFile
from declarations.samples import MINIMAL_PDF, RED, id_photo
from declarations.uploads import PHOTO_SIZE, PHOTO_TYPES, check_id_photo

from .samples import basic_info_data as form_data
from .samples import upload

URL = "/applicant/profile/basic-info/"
BLUE, WHITE = (40, 110, 200), (250, 250, 250)


# --- the photo check ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(295, 413), (413, 579), (354, 496)])
def test_red_background_photo_is_accepted(size):
    checked = check_id_photo(upload("照片.jpg", id_photo(RED, size)))
    assert checked.content_type == "image/jpeg"


def test_red_background_png_is_accepted():
    assert check_id_photo(upload("photo.png", id_photo(RED, fmt="PNG"))).content_type == "image/png"


@pytest.mark.parametrize("background", [BLUE, WHITE])
def test_photo_with_other_background_is_refused(background):
    with pytest.raises(ValidationError) as caught:
        check_id_photo(upload("photo.jpg", id_photo(background)))
    assert "背景不是红色" in caught.value.messages[0]


@pytest.mark.parametrize("size", [(413, 295), (400, 400), (200, 280), (1000, 1400)])
def test_photo_of_wrong_proportions_or_size_is_refused(size):
    with pytest.raises(ValidationError) as caught:
        check_id_photo(upload("photo.jpg", id_photo(RED, size)))
    assert "尺寸不符合要求" in caught.value.messages[0]


def test_largest_allowed_photo_is_accepted():
    largest = (PHOTO_SIZE.max_width, PHOTO_SIZE.height_for(PHOTO_SIZE.max_width))
    assert check_id_photo(upload("photo.jpg", id_photo(RED, largest))).image.size == largest


def test_photo_size_message_and_help_text_state_the_checked_sizes():
    smallest = f"{PHOTO_SIZE.min_width}×{PHOTO_SIZE.height_for(PHOTO_SIZE.min_width)}"
    largest = f"{PHOTO_SIZE.max_width}×{PHOTO_SIZE.height_for(PHOTO_SIZE.max_width)}"
    ratio = f"{PHOTO_SIZE.ratio_width}:{PHOTO_SIZE.ratio_height}"
    with pytest.raises(ValidationError) as caught:
        check_id_photo(upload("photo.jpg", id_photo(RED, (400, 400))))
    help_text = BasicInfoForm().fields["photo"].help_text
    for text in (caught.value.messages[0], help_text):
        assert ratio in text
        assert f"{smallest} 至 {largest}" in text


def test_readme_states_the_checked_photo_sizes():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    smallest = f"{PHOTO_SIZE.min_width}×{PHOTO_SIZE.height_for(PHOTO_SIZE.min_width)}"
    largest = f"{PHOTO_SIZE.max_width}×{PHOTO_SIZE.height_for(PHOTO_SIZE.max_width)}"
    assert f"{PHOTO_SIZE.ratio_width}:{PHOTO_SIZE.ratio_height} ({smallest} to {largest} px)" in readme


def test_photo_type_message_and_help_text_name_every_photo_type():
    with pytest.raises(ValidationError) as caught:
        check_id_photo(upload("photo.pdf", MINIMAL_PDF))
    help_text = BasicInfoForm().fields["photo"].help_text
    for extension in PHOTO_TYPES:
        assert extension in caught.value.messages[0]
        assert extension in help_text


def test_photo_that_is_not_an_image_is_refused():
    with pytest.raises(ValidationError) as caught:
        check_id_photo(upload("photo.jpg", MINIMAL_PDF))
    assert "格式" in caught.value.messages[0]


def test_photo_must_be_jpg_or_png():
    with pytest.raises(ValidationError) as caught:
        check_id_photo(upload("photo.pdf", MINIMAL_PDF))
    assert "jpg、jpeg 或 png" in caught.value.messages[0]


# --- the form ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_form_is_prefilled_from_the_account(applicant_client, applicant):
    html = applicant_client.get(URL).content.decode()
    assert applicant.real_name in html
    assert applicant.id_number in html
    assert "红底免冠照片" in html


@pytest.mark.django_db
def test_basic_info_is_saved_with_account_identity(applicant_client, applicant):
    data = form_data(photo=upload("照片.jpg", id_photo(RED)), id_number="110105194912310021", sex="F")
    response = applicant_client.post(URL, data)
    assert response.status_code == 302
    info = BasicInfo.objects.get(owner=applicant)
    assert info.id_number == applicant.id_number  # the account's, not what was posted
    assert info.sex == applicant.sex
    assert info.birth_date == applicant.birth_date
    assert info.photo.original_name == "照片.jpg"


@pytest.mark.django_db
def test_basic_info_is_updated_in_place(applicant_client, applicant):
    applicant_client.post(URL, form_data(photo=upload("a.jpg", id_photo(RED))))
    applicant_client.post(URL, form_data(current_post="总工程师"))
    info = BasicInfo.objects.get(owner=applicant)
    assert info.current_post == "总工程师"
    assert info.photo is not None
    assert BasicInfo.objects.count() == 1


@pytest.mark.django_db
def test_first_save_needs_a_photo(applicant_client):
    response = applicant_client.post(URL, form_data())
    assert response.status_code == 400
    assert not BasicInfo.objects.exists()


@pytest.mark.django_db
def test_blue_photo_is_refused_in_the_form_and_input_is_kept(applicant_client):
    response = applicant_client.post(URL, form_data(photo=upload("a.jpg", id_photo(BLUE)), current_post="项目经理"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "照片背景不是红色" in html
    assert "项目经理" in html
    assert not BasicInfo.objects.exists()
    assert not PrivateFile.objects.exists()


@pytest.mark.django_db
def test_replacing_the_photo_deletes_the_old_one(applicant_client, applicant, settings):
    applicant_client.post(URL, form_data(photo=upload("a.jpg", id_photo(RED))))
    old = BasicInfo.objects.get().photo
    applicant_client.post(URL, form_data(photo=upload("b.png", id_photo(RED, fmt="PNG"))))
    new = BasicInfo.objects.get().photo
    assert new.pk != old.pk
    assert not PrivateFile.objects.filter(pk=old.pk).exists()
    files = [p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()]
    assert [str(p.relative_to(settings.PRIVATE_MEDIA_ROOT)) for p in files] == [new.file.name]


@pytest.mark.django_db
def test_locked_profile_refuses_basic_info_and_photo(applicant_client, applicant, locked_profile):
    files = set(PrivateFile.objects.values_list("pk", flat=True))
    response = applicant_client.post(
        URL, form_data(photo=upload("a.jpg", id_photo(RED)), current_post="项目经理"), follow=True
    )
    assert locked_profile in response.content.decode()
    assert BasicInfo.objects.get(owner=applicant).current_post != "项目经理"
    assert set(PrivateFile.objects.values_list("pk", flat=True)) == files


@pytest.mark.django_db
def test_photo_is_shown_through_the_private_file_view(applicant_client):
    applicant_client.post(URL, form_data(photo=upload("a.jpg", id_photo(RED))))
    photo = BasicInfo.objects.get().photo
    html = applicant_client.get(URL).content.decode()
    assert reverse("declarations:private-file", args=[photo.pk]) in html
