"""Data the benchmark builds, measures and checks inside the benchmark's environment (the same
DATABASE_URL and settings as the gunicorn server). Each command prints one JSON line:

    python bench/fixtures.py scale 1000 10000   # grow to 1,000 then 10,000 submitted declarations,
                                                # time the reviewer queue and the applicant home
    python bench/fixtures.py release            # release_results on every scale declaration
    python bench/fixtures.py load-prepare 200   # applicants with a complete profile, signed up
    python bench/fixtures.py load-verify        # their submitted declarations, counted

Rows are made with bulk_create: users (one precomputed password hash), a basic-info entry with a
photo, a work experience, an education and a qualification (three private files), a declaration
with its snapshot and transition log, and a first-stage review for every third declaration.
"""

import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import storages  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from accounts.models import SmsMessage  # noqa: E402
from accounts.validators import check_digit  # noqa: E402
from bench.data import session_cookie  # noqa: E402
from declarations.demo_rounds import seed_catalogue  # noqa: E402
from declarations.models import (  # noqa: E402
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
from declarations.snapshots import take_snapshot  # noqa: E402
from declarations.workflow import Decision, Status  # noqa: E402
from review.models import ReviewStage, StageReview  # noqa: E402

User = get_user_model()
PASSWORD = "Bench#2026load"  # noqa: S105 (the simulated applicants' password)
SCALE_ROUND = "压测批次（规模）"
SCALE_SERIAL = 100_000  # applicants of the scale round are bench100000, bench100001, ...
LOAD_SERIAL = 500_000  # applicants of the load test
QUEUE_URL = "/admin/declarations/declaration/"
HOME_URL = "/applicant/"
PHOTO_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SCAN_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def id_number(serial: int) -> str:
    # Birth date and sequence digits together are unique for serials below 20 million.
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=serial % 20_000)
    first17 = f"140199{birth:%Y%m%d}{serial // 20_000 % 1000:03d}"
    return first17 + check_digit(first17)


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
    password = make_password(PASSWORD)
    users = [
        User(
            username=f"bench{serial}",
            real_name=f"压测申报人{serial}",
            phone=phone(serial),
            id_number=id_number(serial),
            employer=f"山西第{serial % 97}建筑工程有限公司",
            password=password,
        )
        for serial in range(first_serial, first_serial + count)
    ]
    User.objects.bulk_create(users, batch_size=1000)
    users = list(User.objects.filter(username__in=[u.username for u in users]).order_by("pk"))
    photo_path, scan_path = shared_file("photo.png", PHOTO_PNG), shared_file("scan.pdf", SCAN_PDF)

    def private_file(owner, path, name, content_type, content):
        return PrivateFile(
            owner=owner, file=path, original_name=name, content_type=content_type, size=len(content), sha256=""
        )

    photos = [private_file(u, photo_path, "证件照.png", "image/png", PHOTO_PNG) for u in users]
    diplomas = [private_file(u, scan_path, "毕业证书.pdf", "application/pdf", SCAN_PDF) for u in users]
    certificates = [private_file(u, scan_path, "资格证书.pdf", "application/pdf", SCAN_PDF) for u in users]
    PrivateFile.objects.bulk_create(photos + diplomas + certificates, batch_size=2000)
    BasicInfo.objects.bulk_create(
        [
            BasicInfo(
                owner=u,
                name=u.real_name,
                sex="M",
                birth_date=dt.date(1985, 3, 12),
                id_number=u.id_number,
                political_status="masses",
                phone=str(u.phone)[3:],
                employer=u.employer,
                employer_type="state_owned",
                specialty="建筑工程",
                work_start_date=dt.date(2008, 7, 1),
                mailing_address="太原市迎泽大街1号",
                photo=photo,
            )
            for u, photo in zip(users, photos, strict=True)
        ],
        batch_size=1000,
    )
    WorkExperience.objects.bulk_create(
        [
            WorkExperience(
                owner=u,
                start_date=dt.date(2008, 7, 1),
                employer=u.employer,
                technical_work="房屋建筑施工技术管理",
                post="技术员",
                reference_person="王工",
            )
            for u in users
        ],
        batch_size=1000,
    )
    Education.objects.bulk_create(
        [
            Education(
                owner=u,
                level="bachelor",
                degree="bachelor",
                school="太原理工大学",
                major="土木工程",
                graduation_date=dt.date(2008, 6, 30),
                study_years=4,
                certificate_number="101121200805000123",
                diploma_scan=scan,
            )
            for u, scan in zip(users, diplomas, strict=True)
        ],
        batch_size=1000,
    )
    Qualification.objects.bulk_create(
        [
            Qualification(
                owner=u,
                title="助理工程师",
                level="junior",
                specialty="建筑工程",
                obtained_date=dt.date(2012, 12, 1),
                obtained_by="evaluation",
                approving_body="山西省住房和城乡建设厅",
                certificate_number="ZC2012001",
                certificate_scan=scan,
            )
            for u, scan in zip(users, certificates, strict=True)
        ],
        batch_size=1000,
    )
    return users


