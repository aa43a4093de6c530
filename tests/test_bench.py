"""The benchmark's reading of wrk's output, its upload file and its quick-mode verdicts (bench/)."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from declarations.uploads import check_upload

spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).resolve().parents[1] / "bench" / "run.py")
bench_run = importlib.util.module_from_spec(spec)
sys.modules["bench_run"] = bench_run  # dataclasses look their module up there
spec.loader.exec_module(bench_run)

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


def test_quick_mode_reports_throughput_below_target_without_failing_the_run():
    plan = bench_run.Plan.from_args(
        bench_run.argparse.Namespace(quick=True, db="both", seconds=10, connections=16, sizes=None, applicants=None)
    )
    report = bench_run.Report()
    report.add("API throughput", "0.30 × trivial", "≥ 0.5", passed=False, enforced=not plan.quick)
    assert not report.failed
    report.add("load: 5xx answers", "1", "0", passed=False)
    assert report.failed
    assert plan.kinds == ("postgres",) and plan.applicants == 20
