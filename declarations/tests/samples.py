"""What the tests post beyond the shared samples (`declarations.samples`): the edit of each section,
the basic-info form, a decompression bomb, and entries made straight in the database."""

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from declarations.samples import ENTRY_DATA
from declarations.sections import get_section

# The field of each section that changes on edit, with its new value.
EDIT_FIELD: dict[str, tuple[str, str]] = {
    "work-experience": ("employer", "山西建设工程集团有限公司"),
    "education": ("school", "同济大学"),
    "qualifications": ("certificate_number", "JZ2016-0999"),
    "assessments-awards": ("result", "合格"),
    "continuing-education": ("hours", "40"),
    "papers": ("journal", "施工技术"),
    "practical-materials": ("role", "第一完成人"),
    "monographs": ("publisher", "机械工业出版社"),
    "work-abilities": ("project", "太原南站站前广场项目"),
    "achievements": ("role", "技术负责人"),
}


def basic_info_data(**overrides) -> dict:
    """The basic-info form as an applicant fills it in (the photo is added by the caller)."""
    return {
        "name": "张建国",
        "ethnicity": "汉族",
        "political_status": "cpc",
        "phone": "13800000001",
        "email": "zhang@example.com",
        "employer": "山西建设工程集团有限公司",
        "employer_type": "state_owned",
        "specialty": "建筑工程",
        "work_start_date": "2008-07-01",
        "current_post": "项目总工",
        "mailing_address": "山西省太原市小店区长治路 1 号",
        **overrides,
    }


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_bomb(width: int = 60000, height: int = 60000) -> bytes:
    """A tiny PNG whose header claims billions of pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    data = zlib.compress(row * 64, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def make_entries(user, key: str, count: int) -> list:
    model = get_section(key).model
    form_data = ENTRY_DATA[key]
    field_names = {f.name for f in model._meta.concrete_fields}
    values = {name: value for name, value in form_data.items() if name in field_names}
    return [model.objects.create(owner=user, **values) for _ in range(count)]
