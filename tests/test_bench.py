"""The benchmark's reading of wrk's output (bench/run.py)."""

import importlib.util
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).resolve().parents[1] / "bench" / "run.py")
bench_run = importlib.util.module_from_spec(spec)
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
