"""Builders for review tests: a round with its stages, applicants with a complete profile, and
declarations submitted through the real declarations services."""

from datetime import datetime, timedelta

import factory

from accounts.tests.factories import StaffFactory, UserFactory
from declarations import signup, submission
from declarations.models import Declaration, DeclarationRound
from declarations.sections import SECTIONS
from declarations.tests.factories import RoundFactory, make_complete_profile
from declarations.workflow import Decision
from review import decisions as review_decisions
from review import stages as review_stages
from review.models import ReviewStage


class ReviewRoundFactory(RoundFactory):
    """A round with the given review stages in order (by default the single 厅审核) instead of the
    one the `post_save` signal gives every new round."""

    @factory.post_generation
    def stages(obj, create, extracted, **kwargs):
        if not create:
            return
        ReviewStage.objects.filter(round=obj).delete()
        for order, name in enumerate(("厅审核",) if extracted is None else extracted, start=1):
            ReviewStage.objects.create(round=obj, order=order, name=name)


def make_round(stage_names=("厅审核",), year: int | None = None) -> DeclarationRound:
    """A round open for sign-up and submission now, with the given stages."""
    return ReviewRoundFactory(stages=stage_names, **({"year": year} if year else {}))


def after_release(declaration_round: DeclarationRound) -> datetime:
    return declaration_round.results_release_at + timedelta(minutes=1)


def submitted_declaration(declaration_round: DeclarationRound, applicant=None, **user_fields) -> Declaration:
    applicant = applicant or UserFactory(**user_fields)
    make_complete_profile(applicant)
    declaration = signup.sign_up(applicant, declaration_round.pk, declaration_round.titles.first().pk)
    submission.submit(declaration.pk, applicant, pledge=True)
    declaration.refresh_from_db()
    return declaration


def reviewer(employer="省住房和城乡建设厅", **fields):
    return StaffFactory(group="审核人", employer=employer, **fields)


def all_pass() -> list[review_decisions.SectionInput]:
    return [review_decisions.SectionInput(s.key, Decision.PASS) for s in SECTIONS]


def failing(**comments: str) -> list[review_decisions.SectionInput]:
    """Every section passes except the given ones (keys with underscores for dashes)."""
    failed = {key.replace("_", "-"): comment for key, comment in comments.items()}
    return [
        review_decisions.SectionInput(s.key, Decision.FAIL, failed[s.key])
        if s.key in failed
        else review_decisions.SectionInput(s.key, Decision.PASS)
        for s in SECTIONS
    ]


def decide_all(declaration: Declaration, by, decision=Decision.PASS, comment="", sections=None) -> None:
    """Decide every open stage of the declaration's current submission in turn: `by` the first,
    a reviewer of its own each later one (one person decides one stage, `review.permissions`)."""
    deciders = {}
    while True:
        declaration.refresh_from_db()
        current = review_stages.progress(declaration).current_stage
        if current is None:
            return
        decider = deciders.setdefault(current.pk, by if not deciders else StaffFactory(group="审核人"))
        review_decisions.decide(
            declaration.pk,
            current.pk,
            decider,
            sections or (all_pass() if decision == Decision.PASS else failing(papers="论文不符合要求")),
            decision,
            comment or ("同意" if decision == Decision.PASS else "论文不符合要求"),
        )
        if decision == Decision.FAIL:
            return


def restore_migrated_roles() -> None:
    """Transactional tests flush the database, taking the groups and permissions of the data
    migrations with it; this puts them back (both migrations are idempotent)."""
    import importlib

    from django.apps import apps

    importlib.import_module("accounts.migrations.0002_roles").create_roles(apps, None)
    importlib.import_module("review.migrations.0002_reviewer_permissions").grant(apps, None)
    importlib.import_module("declarations.migrations.0006_review_permission").grant(apps, None)
    importlib.import_module("employers.migrations.0002_approve_permission").grant(apps, None)
    importlib.import_module("accounts.migrations.0008_chinese_group_names").forwards(apps, None)
