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


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def animated_gif(frames: int = 60, size: int = 3000) -> bytes:
    """An animation of a large canvas in a few hundred bytes: each frame redraws one pixel."""
    out = bytearray(b"GIF89a" + struct.pack("<HHBBB", size, size, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff")
    out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"  # loop forever
    for index in range(frames):
        out += b"\x21\xf9\x04\x04\x0a\x00\x00\x00"  # 0.1 s, keep the previous frame
        out += b"\x2c" + struct.pack("<HHHHB", index % size, 0, 1, 1, 0)
        out += b"\x02\x02" + (b"\x44\x01" if index % 2 else b"\x4c\x01") + b"\x00"  # one pixel of colour 0 or 1
    return bytes(out + b"\x3b")


def animated_png(frames: int = 60, size: int = 3000, comment: int = 0) -> bytes:
    """An APNG of a large canvas in a few kilobytes: a blank first frame, then one-pixel frames. A
    comment of `comment` bytes before the animation chunk hides it from a look at the first bytes."""
    sequence = iter(range(2 * frames))

    def frame_control(width: int, height: int, x: int) -> bytes:
        return _png_chunk(b"fcTL", struct.pack(">IIIIIHHBB", next(sequence), width, height, x, 0, 1, 10, 0, 0))

    blank = zlib.compress((b"\x00" + b"\x00" * ((size + 7) // 8)) * size, 9)
    out = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0))
    if comment:
        out += _png_chunk(b"tEXt", b"Comment\x00" + b"x" * comment)
    out += _png_chunk(b"acTL", struct.pack(">II", frames, 0))
    out += frame_control(size, size, 0) + _png_chunk(b"IDAT", blank)
    for index in range(1, frames):
        out += frame_control(1, 1, index % size)
        out += _png_chunk(b"fdAT", struct.pack(">I", next(sequence)) + zlib.compress(b"\x00\x80"))
    return out + _png_chunk(b"IEND", b"")
