"""Sample files made in code (PDFs, JPEG and PNG scans, a red-background ID photo), one valid entry
per profile section as the form posts it, and the smallest complete profile: shared by the demo,
the benchmark and the tests."""

import io
from datetime import date

from PIL import Image, ImageDraw

from declarations.pdfdoc import pdf_document

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


# The smallest complete profile (the sections a declaration needs), as model values of each
# section; the owner's name, ID number and employer and the attachments come from the caller.
COMPLETE_PROFILE: dict[str, dict] = {
    "basic-info": {
        "sex": "M",
        "birth_date": date(1985, 3, 12),
        "political_status": "masses",
        "phone": "13900000000",
        "employer_type": "state_owned",
        "specialty": "建筑工程",
        "work_start_date": date(2008, 7, 1),
        "mailing_address": "太原市迎泽大街1号",
    },
    "work-experience": {
        "start_date": date(2008, 7, 1),
        "employer": "山西建设工程集团有限公司",
        "technical_work": "房屋建筑施工技术管理",
        "post": "技术员",
        "reference_person": "王工",
    },
    "education": {
        "level": "bachelor",
        "degree": "bachelor",
        "school": "太原理工大学",
        "major": "土木工程",
        "graduation_date": date(2008, 6, 30),
        "study_years": 4,
        "certificate_number": "101121200805000123",
    },
    "qualifications": {
        "title": "助理工程师",
        "level": "junior",
        "specialty": "建筑工程",
        "obtained_date": date(2012, 12, 1),
        "obtained_by": "evaluation",
        "approving_body": "山西省住房和城乡建设厅",
        "certificate_number": "ZC2012001",
    },
}

PDF_PAGES = [
    b"<</Type/Catalog/Pages 2 0 R>>",
    b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
    b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>",
]
MINIMAL_PDF = pdf_document(PDF_PAGES)
# The background of an accepted ID photo (SPEC 5.1: 红底).
RED = (205, 22, 28)


def pdf_of_size(size: int) -> bytes:
    """A valid one-page PDF (the upload checks parse it) of exactly `size` bytes, padded by a stream."""

    def build(padding: int) -> bytes:
        data = b"0" * padding
        return pdf_document([*PDF_PAGES, b"<</Length %d>>stream\n" % len(data) + data + b"\nendstream"])

    padding = max(size - len(build(0)), 0)
    for _ in range(3):  # the digits of the lengths and offsets grow with the padding
        padding += size - len(build(padding))
    return build(padding)


def pdf_with_text(text: str) -> bytes:
    """A one-page A5 PDF showing one line of (ASCII) text."""
    text = text.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 40 540 Td ({text}) Tj ET".encode()
    return pdf_document(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def image_bytes(size=(60, 40), color=(200, 30, 30), fmt="PNG") -> bytes:
    """A plain image of one colour."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def scan_image(label: str, fmt: str = "PNG") -> bytes:
    """A scanned document: a framed sheet with one line of (ASCII) text."""
    image = Image.new("RGB", (420, 300), (252, 250, 244))
    draw = ImageDraw.Draw(image)
    draw.rectangle([10, 10, 409, 289], outline=(150, 30, 30), width=4)
    draw.text((30, 30), f"Scan: {label}", fill=(40, 40, 40))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def id_photo(background=RED, size=(295, 413), fmt="JPEG") -> bytes:
    """A passport-style photo: a plain background with a head-and-shoulders shape in the middle."""
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse([w * 0.3, h * 0.15, w * 0.7, h * 0.55], fill=(235, 200, 170))
    draw.rectangle([w * 0.18, h * 0.6, w * 0.82, h], fill=(30, 30, 40))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()
