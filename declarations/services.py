"""Business rules of the applicant side.

Profile changes: adding, editing and deleting section entries with their evidence files. Each
change locks the applicant's user row, so the entry limits of `declarations.sections` hold even
when two requests race, and asks `assert_profile_editable` first. Files an entry no longer refers
to are deleted (row and bytes) unless a submitted snapshot froze them.

Declarations (SPEC 6): sign-up, the completeness check, submission with its snapshot, and the
entry points the review app calls (start review, record a decision, release results). The state
machine itself is `declarations.workflow`.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Value
from django.utils import timezone

from declarations import workflow
from declarations.locks import assert_profile_editable
from declarations.models import BasicInfo, Declaration, DeclarationRound, PrivateFile, ProfileEntry, TitleCatalogue
from declarations.sections import SECTIONS, Section, get_section
from declarations.snapshots import section_entries, take_snapshot
from declarations.uploads import CheckedUpload
from declarations.workflow import Decision, IllegalTransition, Status


class LimitReached(Exception):
    """The section already holds as many entries as its limit allows."""

    def __init__(self, section: Section):
        self.section = section
        super().__init__(f"“{section.title}”最多只能填写 {section.limit} 条，已达到上限，不能再新增。")


class EntryConflict(Exception):
    """The entry changed in another window since the form was opened (deleted, or created twice)."""

    def __init__(self, section: Section):
        self.section = section
        super().__init__(f"“{section.title}”已在其他页面被修改或删除，请刷新后重新填写。")


def _lock_owner(user) -> None:
    get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)


def store_private_file(owner, upload: CheckedUpload) -> PrivateFile:
    private_file = PrivateFile(
        owner=owner,
        original_name=upload.original_name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
    )
    private_file.file.save(f"upload.{upload.extension}", upload.content, save=False)
    private_file.save()
    return private_file


def discard_private_files(files: Iterable[PrivateFile]) -> list[str]:
    """Delete the rows of files no longer needed; returns the stored names to remove from disk."""
    names = []
    for private_file in files:
        if private_file is None or private_file.frozen:
            continue
        names.append(private_file.file.name)
        private_file.delete()
    return names


def remove_stored_files(names: Iterable[str]) -> None:
    storage = PrivateFile._meta.get_field("file").storage
    for name in names:
        if name:
            storage.delete(name)


def entry_count(user, section: Section) -> int:
    return section.model.objects.filter(owner=user).count()


def save_entry(
    user,
    section: Section,
    entry: ProfileEntry,
    uploads: Mapping[str, CheckedUpload | bool | None],
) -> ProfileEntry:
    """Create or update `entry` (unsaved changes from a form) for `user`.

    `uploads` maps a file field name to a checked upload (replace), False (remove) or None (keep).
    Raises ProfileLocked, LimitReached or EntryConflict, saving nothing.
    """
    stored: list[str] = []
    try:
        with transaction.atomic():
            _lock_owner(user)
            assert_profile_editable(user)
            creating = entry._state.adding
            if creating and section.limit and not section.single and entry_count(user, section) >= section.limit:
                raise LimitReached(section)
            exists = section.model.objects.filter(owner=user, pk=entry.pk).exists() if entry.pk else False
            if (not creating and not exists) or (creating and section.single and entry_count(user, section)):
                # Saving would re-create a deleted entry (past the limit) or a second basic info.
                raise EntryConflict(section)
            entry.owner = user
            old_files = []
            for name, upload in uploads.items():
                if upload is None:
                    continue
                old = getattr(entry, name) if getattr(entry, f"{name}_id") else None
                if old is not None:
                    old_files.append(old)
                if upload is False:
                    setattr(entry, name, None)
                else:
                    new = store_private_file(user, upload)
                    stored.append(new.file.name)
                    setattr(entry, name, new)
            entry.save(force_insert=creating, force_update=not creating)
            obsolete = discard_private_files(old_files)
    except BaseException:
        remove_stored_files(stored)
        raise
    remove_stored_files(obsolete)
    return entry


def delete_entries(user, section: Section, ids: Iterable[int]) -> int:
    """Delete the user's entries among `ids` (other applicants' ids are ignored) and their files."""
    with transaction.atomic():
        _lock_owner(user)
        assert_profile_editable(user)
        entries = list(owned_entries(user, section).filter(pk__in=list(ids)))
        files = [f for entry in entries for f in entry.private_files()]
        section.model.objects.filter(pk__in=[e.pk for e in entries]).delete()
        obsolete = discard_private_files(files)
    remove_stored_files(obsolete)
    return len(entries)


def owned_entries(user, section: Section) -> models.QuerySet:
    model = section.model
    return model.objects.filter(owner=user).select_related(*model.file_field_names())


def basic_info_defaults(user) -> dict:
    """Initial basic information taken from the account."""
    phone = user.phone.as_national.replace(" ", "") if user.phone else ""
    return {
        "name": user.real_name,
        "sex": user.sex or "",
        "birth_date": user.birth_date,
        "id_number": user.id_number or "",
        "phone": phone,
        "email": user.email,
        "employer": user.employer,
    }


def get_basic_info(user) -> BasicInfo | None:
    return BasicInfo.objects.filter(owner=user).select_related("photo").first()


def profile_summary(user) -> list[dict]:
    """Per section: how many entries the applicant has filled, against the limit (one query)."""
    parts = [
        section.model.objects.filter(owner=user)
        .order_by()
        .values("owner")
        .annotate(key=Value(section.key, output_field=models.CharField()), n=Count("pk"))
        .values_list("key", "n")
        for section in SECTIONS
    ]
    counts = dict(parts[0].union(*parts[1:], all=True))
    return [
        {"section": section, "count": counts.get(section.key, 0), "limit": None if section.single else section.limit}
        for section in SECTIONS
    ]


# === Declarations ================================================================


class DeclarationError(Exception):
    """A refused request; the message says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def already_declared_message(year: int) -> str:
    return f"您已报名{year}年度的职称申报。每位申报人每年只能申报一个职称，请在“我申报的”中查看。"