def transition(declaration, name, from_status, to_status, actor, role, comment=""):
    return DeclarationTransition(
        declaration=declaration,
        name=name,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        actor_role=role,
        comment=comment,
    )


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
    log = [transition(d, "sign_up", "", Status.SIGNED_UP, d.applicant, "applicant") for d in declarations]
    if status != Status.SIGNED_UP:
        log += [
            transition(d, "submit", Status.SIGNED_UP, Status.SUBMITTED, d.applicant, "applicant", "确认提交")
            for d in declarations
        ]
    DeclarationTransition.objects.bulk_create(log, batch_size=2000)
    return declarations


# --- Scale: the reviewer queue and the applicant home at 1,000 and 10,000 declarations --------


def scale_round() -> DeclarationRound:
    """Last year's round, already in review: its declarations fill the reviewers' queue without
    touching this year's demo round (one declaration per applicant per year)."""
    now = timezone.now()
    declaration_round = DeclarationRound.objects.filter(name=SCALE_ROUND).first()
    if declaration_round is None:
        start = now - dt.timedelta(days=90)
        declaration_round = DeclarationRound.objects.create(
            year=timezone.localdate().year - 1,
            name=SCALE_ROUND,
            signup_starts_at=start,
            signup_ends_at=start + dt.timedelta(days=30),
            submission_ends_at=start + dt.timedelta(days=45),
            results_release_at=now + dt.timedelta(days=30),
            second_declaration_ends_at=now + dt.timedelta(days=45),
        )
        declaration_round.titles.set(seed_catalogue())
        ReviewStage.objects.filter(round=declaration_round).delete()
        for order, name in enumerate(("初审", "复审"), start=1):
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
    now = timezone.now()
    declarations = sign_up(users, declaration_round, Status.IN_REVIEW, submitted_at=now - dt.timedelta(days=40))
    template = DeclarationSnapshot.objects.filter(declaration__round=declaration_round).first()
    if template is None:
        template = take_snapshot(declarations[0], 1)
        declarations = declarations[1:]
    DeclarationSnapshot.objects.bulk_create(
        [DeclarationSnapshot(declaration=d, sequence=1, data=template.data) for d in declarations], batch_size=500
    )
    reviewer = User.objects.filter(groups__name="Reviewers").order_by("pk").first()
    first_stage = ReviewStage.objects.get(round=declaration_round, order=1)
    DeclarationTransition.objects.bulk_create(
        [
            transition(d, "start_review", Status.SUBMITTED, Status.IN_REVIEW, reviewer, "reviewer")
            for d in declarations
        ],
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
    now = timezone.now()
    declarations = Declaration.objects.filter(round=declaration_round)
    # Every third declaration failed, the rest passed; the results are due now.
    declarations.update(pending_decision=Decision.PASS, pending_comment="")
    Declaration.objects.filter(pk__in=_every_third(declarations)).update(
        pending_decision=Decision.FAIL, pending_comment="业绩材料不足。"
    )
    DeclarationRound.objects.filter(pk=declaration_round.pk).update(results_release_at=now - dt.timedelta(minutes=1))
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


def main(argv: list[str]) -> None:
    command, *rest = argv
    if command == "scale":
        repeats = int(os.environ.get("BENCH_REPEATS", "11"))
        result = cmd_scale([int(n) for n in rest], repeats)
    elif command == "release":
        result = cmd_release()
    elif command == "load-prepare":
        result = cmd_load_prepare(int(rest[0]))
    elif command == "load-verify":
        result = cmd_load_verify()
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
