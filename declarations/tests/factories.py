"""Builders for declarations tests: catalogue, rounds in any window, profiles, files."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from declarations.models import (
    BasicInfo,
    Declaration,
    DeclarationRound,
    Education,
    PrivateFile,
    Qualification,
    TitleCatalogue,
    TitleLevel,
    WorkExperience,
)
from declarations.tests.samples import id_photo, image_bytes

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class TitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TitleCatalogue

    series = "工程系列"
    specialty = factory.Sequence(lambda n: f"建筑工程{n}")
    level = TitleLevel.INTERMEDIATE
    title_name = "工程师"


def make_round(phase: str = "signup", year: int | None = None, titles=None) -> DeclarationRound:
    """A round whose current moment is `phase`: before, signup, submission (sign-up closed),
    review (submissions closed, results not yet due), second (results released, second
    declaration open) or closed (everything over).
    """
    now = timezone.now()
    day = timedelta(days=1)
    starts = {
        "before": now + 2 * day,
        "signup": now - 2 * day,
        "submission": now - 12 * day,
        "review": now - 22 * day,
        "second": now - 32 * day,
        "closed": now - 52 * day,
    }[phase]
    declaration_round = DeclarationRound.objects.create(
        year=year or timezone.localdate().year,
        name=f"测试批次（{phase}）",
        signup_starts_at=starts,
        signup_ends_at=starts + 10 * day,
        submission_ends_at=starts + 20 * day,
        results_release_at=starts + 30 * day,
        second_declaration_ends_at=starts + 40 * day,
    )
    declaration_round.titles.set(titles or [TitleFactory()])
    return declaration_round


def make_declaration(applicant=None, declaration_round=None, status: str = "signed_up", **fields) -> Declaration:
    declaration_round = declaration_round or make_round()
    return Declaration.objects.create(
        applicant=applicant or UserFactory(),
        round=declaration_round,
        title=declaration_round.titles.first(),
        year=declaration_round.year,
        status=status,
        **fields,
    )


def make_file(owner, name: str = "证书.pdf", content: bytes = PDF_BYTES, content_type="application/pdf"):
    return PrivateFile.create_from_bytes(owner, name, content, content_type)


def make_basic_info(owner, photo: bool = True) -> BasicInfo:
    return BasicInfo.objects.create(
        owner=owner,
        name=owner.real_name,
        sex="M",
        birth_date=date(1985, 3, 12),
        id_number=owner.id_number,
        political_status="masses",
        phone="13900000000",
        employer=owner.employer,
        employer_type="state_owned",
        specialty="建筑工程",
        work_start_date=date(2008, 7, 1),
        mailing_address="太原市迎泽大街1号",
        photo=make_file(owner, "证件照.png", id_photo(fmt="PNG"), "image/png") if photo else None,
    )


def make_work_experience(owner, **fields) -> WorkExperience:
    values = {
        "start_date": date(2008, 7, 1),
        "employer": "山西建设工程集团有限公司",
        "technical_work": "房屋建筑施工技术管理",
        "post": "技术员",
        "reference_person": "王工",
    }
    values.update(fields)
    return WorkExperience.objects.create(owner=owner, **values)


def make_education(owner, **fields) -> Education:
    values = {
        "level": "bachelor",
        "degree": "bachelor",
        "school": "太原理工大学",
        "major": "土木工程",
        "graduation_date": date(2008, 6, 30),
        "study_years": 4,
        "certificate_number": "101121200805000123",
        "diploma_scan": make_file(owner, "毕业证书.pdf"),
    }
    values.update(fields)
    return Education.objects.create(owner=owner, **values)


def make_qualification(owner, **fields) -> Qualification:
    values = {
        "title": "助理工程师",
        "level": "junior",
        "specialty": "建筑工程",
        "obtained_date": date(2012, 12, 1),
        "obtained_by": "evaluation",
        "approving_body": "山西省住房和城乡建设厅",
        "certificate_number": "ZC2012001",
        "certificate_scan": make_file(owner, "资格证书.jpg", image_bytes(fmt="JPEG"), "image/jpeg"),
    }
    values.update(fields)
    return Qualification.objects.create(owner=owner, **values)


def make_complete_profile(owner) -> None:
    make_basic_info(owner)
    make_work_experience(owner)
    make_education(owner)
    make_qualification(owner)
