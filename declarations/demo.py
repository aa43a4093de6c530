"""Demo data of the declarations app: the title catalogue and an open round (`demo_rounds`), and a
demo profile for demo_applicant: every section filled, with a red-background ID photo and small
PDF/PNG attachments made in code. Sections that already have entries are left alone.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from declarations import demo_rounds
from declarations.entries import store_private_file
from declarations.models import BasicInfo, Education, Paper, PrivateFile, Qualification, WorkExperience
from declarations.samples import COMPLETE_PROFILE, id_photo, pdf_with_text, scan_image
from declarations.sections import SECTIONS, get_section
from declarations.uploads import check_id_photo, check_upload

D = dt.date

ENTRIES: dict[str, list[dict]] = {
    "work-experience": [
        {
            "start_date": D(2008, 7, 1),
            "end_date": D(2013, 6, 30),
            "employer": "太原市第一建筑工程有限公司",
            "technical_work": "住宅楼工程施工现场技术管理、测量放线和质量检查",
            "post": "技术员",
            "reference_person": "王立新",
        },
        {
            "start_date": D(2013, 7, 1),
            "end_date": D(2018, 12, 31),
            "employer": "山西建设工程集团有限公司",
            "technical_work": "高层住宅和商业综合体施工技术管理，编制施工组织设计和专项方案",
            "post": "项目技术负责人",
            "reference_person": "刘振华",
        },
        {
            "start_date": D(2019, 1, 1),
            "end_date": None,
            "employer": "山西建设工程集团有限公司",
            "technical_work": "大型公共建筑项目总体技术管理，深基坑和大体积混凝土关键技术攻关",
            "post": "项目总工程师",
            "reference_person": "刘振华",
        },
    ],
    "education": [
        {
            "level": "bachelor",
            "degree": "bachelor",
            "school": "太原理工大学",
            "major": "土木工程",
            "graduation_date": D(2008, 7, 1),
            "study_years": 4,
            "certificate_number": "101121200805001234",
        },
    ],
    "qualifications": [
        {
            "title": "助理工程师",
            "level": "junior",
            "specialty": "建筑工程",
            "obtained_date": D(2009, 12, 1),
            "obtained_by": "recognition",
            "approving_body": "太原市人力资源和社会保障局",
            "certificate_number": "TY2009-JZ-0456",
            "appointment_date": D(2010, 1, 1),
        },
        {
            "title": "工程师",
            "level": "intermediate",
            "specialty": "建筑工程",
            "obtained_date": D(2014, 12, 20),
            "obtained_by": "evaluation",
            "approving_body": "山西省人力资源和社会保障厅",
            "certificate_number": "SX2014-JZ-1088",
            "appointment_date": D(2015, 1, 1),
        },
    ],
    "assessments-awards": [
        {
            "kind": "annual_assessment",
            "year": 2023,
            "result": "优秀",
            "awarding_body": "山西建设工程集团有限公司",
            "date": D(2024, 1, 15),
        },
        {
            "kind": "award",
            "year": 2022,
            "result": "山西省建设工程“汾水杯”质量奖（项目技术负责人）",
            "awarding_body": "山西省建筑业协会",
            "date": D(2022, 11, 20),
        },
    ],
    "continuing-education": [
        {
            "start_date": D(2022, 5, 9),
            "end_date": D(2022, 5, 13),
            "content": "装配式混凝土结构施工与质量验收",
            "institution": "山西省建设教育协会",
            "hours": 40,
        },
        {
            "start_date": D(2023, 9, 4),
            "end_date": D(2023, 9, 8),
            "content": "建筑信息模型（BIM）施工应用",
            "institution": "太原理工大学继续教育学院",
            "hours": 32,
        },
    ],
    "papers": [
        {
            "title": "超高层建筑大体积混凝土底板裂缝控制技术",
            "journal": "建筑技术",
            "issn_cn": "ISSN 1000-4726 / CN 11-2102/TU",
            "published_date": D(2021, 5, 1),
            "author_role": "first",
        },
        {
            "title": "深基坑桩锚支护结构变形监测与分析",
            "journal": "施工技术",
            "issn_cn": "ISSN 2097-0897 / CN 10-1768/TU",
            "published_date": D(2023, 3, 1),
            "author_role": "sole",
        },
    ],
    "practical-materials": [
        {
            "name": "严寒地区大体积混凝土冬期施工工法",
            "kind": "construction_method",
            "date": D(2021, 10, 1),
            "role": "第一完成人，负责工艺原理和关键参数试验",
        },
    ],
    "monographs": [
        {
            "title": "建筑工程施工技术管理实务",
            "publisher": "中国建筑工业出版社",
            "isbn": "978-7-112-26543-1",
            "published_date": D(2022, 6, 1),
            "role": "contributor",
            "share": "第五章 混凝土工程，约 6 万字",
        },
    ],
    "work-abilities": [
        {
            "start_date": D(2019, 3, 1),
            "end_date": D(2021, 12, 31),
            "project": "太原市长风商务区综合体项目",
            "responsibility": "项目总工程师",
            "description": "主持编制施工组织设计和 12 项专项方案；解决了 3.2 米厚筏板大体积混凝土温控难题，"
            "实现零贯穿裂缝；组织 BIM 深化设计，节约工期 45 天。",
        },
    ],
    "achievements": [
        {
            "project": "太原市长风商务区综合体项目",
            "start_date": D(2019, 3, 1),
            "end_date": D(2021, 12, 31),
            "scale": "建筑面积 21.6 万平方米，投资 18.5 亿元",
            "role": "项目总工程师",
            "results": "获山西省“汾水杯”质量奖、省级安全文明标准化工地。",
        },
    ],
}


def seed(command) -> list:
    demo_rounds.seed(command)
    applicant = get_user_model().objects.filter(username="demo_applicant").first()
    if applicant is None:
        return []
    if not BasicInfo.objects.filter(owner=applicant).exists():
        photo = stored_upload(applicant, "证件照.jpg", id_photo(size=(354, 496)), check=check_id_photo)
        BasicInfo.objects.create(
            owner=applicant,
            name=applicant.real_name,
            sex=applicant.sex,
            birth_date=applicant.birth_date,
            id_number=applicant.id_number,
            ethnicity="汉族",
            political_status="cpc",
            phone="13800000001",
            email=applicant.email or "applicant@example.com",
            employer=applicant.employer,
            employer_type="state_owned",
            specialty="建筑工程",
            work_start_date=D(2008, 7, 1),
            current_post="项目总工程师",
            mailing_address="山西省太原市小店区长治路 111 号",
            photo=photo,
        )
    for section in SECTIONS:
        if section.single or section.model.objects.filter(owner=applicant).exists():
            continue
        _seed_section(applicant, section.key)
    return []


def _seed_section(applicant, key: str) -> None:
    model = get_section(key).model
    for number, values in enumerate(ENTRIES[key], start=1):
        entry = model(owner=applicant, **values)
        for index, name in enumerate(model.file_field_names()):
            title = f"{model._meta.verbose_name} {number}"
            # Alternate PDFs and PNG scans so both kinds appear in the demo.
            if (number + index) % 2:
                stored = stored_upload(applicant, f"{title}.pdf", pdf_with_text(f"Evidence: {key} #{number}"))
            else:
                stored = stored_upload(applicant, f"{title}.png", scan_image(f"{key} #{number}"))
            setattr(entry, name, stored)
        entry.save()


def stored_upload(owner, name: str, content: bytes, check=check_upload) -> PrivateFile:
    """An attachment stored the way an applicant's upload is, after the same checks."""
    return store_private_file(owner, check(SimpleUploadedFile(name, content)))