# --- Sign-up ------------------------------------------------------------------------------


def open_rounds(now: datetime | None = None) -> list[DeclarationRound]:
    """Rounds whose sign-up window is open now, with their titles."""
    now = now or timezone.now()
    return list(
        DeclarationRound.objects.filter(signup_starts_at__lte=now, signup_ends_at__gte=now).prefetch_related("titles")
    )


def sign_up(user, round_id: int, title_id: int, now: datetime | None = None) -> Declaration:
    """Create the applicant's declaration for a title opened by a round, inside its window."""
    now = now or timezone.now()
    if not user.is_applicant:
        raise DeclarationError("只有申报人账户可以报名。")
    declaration_round = DeclarationRound.objects.filter(pk=round_id).first()
    if declaration_round is None or not declaration_round.titles.filter(pk=title_id).exists():
        raise DeclarationError("该职称不在本批次的开放范围内。")
    if not declaration_round.is_signup_open(now):
        raise DeclarationError("当前不在本批次的报名时间内，无法报名。")
    if Declaration.objects.filter(applicant=user, year=declaration_round.year).exists():
        raise DeclarationError(already_declared_message(declaration_round.year))
    try:
        # The unique constraint decides between two concurrent sign-ups.
        with transaction.atomic():
            declaration = Declaration.objects.create(
                applicant=user,
                round=declaration_round,
                title=TitleCatalogue.objects.get(pk=title_id),
                year=declaration_round.year,
            )
            workflow.log_sign_up(declaration, user)
    except IntegrityError as error:
        raise DeclarationError(already_declared_message(declaration_round.year)) from error
    return declaration


# --- Completeness ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    section_key: str
    message: str

    @property
    def url(self) -> str:
        # The profile's section pages (SPEC 5), as the applicant navigation links them.
        return f"/applicant/profile/{self.section_key}/"

    @property
    def section_title(self) -> str:
        section = get_section(self.section_key)
        return f"{section.number} {section.title}"


# The minimum a declaration needs (SPEC 6): section key, rule, message.
REQUIRED_SECTIONS = (
    ("work-experience", "至少填写一条主要工作经历。"),
    ("education", "至少填写一条学历信息。"),
    ("qualifications", "至少填写一条专技人员资格信息。"),
)
PHOTO_FIELD = "photo"


def completeness_problems(user) -> list[Problem]:
    """What is missing before the profile can be submitted, each with the section to fix it."""
    problems = []
    basic = section_entries(get_section("basic-info"), user).first()
    if basic is None:
        problems.append(Problem("basic-info", "请填写基本信息。"))
    elif getattr(basic, f"{PHOTO_FIELD}_id", None) is None:
        problems.append(Problem("basic-info", "请在基本信息中上传红底免冠证件照。"))
    for key, message in REQUIRED_SECTIONS:
        if not section_entries(get_section(key), user).exists():
            problems.append(Problem(key, message))
    return problems


# --- Submission -----------------------------------------------------------------------------

SUBMIT_TRANSITIONS = {Status.SIGNED_UP: ("submit", 1), Status.FAILED: ("resubmit", 2)}


@dataclass(frozen=True)
class SubmitResult:
    declaration: Declaration
    submitted_now: bool  # False: it had already been submitted (a double click, a second tab)


