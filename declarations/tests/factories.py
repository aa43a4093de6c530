"""Builders for declarations tests: catalogue, rounds in any phase, profiles, files."""

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
from declarations.round_phases import RoundPhase, round_windows
from declarations.samples import COMPLETE_PROFILE, MINIMAL_PDF, id_photo, image_bytes


class TitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TitleCatalogue

    series = "工程系列"
    specialty = factory.Sequence(lambda n: f"建筑工程{n}")
    level = TitleLevel.INTERMEDIATE
    title_name = "工程师"


class RoundFactory(factory.django.DjangoModelFactory):
    """A round of this year whose calendar puts now in `phase` (`declarations.round_phases`); each phase
    is also a trait: `RoundFactory(submission_closed=True)`. Titles: one new title unless given."""

    class Meta:
        model = DeclarationRound
        skip_postgeneration_save = True

    class Params:
        phase = RoundPhase.SIGNUP_OPEN
        windows = factory.LazyAttribute(lambda o: round_windows(o.phase))
        before_signup = factory.Trait(phase=RoundPhase.BEFORE_SIGNUP)
        signup_open = factory.Trait(phase=RoundPhase.SIGNUP_OPEN)
        submission_open = factory.Trait(phase=RoundPhase.SUBMISSION_OPEN)
        submission_closed = factory.Trait(phase=RoundPhase.SUBMISSION_CLOSED)
        release_due = factory.Trait(phase=RoundPhase.RELEASE_DUE)
        second_declaration_open = factory.Trait(phase=RoundPhase.SECOND_DECLARATION_OPEN)
        second_declaration_closed = factory.Trait(phase=RoundPhase.SECOND_DECLARATION_CLOSED)
        closed = factory.Trait(phase=RoundPhase.CLOSED)

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    name = factory.LazyAttribute(lambda o: f"{o.year}年度测试批次（{RoundPhase(o.phase).label}）")
    signup_starts_at = factory.LazyAttribute(lambda o: o.windows["signup_starts_at"])
    signup_ends_at = factory.LazyAttribute(lambda o: o.windows["signup_ends_at"])
    submission_ends_at = factory.LazyAttribute(lambda o: o.windows["submission_ends_at"])
    results_release_at = factory.LazyAttribute(lambda o: o.windows["results_release_at"])
    second_declaration_ends_at = factory.LazyAttribute(lambda o: o.windows["second_declaration_ends_at"])
    second_results_release_at = factory.LazyAttribute(lambda o: o.windows["second_results_release_at"])

    @factory.post_generation
    def titles(obj, create, extracted, **kwargs):
        if create:
            obj.titles.set(extracted or [TitleFactory()])


def make_round(phase: str = RoundPhase.SIGNUP_OPEN, year: int | None = None, titles=None) -> DeclarationRound:
    """`RoundFactory` in `phase` (a `RoundPhase` value: before, signup, submission, review, second, closed)."""
    return RoundFactory(phase=phase, titles=titles, **({"year": year} if year else {}))


def move_to_phase(declaration_round: DeclarationRound, phase: str) -> DeclarationRound:
    """Time passes: the round's calendar moves on until now is in `phase` (e.g. the results are due)."""
    DeclarationRound.objects.filter(pk=declaration_round.pk).update(**round_windows(phase))
    declaration_round.refresh_from_db()
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


def make_file(owner, name: str = "证书.pdf", content: bytes = MINIMAL_PDF, content_type="application/pdf"):
    return PrivateFile.create_from_bytes(owner, name, content, content_type)


def make_basic_info(owner, photo: bool = True) -> BasicInfo:
    return BasicInfo.objects.create(
        owner=owner,
        name=owner.real_name,
        id_number=owner.id_number,
        employer=owner.employer,
        photo=make_file(owner, "证件照.png", id_photo(fmt="PNG"), "image/png") if photo else None,
        **COMPLETE_PROFILE["basic-info"],
    )


def make_work_experience(owner, **fields) -> WorkExperience:
    return WorkExperience.objects.create(owner=owner, **{**COMPLETE_PROFILE["work-experience"], **fields})


def make_education(owner, **fields) -> Education:
    values = {**COMPLETE_PROFILE["education"], "diploma_scan": make_file(owner, "毕业证书.pdf"), **fields}
    return Education.objects.create(owner=owner, **values)


def make_qualification(owner, **fields) -> Qualification:
    scan = make_file(owner, "资格证书.jpg", image_bytes(fmt="JPEG"), "image/jpeg")
    values = {**COMPLETE_PROFILE["qualifications"], "certificate_scan": scan, **fields}
    return Qualification.objects.create(owner=owner, **values)


def make_complete_profile(owner) -> None:
    make_basic_info(owner)
    make_work_experience(owner)
    make_education(owner)
    make_qualification(owner)
