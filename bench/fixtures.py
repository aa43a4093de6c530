"""Data the benchmark builds, measures and checks, run by `python -m bench` inside the
benchmark's environment (the same DATABASE_URL and settings as the gunicorn server); importable
once Django is set up, as the tests do.

    scale 1000 10000   grow to 1,000 then 10,000 submitted declarations, time the reviewer
                       queue and the applicant home at each size
    release            release_results on every scale declaration
    load-prepare 200   applicants with a complete profile, signed up
    load-verify        their submitted declarations, counted

Rows are made with bulk_create: users (one precomputed password hash), a basic-info entry with a
photo, a work experience, an education and a qualification (three private files), a declaration
with its snapshot and transition log, and a first-stage review for every third declaration. The
values, files, statuses and log lines come from the samples and the state machine
(`declarations.samples`, `declarations.workflow`).
"""

import datetime as dt
import os
import statistics
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.id_numbers import serial_id_number
from accounts.models import SmsMessage
from accounts.roles import REVIEWERS_GROUP
from bench.data import session_cookie
from declarations import workflow
from declarations.demo_rounds import DEMO_WINDOW, seed_catalogue
from declarations.models import (
    BasicInfo,
    Declaration,
    DeclarationRound,
    DeclarationSnapshot,
    DeclarationTransition,
    Education,
    PrivateFile,
    Qualification,
    WorkExperience,
)
from declarations.round_phases import RoundPhase, round_windows
from declarations.samples import COMPLETE_PROFILE, MINIMAL_PDF, id_photo
from declarations.snapshots import take_snapshot
from declarations.workflow import TRANSITIONS, Decision, Role, Status
from review.demo import DEMO_STAGES
from review.models import ReviewStage, StageReview

User = get_user_model()
PASSWORD = "Bench#2026load"  # noqa: S105 (the simulated applicants' password)
SCALE_ROUND = "压测批次（规模）"
SCALE_SERIAL = 100_000  # applicants of the scale round are bench100000, bench100001, ...
LOAD_SERIAL = 500_000  # applicants of the load test
QUEUE_URL = "/admin/declarations/declaration/"
HOME_URL = "/applicant/"
# Region code of the bench applicants' ID numbers, so that they never meet the demo's.
ID_REGION = "140199"


def phone(serial: int) -> str:
    return f"+86137{serial:08d}"


def shared_file(name: str, content: bytes) -> str:
    """One stored file that every bulk-made PrivateFile row of that kind points at."""
    storage = storages["private"]
    path = f"bench/{name}"
    if not storage.exists(path):
        storage.save(path, ContentFile(content))
    return path


def make_applicants(first_serial: int, count: int) -> list:
    """`count` applicants with the smallest complete profile (`declarations.samples`)."""
    password = make_password(PASSWORD)
    users = [
        User(
            username=f"bench{serial}",
            real_name=f"压测申报人{serial}",
            phone=phone(serial),
            id_number=serial_id_number(serial, region=ID_REGION),
            employer=f"山西第{serial % 97}建筑工程有限公司",
            password=password,
        )
        for serial in range(first_serial, first_serial + count)
    ]
    User.objects.bulk_create(users, batch_size=1000)
    users = list(User.objects.filter(username__in=[u.username for u in users]).order_by("pk"))
    photo, scan = id_photo(fmt="PNG"), MINIMAL_PDF
    photo_path, scan_path = shared_file("photo.png", photo), shared_file("scan.pdf", scan)

    def private_files(path, name, content_type, content):
        return [
            PrivateFile(
                owner=u, file=path, original_name=name, content_type=content_type, size=len(content), sha256=""
            )
            for u in users
        ]

    photos = private_files(photo_path, "证件照.png", "image/png", photo)
    diplomas = private_files(scan_path, "毕业证书.pdf", "application/pdf", scan)
    certificates = private_files(scan_path, "资格证书.pdf", "application/pdf", scan)
    PrivateFile.objects.bulk_create(photos + diplomas + certificates, batch_size=2000)
    BasicInfo.objects.bulk_create(
        [
            BasicInfo(
                owner=u,
                name=u.real_name,
                id_number=u.id_number,
                employer=u.employer,
                photo=photo,
                **{**COMPLETE_PROFILE["basic-info"], "phone": str(u.phone)[3:]},
            )
            for u, photo in zip(users, photos, strict=True)
        ],
        batch_size=1000,
    )
    WorkExperience.objects.bulk_create(
        [WorkExperience(owner=u, **{**COMPLETE_PROFILE["work-experience"], "employer": u.employer}) for u in users],
        batch_size=1000,
    )
    Education.objects.bulk_create(
        [
            Education(owner=u, diploma_scan=diploma, **COMPLETE_PROFILE["education"])
            for u, diploma in zip(users, diplomas, strict=True)
        ],
        batch_size=1000,
    )
    Qualification.objects.bulk_create(
        [
            Qualification(owner=u, certificate_scan=certificate, **COMPLETE_PROFILE["qualifications"])
            for u, certificate in zip(users, certificates, strict=True)
        ],
        batch_size=1000,
    )
    return users