def seed_complete_profile(user) -> None:
    """A complete profile for a demo applicant other than demo_applicant: the required sections and
    a paper, each with its evidence (used by the demo modules of the chain's apps)."""
    if BasicInfo.objects.filter(owner=user).exists():
        return
    BasicInfo.objects.create(
        owner=user,
        **{
            **COMPLETE_PROFILE["basic-info"],
            "name": user.real_name,
            "birth_date": user.birth_date,
            "id_number": user.id_number,
            "phone": str(user.phone.national_number),
            "employer": user.employer,
            "photo": stored_upload(user, "证件照.png", id_photo(fmt="PNG"), check=check_id_photo),
        },
    )
    WorkExperience.objects.create(
        owner=user,
        **{
            **COMPLETE_PROFILE["work-experience"],
            "employer": user.employer,
            "post": "项目技术负责人",
            "attachment": stored_upload(user, "工作证明.pdf", pdf_with_text("Employment certificate")),
        },
    )
    Education.objects.create(
        owner=user,
        **COMPLETE_PROFILE["education"],
        diploma_scan=stored_upload(user, "毕业证书.pdf", pdf_with_text("Diploma")),
    )
    Qualification.objects.create(
        owner=user,
        **COMPLETE_PROFILE["qualifications"],
        certificate_scan=stored_upload(user, "资格证书.jpg", scan_image("CERTIFICATE", fmt="JPEG")),
    )
    Paper.objects.create(
        owner=user,
        title="高层建筑深基坑支护施工技术探讨",
        journal="建筑工程技术与设计",
        issn_cn="ISSN 2095-6630",
        published_date=dt.date(2023, 3, 1),
        author_role="sole",
        scan=stored_upload(user, "论文.pdf", pdf_with_text("Paper scan")),
    )
