"""Row 3 of the security matrix: oversized requests are refused before they are processed.

DATA_UPLOAD_MAX_NUMBER_FIELDS, DATA_UPLOAD_MAX_NUMBER_FILES and DATA_UPLOAD_MAX_MEMORY_SIZE are
Django's (answer 400); they do not count uploaded files, so UPLOAD_MAX_REQUEST_SIZE is checked
on Content-Length by declarations.middleware.UploadRequestSizeMiddleware on every path (413).
The applicant-area case is declarations/tests/test_uploads.py."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_limits_have_their_documented_values(settings):
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 2000
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 20
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2 * 1024 * 1024
    assert settings.UPLOAD_MAX_REQUEST_SIZE == 25 * 1024 * 1024


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_too_many_fields_is_400(client, settings, encoding):
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    fields = {f"f{n}": "x" for n in range(limit + 1)}
    if encoding == "urlencoded":
        body = "&".join(f"{k}={v}" for k, v in fields.items())
        response = client.post(LOGIN, body, content_type="application/x-www-form-urlencoded")
    else:
        response = client.post(LOGIN, fields)
    assert response.status_code == 400


def test_as_many_fields_as_allowed_is_an_ordinary_form_error(client, settings):
    fields = {f"f{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS - 3)}
    response = client.post(LOGIN, {"account": "13800138000", "password": "x", **fields})
    assert response.status_code == 200
    assert "请输入图形验证码" in response.content.decode()


def test_too_many_files_is_400(client, settings):
    files = {
        f"file{n}": SimpleUploadedFile(f"{n}.txt", b"x") for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    }
    assert client.post(LOGIN, files).status_code == 400


def test_too_large_form_fields_are_400(client, settings):
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(LOGIN, f"account={big}&password=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def test_too_large_upload_outside_the_applicant_area_is_413(client, settings):
    settings.UPLOAD_MAX_REQUEST_SIZE = 64 * 1024
    upload = SimpleUploadedFile("big.bin", b"0" * (64 * 1024))
    response = client.post("/accounts/register/", {"real_name": "王建设", "attachment": upload})
    assert response.status_code == 413
    assert "提交内容过大" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_request_just_under_the_size_limit_goes_through(client, settings):
    settings.UPLOAD_MAX_REQUEST_SIZE = 64 * 1024
    upload = SimpleUploadedFile("small.bin", b"0" * (32 * 1024))
    assert client.post(LOGIN, {"account": "13800138000", "attachment": upload}).status_code == 200