@transaction.atomic
def submit(
    declaration_id: int,
    user,
    pledge: bool,
    expected_status: str | None = None,
    now: datetime | None = None,
) -> SubmitResult:
    """Submit (or submit the second declaration) once: lock the row, re-check, snapshot, move.

    `expected_status` is the status the page was shown in; if the declaration has moved on since
    (another tab or a retry got there first), nothing happens and the caller is told so.
    Raises Declaration.DoesNotExist for someone else's declaration.
    """
    now = now or timezone.now()
    declaration = (
        Declaration.objects.select_for_update()
        .select_related("round", "title", "applicant")
        .get(pk=declaration_id, applicant=user)
    )
    # Profile changes lock the same user row: none can slip in while the snapshot is taken.
    _lock_owner(user)
    moved_on = expected_status and declaration.status != expected_status
    if moved_on or declaration.status in workflow.LOCKED_STATUSES:
        return SubmitResult(declaration, submitted_now=False)
    name, sequence = SUBMIT_TRANSITIONS.get(declaration.status, ("submit", 1))
    try:
        workflow.check(declaration, name, user, now)
    except IllegalTransition as error:
        raise DeclarationError(error.message) from error
    if not pledge:
        raise DeclarationError("请先阅读并勾选诚信承诺。")
    problems = completeness_problems(user)
    if problems:
        raise DeclarationError("申报信息不完整：" + "".join(p.message for p in problems))
    take_snapshot(declaration, sequence)
    workflow.perform(declaration, name, user, comment="申报人确认提交并作出诚信承诺", now=now)
    return SubmitResult(declaration, submitted_now=True)


# --- Entry points for the review app ---------------------------------------------------------


def _locked(declaration_id: int) -> Declaration:
    return Declaration.objects.select_for_update().select_related("round", "applicant").get(pk=declaration_id)


@transaction.atomic
def start_review(declaration_id: int, reviewer, comment: str = "") -> Declaration:
    declaration = _locked(declaration_id)
    workflow.perform(declaration, "start_review", reviewer, comment)
    return declaration


@transaction.atomic
def record_decision(declaration_id: int, reviewer, decision: str, comment: str = "") -> Declaration:
    """Store the reviewers' overall decision; the applicant sees it only after release."""
    declaration = _locked(declaration_id)
    if declaration.status == Status.SUBMITTED:
        workflow.perform(declaration, "start_review", reviewer, "审核人开始审核")
    if workflow.Role.REVIEWER not in workflow.roles_of(declaration, reviewer):
        raise IllegalTransition("您无权审核该申报。")
    if declaration.status not in workflow.DECIDABLE_STATUSES:
        raise IllegalTransition(f"申报当前状态为“{declaration.get_status_display()}”，不能录入审核结论。")
    if decision not in Decision.values:
        raise IllegalTransition("审核结论只能是“通过”或“不通过”。")
    if decision == Decision.FAIL and not comment.strip():
        raise IllegalTransition("审核不通过时必须填写审核意见。")
    declaration.pending_decision = decision
    declaration.pending_comment = comment
    declaration.save(update_fields=["pending_decision", "pending_comment"])
    return declaration


def _release_transition(declaration: Declaration) -> str:
    if declaration.pending_decision == Decision.PASS:
        return "release_pass"
    return "release_fail" if declaration.status == Status.IN_REVIEW else "release_final_fail"


def release_results(declaration_round: DeclarationRound, actor=None, now: datetime | None = None) -> list[Declaration]:
    """Release every decided declaration of the round together (统一退回). Idempotent: released
    declarations have left the decidable statuses. A released failure unlocks the profile.
    """
    now = now or timezone.now()
    if not declaration_round.is_release_due(now):
        raise IllegalTransition("尚未到审核结果统一退回时间。")
    pending = Declaration.objects.filter(round=declaration_round, status__in=workflow.DECIDABLE_STATUSES).exclude(
        pending_decision=""
    )
    released = []
    for declaration_id in pending.values_list("pk", flat=True):
        with transaction.atomic():
            declaration = _locked(declaration_id)
            if declaration.status not in workflow.DECIDABLE_STATUSES or not declaration.pending_decision:
                continue
            workflow.perform(declaration, _release_transition(declaration), actor, declaration.pending_comment, now)
            declaration.result_comment = declaration.pending_comment
            declaration.pending_decision = ""
            declaration.pending_comment = ""
            declaration.save(update_fields=["result_comment", "pending_decision", "pending_comment"])
            released.append(declaration)
    return released


def current_declaration(user) -> Declaration | None:
    """The applicant's latest declaration, shown on the applicant home."""
    return (
        Declaration.objects.filter(applicant=user)
        .select_related("round", "title")
        .prefetch_related("transitions")
        .order_by("-year", "-signed_up_at")
        .first()
    )
