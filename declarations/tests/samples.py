"""Valid form data for every table section, and small files of each kind, made in code."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from declarations.pdfdoc import pdf_document
from declarations.sections import get_section

ENTRY_DATA: dict[str, dict[str, str]] = {
    "work-experience": {
        "start_date": "2010-07-01",
        "end_date": "2015-06-30",
        "employer": "太原市第一建筑工程有限公司",
        "technical_work": "房屋建筑工程施工技术管理",
        "post": "技术员",
        "reference_person": "王立",
    },
    "education": {
        "level": "bachelor",
        "degree": "bachelor",
        "school": "太原理工大学",
        "major": "土木工程",
        "graduation_date": "2010-07-01",
        "study_years": "4",
        "certificate_number": "101121201005001234",
    },
    "qualifications": {
        "title": "工程师",
        "level": "intermediate",
        "specialty": "建筑工程",
        "obtained_date": "2016-12-20",
        "obtained_by": "evaluation",
        "approving_body": "山西省人力资源和社会保障厅",
        "certificate_number": "JZ2016-0815",
        "appointment_date": "2017-01-01",
    },
    "assessments-awards": {
        "kind": "annual_assessment",
        "year": "2023",
        "result": "优秀",
        "awarding_body": "山西建设工程集团有限公司",
        "date": "2024-01-15",
    },
    "continuing-education": {
        "start_date": "2023-03-01",
        "end_date": "2023-03-05",
        "content": "装配式建筑施工技术",
        "institution": "山西省建设教育协会",
        "hours": "32",
    },
    "papers": {
        "title": "高层建筑深基坑支护施工技术研究",
        "journal": "建筑技术",
        "issn_cn": "ISSN 1000-4726 / CN 11-2102/TU",
        "published_date": "2021-05-01",
        "author_role": "first",
    },
    "practical-materials": {
        "name": "超高层混凝土泵送施工工法",
        "kind": "construction_method",
        "date": "2020-09-01",
        "role": "主要完成人",
    },
    "monographs": {
        "title": "建筑施工安全管理实务",
        "publisher": "中国建筑工业出版社",
        "isbn": "978-7-112-12345-6",
        "published_date": "2019-08-01",
        "role": "deputy",
        "share": "第三、四章，约 8 万字",
    },
    "work-abilities": {
        "start_date": "2018-03-01",
        "end_date": "2020-10-31",
        "project": "太原市某商业综合体项目",
        "responsibility": "项目技术负责人",
        "description": "负责施工组织设计编制和关键技术攻关，解决了大体积混凝土裂缝控制问题。",
    },
    "achievements": {
        "project": "晋中市某保障性住房项目",
        "start_date": "2019-04-01",
        "end_date": "2021-06-30",
        "scale": "建筑面积 12 万平方米，投资 4.5 亿元",
        "role": "项目总工",
        "results": "获山西省“汾水杯”工程质量奖。",
    },
}

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


PDF_PAGES = [
    b"<</Type/Catalog/Pages 2 0 R>>",
    b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
    b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>",
]
MINIMAL_PDF = pdf_document(PDF_PAGES)


def image_bytes(size=(60, 40), color=(200, 30, 30), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


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


def id_photo(background=(210, 20, 25), size=(295, 413), fmt="JPEG") -> bytes:
    """A passport-style photo: a plain background with a head-and-shoulders shape in the middle."""
    image = Image.new("RGB", size, background)

    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse([w * 0.3, h * 0.15, w * 0.7, h * 0.55], fill=(235, 200, 170))
    draw.rectangle([w * 0.18, h * 0.6, w * 0.82, h], fill=(30, 30, 40))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def make_entries(user, key: str, count: int) -> list:
    model = get_section(key).model
    form_data = ENTRY_DATA[key]
    field_names = {f.name for f in model._meta.concrete_fields}
    values = {name: value for name, value in form_data.items() if name in field_names}
    return [model.objects.create(owner=user, **values) for _ in range(count)]


def pdf_of_size(size: int) -> bytes:
    """A valid one-page PDF padded to about `size` bytes by an unused stream."""
    padding = b"0" * max(size - 400, 0)
    return pdf_document([*PDF_PAGES, b"<</Length %d>>stream\n" % len(padding) + padding + b"\nendstream"])
