"""Builders for review tests: a round with its stages, applicants with a complete profile, and
declarations submitted through the real declarations services."""

import hashlib
import itertools
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory
from accounts.validators import check_digit
from declarations import services as declaration_services
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
from declarations.sections import SECTIONS
from declarations.workflow import Decision
from review import services
from review.models import ReviewStage

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DAY = timedelta(days=1)


def make_round(stage_names=("厅审核",), year: int | None = None) -> DeclarationRound:
    """A round open for sign-up and submission now; results are due in 30 days, second
    declarations close in 45."""
    now = timezone.now()
    title, _ = TitleCatalogue.objects.get_or_create(
        series="工程系列", specialty="建筑工程", level=TitleLevel.INTERMEDIATE, defaults={"title_name": "工程师"}
    )
    declaration_round = DeclarationRound.objects.create(
        year=year or timezone.localdate().year,
        name=f"{year or timezone.localdate().year}年度测试批次",
        signup_starts_at=now - 2 * DAY,
        signup_ends_at=now + 10 * DAY,
        submission_ends_at=now + 20 * DAY,
        results_release_at=now + 30 * DAY,
        second_declaration_ends_at=now + 45 * DAY,
    )
    declaration_round.titles.set([title])
    ReviewStage.objects.filter(round=declaration_round).delete()
    for order, name in enumerate(stage_names, start=1):
        ReviewStage.objects.create(round=declaration_round, order=order, name=name)
    return declaration_round


def after_release(declaration_round: DeclarationRound) -> datetime:
    return declaration_round.results_release_at + timedelta(minutes=1)


def make_file(owner, name="证书.pdf", content=PDF_BYTES, content_type="application/pdf") -> PrivateFile:
    return PrivateFile.objects.create(
        owner=owner,
        file=ContentFile(content, name=name),
        original_name=name,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


def complete_profile(user) -> None:
    BasicInfo.objects.create(
        owner=user,
        name=user.real_name,
        sex="M",
        birth_date=date(1985, 3, 12),
        id_number=user.id_number or "",
        political_status=BasicInfo._meta.get_field("political_status").choices[0][0],
        phone=str(user.phone or ""),
        employer=user.employer,
        employer_type=BasicInfo._meta.get_field("employer_type").choices[0][0],
        specialty="建筑工程",
        work_start_date=date(2008, 7, 1),
        mailing_address="太原市小店区",
        photo=make_file(user, "照片.png", PNG_BYTES, "image/png"),
    )
    WorkExperience.objects.create(
        owner=user,
        start_date=date(2008, 7, 1),
        employer=user.employer,
        technical_work="施工技术管理",
        post="技术员",
        reference_person="王工",
        attachment=make_file(user, "工作证明.pdf"),
    )
    Education.objects.create(
        owner=user,
        level=Education._meta.get_field("level").choices[0][0],
        school="太原理工大学",
        major="土木工程",
        graduation_date=date(2008, 7, 1),
        study_years=4,
        certificate_number="1011220080500123",
    )
    Qualification.objects.create(
        owner=user,
        title="助理工程师",
        level=Qualification._meta.get_field("level").choices[0][0],
        specialty="建筑工程",
        obtained_date=date(2013, 12, 1),
        obtained_by=Qualification._meta.get_field("obtained_by").choices[0][0],
        approving_body="省住房和城乡建设厅",
        certificate_number="ZC2013001",
    )


_serial = itertools.count(1)


def unique_id_number() -> str:
    first17 = f"14010519850312{next(_serial) % 1000:03d}"
    return first17 + check_digit(first17)


def make_applicant(**fields):
    fields.setdefault("id_number", unique_id_number())
    return UserFactory(**fields)


def submitted_declaration(declaration_round: DeclarationRound, applicant=None, **user_fields) -> Declaration:
    applicant = applicant or make_applicant(**user_fields)
    complete_profile(applicant)
    declaration = declaration_services.sign_up(applicant, declaration_round.pk, declaration_round.titles.first().pk)
    declaration_services.submit(declaration.pk, applicant, pledge=True)
    declaration.refresh_from_db()
    return declaration


def reviewer(employer="省住房和城乡建设厅", **fields):
    return StaffFactory(group="Reviewers", employer=employer, **fields)


def all_pass() -> list[services.SectionInput]:
    return [services.SectionInput(s.key, Decision.PASS) for s in SECTIONS]


def failing(**comments: str) -> list[services.SectionInput]:
    """Every section passes except the given ones (keys with underscores for dashes)."""
    failed = {key.replace("_", "-"): comment for key, comment in comments.items()}
    return [
        services.SectionInput(s.key, Decision.FAIL, failed[s.key])
        if s.key in failed
        else services.SectionInput(s.key, Decision.PASS)
        for s in SECTIONS
    ]


def decide_all(declaration: Declaration, by, decision=Decision.PASS, comment="", sections=None) -> None:
    """Decide every open stage of the declaration's current submission in turn."""
    while True:
        declaration.refresh_from_db()
        current = services.progress(declaration).current_stage
        if current is None:
            return
        services.decide(
            declaration.pk,
            current.pk,
            by,
            sections or (all_pass() if decision == Decision.PASS else failing(papers="论文不符合要求")),
            decision,
            comment or ("同意" if decision == Decision.PASS else "论文不符合要求"),
        )
        if decision == Decision.FAIL:
            return
