"""The benchmark's own code (bench/): its reading of wrk's output, the verdicts of its final table,
its upload file, and the data it builds, run here against the test database."""

import argparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import REVIEWERS_GROUP
from accounts.tests.factories import StaffFactory
from bench import fixtures
from bench import run as bench_run
from declarations import submission
from declarations.models import Declaration
from declarations.tests.factories import RoundFactory
from declarations.uploads import check_upload
from declarations.workflow import Status

WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     6.56ms    3.22ms  41.23ms   85.50%
    Req/Sec     1.15k   120.33     1.33k    70.00%
  Latency Distribution
     50%  980.00us
     75%    7.60ms
     90%    9.12ms
     99%    1.20s
  4600 requests in 2.00s, 1.2MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   2300.00
"""


def plan(quick: bool) -> bench_run.Plan:
    return bench_run.Plan.from_args(
        argparse.Namespace(quick=quick, db="both", seconds=10, connections=16, sizes=None, applicants=None)
    )


def test_percentiles_come_from_the_distribution_not_the_stdev_column():
    rps, p50, p99, errors = bench_run.parse_wrk(WRK_OUTPUT)
    assert rps == 2300.0
    assert p50 == pytest.approx(0.98)
    assert p99 == pytest.approx(1200.0)
    assert errors == 3


def test_upload_pdf_has_the_exact_size_and_passes_the_pdf_checks():
    pdf = bench_run.load.pdf_of_size(2 * 1024 * 1024)
    assert len(pdf) == 2 * 1024 * 1024
    checked = check_upload(SimpleUploadedFile("scan.pdf", pdf, "application/pdf"))
    assert checked.size == len(pdf)


def test_quick_mode_is_the_postgresql_run_with_twenty_applicants():
    quick = plan(quick=True)
    assert quick.kinds == ("postgres",) and quick.applicants == 20 and quick.sizes == (100, 500)
    assert quick.rounds >= 3 and quick.worker_classes("postgres") == ("gthread",)


def test_the_full_run_measures_both_worker_classes_in_three_rounds_or_more():
    full = plan(quick=False)
    assert full.rounds >= 3
    assert full.worker_classes("postgres") == ("gthread", "sync")


def test_a_page_is_read_against_the_bare_view_of_its_own_round(capsys):
    bare, home = bench_run.TARGETS[0], bench_run.TARGETS[1]
    samples = [bench_run.Sample(rps, 1.0, 2.0, 3.0, ratio) for rps, ratio in ((100, 0.1), (300, 0.2), (200, 0.5))]
    result = bench_run.Result(home, "ok", samples)
    assert result.rps == 200 and result.ratio == 0.2  # medians of each column
    report = bench_run.Report()
    bench_run.print_pages("postgres, gthread", [bench_run.Result(bare, "ok", samples), result], plan(False), report)
    assert "| homepage | ok | 200 |" in capsys.readouterr().out
    assert report.failed  # 0.2 × bare is below the anonymous pages' 0.5 in the full run


def test_server_cpu_is_read_from_proc():
    import os

    assert bench_run.cpu_seconds([os.getpid()]) > 0


# --- The verdicts, from the functions that print the final table --------------------------------


def pages(api_ratio: float) -> list[bench_run.Result]:
    bare, api = (
        next(t for t in bench_run.TARGETS if t.path == path) for path in ("/bench/trivial/", "/api/v2/pages/")
    )

    def rounds(ratio):
        return [bench_run.Sample(1000.0 * ratio, 5.0, 9.0, 1.0, ratio) for _ in range(3)]

    return [bench_run.Result(bare, "ok", rounds(1.0)), bench_run.Result(api, "ok", rounds(api_ratio))]


@pytest.mark.parametrize(
    ("quick", "ratio", "failed"),
    [(True, 0.3, False), (False, 0.3, True), (True, 0.1, True), (False, 0.6, False)],
)
def test_api_throughput_is_held_to_the_bound_of_its_mode(quick, ratio, failed, capsys):
    report = bench_run.Report()
    bench_run.print_pages("postgres", pages(ratio), plan(quick), report)
    assert report.failed is failed


def test_a_page_error_fails_the_run_in_quick_mode_too(capsys):
    results = pages(1.0)
    results[1].status = "3 errors"
    report = bench_run.Report()
    bench_run.print_pages("postgres", results, plan(quick=True), report)
    assert report.failed


def scale(large_ms: float, large_queries: int) -> dict:
    def size(declarations, ms, queries):
        page = {"status": 200, "ms": ms, "queries": queries}
        return {"declarations": declarations, "build_seconds": 1.0, "pages": {"reviewer queue": page}}

    return {"sizes": [size(100, 10.0, 24), size(500, large_ms, large_queries)]}


def test_quick_mode_reports_a_cost_ratio_above_target_without_failing_the_run(capsys):
    quick, full = bench_run.Report(), bench_run.Report()
    bench_run.print_scale(scale(large_ms=25.0, large_queries=24), plan(quick=True), quick)
    bench_run.print_scale(scale(large_ms=25.0, large_queries=24), plan(quick=False), full)
    assert not quick.failed and full.failed
    assert "not enforced" in quick.checks[0].verdict


def test_more_queries_at_the_larger_size_fail_the_run_in_either_mode(capsys):
    report = bench_run.Report()
    bench_run.print_scale(scale(large_ms=10.0, large_queries=25), plan(quick=True), report)
    assert report.failed


@pytest.mark.parametrize(("queries", "sent_inline", "failed"), [(40, 0, False), (60, 0, True), (40, 1, True)])
def test_release_must_be_batched_and_leave_the_sms_queued(queries, sent_inline, failed, capsys):
    data = {
        "declarations": 500,
        "released": 500,
        "passed": 333,
        "seconds": 1.0,
        "queries": queries,
        "jobs_enqueued": 1,
        "sms_jobs_waiting": 1,
        "outbox_rows_made_inline": 0,
        "sms_sent_inline": sent_inline,
    }
    report = bench_run.Report()
    bench_run.print_release(data, report)
    assert report.failed is failed


# --- The data (bench/fixtures.py) -------------------------------------------------------------


@pytest.fixture
def bench_reviewer(db):
    return StaffFactory(group=REVIEWERS_GROUP)


def test_scale_round_fills_the_queue_with_declarations_in_review_and_a_consistent_log(bench_reviewer):
    assert fixtures.grow_to(4) == 4

    declarations = Declaration.objects.filter(round=fixtures.scale_round()).prefetch_related("transitions")
    assert declarations.count() == 4
    for declaration in declarations:
        assert declaration.status == Status.IN_REVIEW
        assert declaration.snapshots.count() == 1
        log = sorted(declaration.transitions.all(), key=lambda row: row.pk)
        assert log[0].from_status == "" and log[0].to_status == Status.SIGNED_UP
        assert [row.from_status for row in log[1:]] == [row.to_status for row in log[:-1]]
        assert log[-1].to_status == declaration.status
    assert fixtures.StageReview.objects.filter(declaration__in=declarations).count() == 2  # every third


def test_release_releases_every_scale_declaration_and_queues_the_pass_sms(bench_reviewer):
    fixtures.grow_to(3)

    result = fixtures.cmd_release()

    assert result["released"] == result["declarations"] == 3
    assert result["passed"] == 2  # the first of every three failed
    assert result["sms_jobs_waiting"] >= 1
    assert result["outbox_rows_made_inline"] == result["sms_sent_inline"] == 0


def test_load_applicants_can_submit_and_are_counted_once(db):
    RoundFactory(signup_open=True)

    prepared = fixtures.cmd_load_prepare(2)
    first = Declaration.objects.get(pk=prepared["applicants"][0]["declaration"])
    submission.submit(first.pk, first.applicant, pledge=True)

    assert first.applicant.check_password(prepared["password"])
    assert fixtures.cmd_load_verify() == {"applicants": 2, "exactly_one": 1, "none": 1, "duplicated": 0}
