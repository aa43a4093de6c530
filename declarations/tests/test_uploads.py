"""SPEC 5.2: only pdf, jpg, jpeg, png and gif whose content matches the extension."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from declarations.forms import ProfileEntryForm
from declarations.models import PrivateFile
from declarations.uploads import check_upload

from .samples import ENTRY_DATA, MINIMAL_PDF, image_bytes, png_bomb, upload

ALLOWED_MESSAGE = "只能上传 pdf、jpg、jpeg、png、gif 格式"


def gif_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (20, 20), 3).save(buffer, "GIF")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("扫描件.pdf", MINIMAL_PDF, "application/pdf"),
        ("photo.jpg", image_bytes(fmt="JPEG"), "image/jpeg"),
        ("photo.JPEG", image_bytes(fmt="JPEG"), "image/jpeg"),
        ("scan.png", image_bytes(fmt="PNG"), "image/png"),
        ("anim.gif", gif_bytes(), "image/gif"),
    ],
)
def test_allowed_type_is_accepted(name, content, content_type):
    checked = check_upload(upload(name, content))
    assert checked.content_type == content_type
    assert checked.original_name == name


def _refused(name: str, content: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(name, content))
    return caught.value


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00\x03" + b"\x00" * 200),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("page.html", b"<html><body><script>alert(1)</script></body></html>"),
        ("shell.jpg", b"<?php system($_GET['c']); ?>" + b" " * 100),
        ("page.jpg", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("scan.png", MINIMAL_PDF),
        ("photo.pdf", image_bytes(fmt="PNG")),
        ("photo.gif", image_bytes(fmt="PNG")),
        ("noextension", MINIMAL_PDF),
    ],
)
def test_wrong_type_or_mismatched_content_is_refused(name, content):
    assert ALLOWED_MESSAGE in _refused(name, content).messages[0]


def test_truncated_image_is_refused():
    content = image_bytes(size=(400, 400), fmt="PNG")
    error = _refused("scan.png", content[: len(content) // 2])
    assert "已损坏或不完整" in error.messages[0]


def test_truncated_jpeg_is_refused():
    noisy = Image.effect_noise((300, 300), 80).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG")
    error = _refused("scan.jpg", buffer.getvalue()[:2000])
    assert "已损坏或不完整" in error.messages[0]


def test_pdf_without_end_marker_is_refused():
    error = _refused("scan.pdf", MINIMAL_PDF.replace(b"%%EOF", b""))
    assert "PDF" in error.messages[0]


def test_oversized_file_is_refused(settings):
    settings.UPLOAD_MAX_FILE_SIZE = 1024
    error = _refused("scan.pdf", MINIMAL_PDF + b"0" * 2048 + b"\n%%EOF\n")
    assert "不能超过" in error.messages[0]


def test_decompression_bomb_is_refused():
    bomb = png_bomb()
    assert len(bomb) < 100_000
    error = _refused("bomb.png", bomb)
    assert "像素尺寸过大" in error.messages[0]


def test_image_over_the_pixel_limit_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr("declarations.uploads.MAX_IMAGE_PIXELS", 100)
    error = _refused("scan.png", image_bytes(size=(20, 20)))
    assert "像素尺寸过大" in error.messages[0]


def test_png_header_followed_by_html_is_stored_without_the_html():
    content = image_bytes(fmt="PNG") + b"<html><script>alert(1)</script></html>"
    checked = check_upload(upload("scan.png", content))
    stored = checked.content.read()
    assert b"<script>" not in stored
    assert Image.open(io.BytesIO(stored)).size == (60, 40)


def test_exif_metadata_is_stripped_from_kept_images():
    image = Image.new("RGB", (40, 30), "white")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    stored = check_upload(upload("photo.jpg", buffer.getvalue())).content.read()
    assert b"SecretCamera" not in stored


@pytest.mark.django_db
def test_refusal_is_shown_next_to_the_field_in_the_form(applicant_client):
    data = {**ENTRY_DATA["papers"], "scan": upload("logo.svg", b"<svg></svg>")}
    response = applicant_client.post(reverse("declarations:entry_add", args=["papers"]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert ALLOWED_MESSAGE in html
    assert ENTRY_DATA["papers"]["title"] in html  # what the applicant typed is kept
    assert not PrivateFile.objects.exists()


@pytest.mark.django_db
def test_request_over_the_size_limit_is_refused_before_it_is_read(applicant_client, settings):
    settings.UPLOAD_MAX_REQUEST_SIZE = 4096
    data = {**ENTRY_DATA["papers"], "scan": upload("big.pdf", MINIMAL_PDF + b"0" * 8192 + b"\n%%EOF\n")}
    response = applicant_client.post(reverse("declarations:entry_add", args=["papers"]), data)
    assert response.status_code == 413
    assert "总大小超过" in response.content.decode()
    assert not PrivateFile.objects.exists()


@pytest.mark.django_db
def test_large_upload_streams_to_a_temporary_file(applicant_client, settings, monkeypatch):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    seen = {}
    original = ProfileEntryForm.check_file

    def spy(self, name, value):
        seen["on_disk"] = hasattr(value, "temporary_file_path")
        return original(self, name, value)

    monkeypatch.setattr(ProfileEntryForm, "check_file", spy)
    data = {**ENTRY_DATA["papers"], "scan": upload("big.pdf", MINIMAL_PDF + b"0" * 8192 + b"\n%%EOF\n")}
    applicant_client.post(reverse("declarations:entry_add", args=["papers"]), data)
    assert seen == {"on_disk": True}
    assert PrivateFile.objects.get().size > 8192


def test_animated_gif_keeps_its_frames():
    frames = [Image.new("RGB", (30, 30), (i * 60, 0, 0)) for i in range(4)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    stored = check_upload(upload("anim.gif", buffer.getvalue())).content
    assert Image.open(stored).n_frames == 4


def test_gif_with_a_truncated_later_frame_is_refused():
    frames = [Image.effect_noise((60, 60), 90 + i).convert("RGB") for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    content = buffer.getvalue()
    error = _refused("anim.gif", content[: len(content) - 200])
    assert "已损坏或不完整" in error.messages[0]