def log_rows(
    declarations, transition: workflow.Transition, role: Role, actor=None, comment: str = "", source=None
) -> list:
    """The log lines `workflow.perform()` writes for `transition` from `source` (the transition's
    only source unless given), made for bulk_create; `actor` None is each declaration's applicant."""
    if source is None:
        (source,) = transition.sources
    return [
        DeclarationTransition(
            declaration=d,
            name=transition.name,
            from_status=source,
            to_status=transition.target_for(d.round),
            actor=actor or d.applicant,
            actor_role=role,
            comment=comment,
        )
        for d in declarations
    ]


def sign_up(users, declaration_round, status=Status.SIGNED_UP, submitted_at=None) -> list[Declaration]:
    title = declaration_round.titles.order_by("pk").first()
    declarations = Declaration.objects.bulk_create(
        [
            Declaration(
                applicant=u,
                round=declaration_round,
                title=title,
                year=declaration_round.year,
                status=status,
                submitted_at=submitted_at,
            )
            for u in users
        ],
        batch_size=1000,
    )
    if not declarations or declarations[0].pk is None:  # a database without RETURNING
        declarations = list(Declaration.objects.filter(applicant__in=users, round=declaration_round).order_by("pk"))
    if not declarations:
        return declarations
    # The first line of every log, written for real once and copied for the others.
    first = workflow.log_sign_up(declarations[0], declarations[0].applicant)
    log = [
        DeclarationTransition(
            declaration=d,
            name=first.name,
            from_status=first.from_status,
            to_status=first.to_status,
            actor=d.applicant,
            actor_role=first.actor_role,
        )
        for d in declarations[1:]
    ]
    if status != Status.SIGNED_UP:
        submit = TRANSITIONS["submit"]
        log += log_rows(declarations, submit, Role.APPLICANT, comment=submit.label)
    DeclarationTransition.objects.bulk_create(log, batch_size=2000)
    return declarations


# --- Scale: the reviewer queue and the applicant home at 1,000 and 10,000 declarations --------


def scale_round() -> DeclarationRound:
    """Last year's round, in review (submissions closed, results not yet due): its declarations
    fill the reviewers' queue without touching this year's demo round (one declaration per
    applicant per year)."""
    declaration_round = DeclarationRound.objects.filter(name=SCALE_ROUND).first()
    if declaration_round is None:
        declaration_round = DeclarationRound.objects.create(
            year=timezone.localdate().year - 1,
            name=SCALE_ROUND,
            **round_windows(RoundPhase.SUBMISSION_CLOSED, window=DEMO_WINDOW),
        )
        declaration_round.titles.set(seed_catalogue())
        ReviewStage.objects.filter(round=declaration_round).delete()
        for order, name in enumerate(DEMO_STAGES, start=1):
            ReviewStage.objects.create(round=declaration_round, order=order, name=name)
    return declaration_round


@transaction.atomic
def grow_to(total: int) -> int:
    declaration_round = scale_round()
    existing = Declaration.objects.filter(round=declaration_round).count()
    count = total - existing
    if count <= 0:
        return existing
    users = make_applicants(SCALE_SERIAL + existing, count)
    submitted_at = declaration_round.submission_ends_at - dt.timedelta(days=1)
    declarations = sign_up(users, declaration_round, Status.IN_REVIEW, submitted_at=submitted_at)
    # One snapshot taken for real, copied for the others.
    template = DeclarationSnapshot.objects.filter(declaration__round=declaration_round).first()
    copies = declarations
    if template is None:
        template = take_snapshot(declarations[0], 1)
        copies = declarations[1:]
    DeclarationSnapshot.objects.bulk_create(
        [DeclarationSnapshot(declaration=d, sequence=1, revision=1, data=template.data) for d in copies],
        batch_size=500,
    )
    reviewer = User.objects.filter(groups__name=REVIEWERS_GROUP).order_by("pk").first()
    first_stage = ReviewStage.objects.get(round=declaration_round, order=1)
    DeclarationTransition.objects.bulk_create(
        log_rows(declarations, TRANSITIONS["start_review"], Role.REVIEWER, actor=reviewer, source=Status.SUBMITTED),
        batch_size=2000,
    )
    if reviewer is not None:
        StageReview.objects.bulk_create(
            [
                StageReview(declaration=d, stage=first_stage, sequence=1, reviewer=reviewer, decision=Decision.PASS)
                for d in declarations[::3]
            ],
            batch_size=1000,
        )
    return total


def measure(client: Client, url: str, repeats: int) -> dict:
    for _ in range(2):  # warm the connection, the templates and the session
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = len(captured)  # now: the next request clears the connection's query log
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    return {"status": response.status_code, "ms": statistics.median(times) * 1000, "queries": queries}


def page_clients() -> dict[str, tuple[Client, str]]:
    applicant = f"bench{SCALE_SERIAL}"
    clients = {}
    for name, username, url in (
        ("reviewer queue", "demo_reviewer", QUEUE_URL),
        ("applicant home", applicant, HOME_URL),
    ):
        client = Client(HTTP_HOST="127.0.0.1")
        cookie = session_cookie(username)
        if cookie:
            key, value = cookie.split("=", 1)
            client.cookies[key] = value
        clients[name] = (client, url)
    return clients


def cmd_scale(sizes: list[int], repeats: int) -> dict:
    results = []
    for size in sizes:
        started = time.perf_counter()
        grow_to(size)
        built = time.perf_counter() - started
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
        pages = {name: measure(client, url, repeats) for name, (client, url) in page_clients().items()}
        results.append({"declarations": size, "build_seconds": round(built, 1), "pages": pages})
    return {"sizes": results}


# --- release_results on every declaration of the scale round ------------------------------


def cmd_release() -> dict:
    declaration_round = scale_round()
    declarations = Declaration.objects.filter(round=declaration_round)
    # Every third declaration failed, the rest passed; the results are due now.
    declarations.update(pending_decision=Decision.PASS, pending_comment="")
    Declaration.objects.filter(pk__in=_every_third(declarations)).update(
        pending_decision=Decision.FAIL, pending_comment="业绩材料不足。"
    )
    DeclarationRound.objects.filter(pk=declaration_round.pk).update(**round_windows(RoundPhase.RELEASE_DUE))
    decided = declarations.exclude(pending_decision="").count()
    fan_out = DBTaskResult.objects.filter(
        queue_name="sms", task_path__endswith="notify_passed", finished_at__isnull=True
    )
    jobs_before, waiting_before, outbox_before = (
        DBTaskResult.objects.count(),
        fan_out.count(),
        SmsMessage.objects.count(),
    )
    sent_before = SmsMessage.objects.filter(status=SmsMessage.Status.SENT).count()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        call_command("release_results", stdout=open(os.devnull, "w"))  # noqa: SIM115
        seconds = time.perf_counter() - started
    queries = len(captured)
    released = declarations.filter(released_at__isnull=False).count()
    passed = declarations.filter(status=Status.PASSED).count()
    return {
        "declarations": decided,
        "released": released,
        "passed": passed,
        "seconds": round(seconds, 2),
        "queries": queries,
        "jobs_enqueued": DBTaskResult.objects.count() - jobs_before,
        "sms_jobs_waiting": fan_out.count() - waiting_before,
        "outbox_rows_made_inline": SmsMessage.objects.count() - outbox_before,
        "sms_sent_inline": SmsMessage.objects.filter(status=SmsMessage.Status.SENT).count() - sent_before,
    }


def _every_third(declarations):
    ids = list(declarations.order_by("pk").values_list("pk", flat=True))
    return ids[::3]


# --- Load test: applicants ready to log in, edit, upload and submit -------------------------


def load_applicants():
    return User.objects.filter(username__startswith="bench5")


@transaction.atomic
def cmd_load_prepare(count: int) -> dict:
    now = timezone.now()
    declaration_round = (
        DeclarationRound.objects.filter(signup_starts_at__lte=now, submission_ends_at__gt=now)
        .exclude(name=SCALE_ROUND)
        .order_by("-signup_starts_at")
        .first()
    )
    if declaration_round is None:
        raise SystemExit("no open round: run seed_demo first")
    existing = load_applicants().count()
    users = make_applicants(LOAD_SERIAL + existing, count)
    if declaration_round.uses_employer_step:
        # The round starts with the employer's check: each applicant has chosen an approved employer.
        from employers.models import Affiliation, Employer

        employer = Employer.objects.filter(status=Employer.Status.APPROVED).order_by("pk").first()
        if employer is None:
            raise SystemExit("the open round uses the employer's check but no employer is approved: run seed_demo")
        Affiliation.objects.bulk_create([Affiliation(applicant=user, employer=employer) for user in users])
    declarations = sign_up(users, declaration_round)
    return {
        "password": PASSWORD,
        "applicants": [
            {"account": str(d.applicant.phone)[3:], "declaration": d.pk}
            for d in sorted(declarations, key=lambda d: d.pk)
        ],
    }


def cmd_load_verify() -> dict:
    per_applicant = load_applicants().annotate(
        submitted=Count("declarations", filter=Q(declarations__submitted_at__isnull=False)),
        snapshots=Count("declarations__snapshots"),
    )
    rows = list(per_applicant.values_list("submitted", "snapshots"))
    return {
        "applicants": len(rows),
        "exactly_one": sum(1 for submitted, snapshots in rows if submitted == 1 and snapshots == 1),
        "none": sum(1 for submitted, _ in rows if submitted == 0),
        "duplicated": sum(1 for submitted, snapshots in rows if submitted > 1 or snapshots > 1),
    }
