"""Benchmarks: gunicorn on 127.0.0.1 with the production settings, load from a second process.

    .venv/bin/python bench/run.py            # full run, < 10 minutes: pages on SQLite and PostgreSQL
                                             # (10 s a page), and on PostgreSQL: 1,000 → 10,000
                                             # declarations, release_results on 10,000, 200
                                             # concurrent applicants, a 10 MB upload
    .venv/bin/python bench/run.py --quick    # CI, 1–2 minutes: PostgreSQL only, 2 s a page,
                                             # 100 → 1,000 declarations, 20 applicants

Parts:
  pages    wrk against each page: requests/s, p50, p99 and the ratio to a trivial Django view
           served by the same server in the same run (seed_demo data)
  scale    the reviewer queue and the applicant home at two sizes (bench/fixtures.py through
           `python -m bench scale`): median time in process, the cost ratio and the SQL query
           count of each page
  release  `manage.py release_results` on every declaration of the scale round: time, queries,
           and that the SMS are left as queued jobs (nothing sent inline)
  load     concurrent applicants (bench/load.py): log in through the form, edit a section,
           upload a 2 MB PDF, submit; 5xx count, p50/p95 a step, and the database count of
           applicants with exactly one submitted declaration
  upload   peak memory (VmHWM) of a one-worker gunicorn before and after a 10 MB upload

The bench server raises LOGIN_IP_FAILURE_LIMIT (every simulated applicant logs in from
127.0.0.1) and turns on CAPTCHA_TEST_MODE (the answer "PASSED"); nothing else differs from
production settings. The run ends with one table of targets, PASS or FAIL; throughput and cost
ratios are only held to their targets in the full run (generous bounds in quick mode), the
correctness checks always. Exit status 1 when a target fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402

PYTHON = sys.executable
PG_SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = os.environ.get("BENCH_POSTGRES_DB", "zc_bench")
# The server listens on the first free port of this range.
_first_port, _last_port = os.environ.get("BENCH_PORTS", "8100-8199").split("-")
PORTS = range(int(_first_port), int(_last_port) + 1)
UPLOAD_MEMORY_LIMIT_MB = 20
# Seeded databases and their media, kept between runs (see setup_database).
CACHE_DIR = Path(os.environ.get("BENCH_CACHE_DIR", Path(tempfile.gettempdir()) / "zc_bench_cache"))


@dataclass(frozen=True)
class Target:
    name: str
    path: str  # may contain {placeholders} filled from `python -m bench data`
    role: str = "anonymous"  # anonymous, applicant or reviewer


TARGETS = (
    Target("trivial Django view (ceiling)", "/bench/trivial/"),
    Target("homepage", "/"),
    Target("notice listing", "{listing}"),
    Target("notice page", "{notice}"),
    Target("API /api/v2/pages/", "/api/v2/pages/"),
    Target("applicant home", "/applicant/", "applicant"),
    Target("profile section page", "/applicant/profile/work-experience/", "applicant"),
    Target("reviewer queue", "{reviewer_queue}", "reviewer"),
)


@dataclass
class Result:
    target: Target
    status: str
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0


@dataclass
class Check:
    """One line of the final table."""

    name: str
    measured: str
    goal: str
    passed: bool
    enforced: bool = True

    @property
    def verdict(self) -> str:
        if self.goal == "reported":
            return "info"
        if self.passed:
            return "PASS"
        return "FAIL" if self.enforced else "below target (not enforced in quick mode)"


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)

    def add(self, *args, **kwargs) -> None:
        self.checks.append(Check(*args, **kwargs))

    @property
    def failed(self) -> bool:
        return any(not c.passed and c.enforced for c in self.checks)


@dataclass(frozen=True)
class Plan:
    quick: bool
    kinds: tuple[str, ...]  # databases for the page benchmark
    seconds: int
    connections: int
    sizes: tuple[int, int]
    applicants: int
    load_seconds: int
    repeats: int  # timed requests a page and size in the scale part
    upload_mb: int
    api_ratio: float  # API requests/s over the trivial view's, at least
    scale_ratio: float  # page cost at the larger size over the smaller, at most

    @classmethod
    def from_args(cls, args) -> Plan:
        if args.quick:
            kinds, seconds, sizes, applicants, api_ratio, scale_ratio = ("postgres",), 2, (100, 500), 20, 0.2, 2.0
        else:
            kinds = ("sqlite", "postgres") if args.db == "both" else (args.db,)
            seconds, sizes, applicants, api_ratio, scale_ratio = args.seconds, (1000, 10_000), 200, 0.5, 1.3
        return cls(
            quick=args.quick,
            kinds=kinds,
            seconds=seconds,
            connections=args.connections,
            sizes=tuple(args.sizes or sizes),
            applicants=args.applicants or applicants,
            load_seconds=90 if args.quick else 360,
            repeats=5 if args.quick else 11,
            upload_mb=10,
            api_ratio=api_ratio,
            scale_ratio=scale_ratio,
        )


# --- wrk ------------------------------------------------------------------------------------


def parse_wrk(output: str) -> tuple[float, float, float, int]:
    def to_ms(value: str) -> float:
        match = re.match(r"([\d.]+)(us|ms|s|m)$", value)
        if match is None:  # wrk prints e.g. "-nan" when no request completed
            return float("nan")
        number, unit = match.groups()
        return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    # Percentile lines start the line ("     50%    6.01ms"); "85.50%" in the stdev column must not match.
    p50 = to_ms(re.search(r"^\s*50%\s+(\S+)", output, re.MULTILINE).group(1))
    p99 = to_ms(re.search(r"^\s*99%\s+(\S+)", output, re.MULTILINE).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def run_target(base: str, target: Target, context: dict, seconds: int, connections: int) -> Result:
    try:
        path = target.path.format(**context)
    except KeyError:
        return Result(target, "not built")
    headers = []
    if target.role != "anonymous":
        cookie = context.get(f"{target.role}_cookie")
        if not cookie:
            return Result(target, "no session")
        headers = ["-H", f"Cookie: {cookie}"]
    url = base + path
    request = urllib.request.Request(url, headers=dict([headers[1].split(": ", 1)]) if headers else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            if response.status != 200:
                return Result(target, f"HTTP {response.status}")
    except urllib.error.HTTPError as error:
        return Result(target, f"HTTP {error.code}")
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", *headers, url],
        check=True,
        text=True,
        capture_output=True,
        timeout=seconds + 30,
    ).stdout
    rps, p50, p99, errors = parse_wrk(output)
    return Result(target, "ok" if not errors else f"{errors} errors", rps, p50, p99)


# --- The server and its database ------------------------------------------------------------


def make_env(database_url: str, workdir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-" + "k" * 50,
        FIELD_ENCRYPTION_KEYS="YmVuY2gtYmVuY2gtYmVuY2gtYmVuY2gtYmVuY2gtMDE=",
        ID_NUMBER_HASH_KEY="bench-" + "h" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        MEDIA_ROOT=str(workdir / "media"),
        PRIVATE_MEDIA_ROOT=str(workdir / "private"),
        STATIC_ROOT=str(workdir / "static"),
        BENCH_TRIVIAL_VIEW="True",
        CAPTCHA_TEST_MODE="True",
        # Every simulated applicant logs in from 127.0.0.1: the per-address limit would lock them out.
        LOGIN_IP_FAILURE_LIMIT="1000000",
        LOG_LEVEL="WARNING",
        PYTHONWARNINGS="ignore",
    )
    return env


def python(env: dict, *args: str, timeout: float = 600) -> str:
    result = subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, check=True, text=True, capture_output=True, timeout=timeout
    )
    return result.stdout


def data_command(env: dict, *args: str, timeout: float = 600) -> dict:
    return json.loads(python(env, "-m", "bench", *args, timeout=timeout).strip().splitlines()[-1])


def psql(*commands: str) -> str:
    args = ["psql", f"{PG_SERVER}/postgres", "-qAt"]
    for command in commands:
        args += ["-c", command]
    return subprocess.run(args, check=True, text=True, capture_output=True).stdout


def seed_key() -> str:
    """What the seeded database depends on: migrations, demo data code, pinned requirements, the day
    (the demo round's dates are relative to today)."""
    digest = hashlib.sha256(dt.date.today().isoformat().encode())
    patterns = (
        "*/migrations/*.py",
        "*/demo*.py",
        "*/management/commands/seed_demo.py",
        "declarations/samples.py",
        "declarations/round_phases.py",
        "requirements*.txt",
    )
    for path in sorted(p for pattern in patterns for p in ROOT.glob(pattern)):
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def setup_database(kind: str, workdir: Path) -> dict:
    """Migrated and seeded database plus media: built once per seed_key() and kept as a template
    (PostgreSQL database and a copy of the media directories); later runs copy it in seconds."""
    cache = CACHE_DIR / f"{kind}-{seed_key()}"
    if kind == "sqlite":
        env = make_env(f"sqlite:///{workdir / 'bench.sqlite3'}", workdir)
    else:
        env = make_env(f"{PG_SERVER}/{PG_DATABASE}", workdir)
        psql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    template = f"{PG_DATABASE}_tpl_{cache.name.split('-')[1]}"
    if not (cache / "ready").exists():
        for stale in CACHE_DIR.glob(f"{kind}-*"):
            shutil.rmtree(stale, ignore_errors=True)
        if kind == "postgres":
            stale = psql(f"SELECT datname FROM pg_database WHERE datname LIKE '{PG_DATABASE}_tpl_%'")  # noqa: S608
            for name in stale.split():
                psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            psql(f"CREATE DATABASE {template}")
            build_env = make_env(f"{PG_SERVER}/{template}", cache)
        else:
            build_env = make_env(f"sqlite:///{cache / 'bench.sqlite3'}", cache)
        cache.mkdir(parents=True, exist_ok=True)
        python(build_env, "manage.py", "migrate", "--noinput", "-v0")
        python(build_env, "manage.py", "seed_demo", "--force")
        (cache / "ready").touch()
    for name in ("media", "private", "bench.sqlite3"):
        source = cache / name
        if source.is_dir():
            shutil.copytree(source, workdir / name)
        elif source.exists():
            shutil.copy2(source, workdir / name)
    if kind == "postgres":
        psql(f"CREATE DATABASE {PG_DATABASE} TEMPLATE {template}")
    return env


def drop_database(kind: str) -> None:
    if kind == "postgres":
        psql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (local benchmark server)
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not come up at {url}")


@contextmanager
def serve(env: dict, workers: int = 2):
    """gunicorn with the production settings; yields (base URL, master pid)."""
    port = free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
            "config.wsgi",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/health/")
        yield base, server.pid
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


# --- Parts ----------------------------------------------------------------------------------


def bench_pages(base: str, env: dict, plan: Plan) -> list[Result]:
    context = data_command(env, "data")
    return [run_target(base, t, context, plan.seconds, plan.connections) for t in TARGETS]


def bench_load(base: str, env: dict, plan: Plan) -> tuple[dict, dict]:
    prepared = data_command(env, "load-prepare", str(plan.applicants))
    result = load.run(base, prepared["applicants"], prepared["password"], plan.load_seconds)
    return result, data_command(env, "load-verify")


def vm_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{key} not in /proc/{pid}/status")


def worker_pids(master: int) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                pids.append(int(stat.parent.name))
        if pids:
            return pids
        time.sleep(0.2)
    raise RuntimeError("gunicorn started no worker")


def bench_upload(env: dict, plan: Plan, extra_env: dict | None = None) -> dict:
    """Peak memory of a one-worker server before and after one upload of `plan.upload_mb` MB."""
    spare = data_command(env, "load-prepare", "1")
    with serve({**env, **(extra_env or {})}, workers=1) as (base, master):
        [worker] = worker_pids(master)
        browser = load.Browser(base, timeout=120)
        browser.login(spare["applicants"][0]["account"], spare["password"])
        pdf = {"diploma_scan": ("warm.pdf", load.pdf_of_size(512 * 1024), "application/pdf")}
        for _ in range(3):  # the same code path with a small file: imports and caches settle first
            browser.add_entry("warm-up", "education", load.EDUCATION, files=pdf)
        # Reset the worker's high-water mark to its current size, so that the peak measured next
        # is this upload's own and not one left by start-up or the warm-up requests.
        Path(f"/proc/{worker}/clear_refs").write_text("5")
        before = vm_kb(worker, "VmHWM")
        big = {"diploma_scan": ("big.pdf", load.pdf_of_size(plan.upload_mb * 1024 * 1024), "application/pdf")}
        browser.add_entry(f"{plan.upload_mb} MB upload", "education", load.EDUCATION, files=big)
        after = vm_kb(worker, "VmHWM")
    return {"before_mb": before / 1024, "after_mb": after / 1024, "increase_mb": (after - before) / 1024}


def bench_database(kind: str, plan: Plan, report: Report) -> None:
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{kind}-"))
    try:
        started = time.monotonic()
        env = setup_database(kind, workdir)
        python(env, "manage.py", "collectstatic", "--noinput", "-v0")
        print(f"\n## {kind}: database ready in {time.monotonic() - started:.0f} s", flush=True)
        full_checks = kind == "postgres"
        with serve(env) as (base, _master):
            pages = bench_pages(base, env, plan)
            print_pages(kind, pages, plan, report)
            if full_checks:
                print_load(*bench_load(base, env, plan), report)
        if full_checks:
            scale_env = {**env, "BENCH_REPEATS": str(plan.repeats)}
            print_scale(data_command(scale_env, "scale", *map(str, plan.sizes)), plan, report)
            print_release(data_command(env, "release"), report)
            print_upload(bench_upload(env, plan), plan, report)
            if not plan.quick:  # the same upload held in memory: shows what the measurement would catch
                control = bench_upload(env, plan, {"FILE_UPLOAD_MAX_MEMORY_SIZE": str(64 * 1024 * 1024)})
                print(
                    f"Control, FILE_UPLOAD_MAX_MEMORY_SIZE raised to 64 MB so that the upload is held in memory: "
                    f"+{control['increase_mb']:.1f} MB."
                )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        drop_database(kind)


# --- Output ---------------------------------------------------------------------------------


def print_pages(kind: str, results: list[Result], plan: Plan, report: Report) -> None:
    ceiling = next((r.rps for r in results if r.target.path == "/bench/trivial/" and r.rps), 0.0)
    print(f"\n### Pages on {kind} (wrk, {plan.seconds} s a page, {plan.connections} connections)\n")
    print("| page | status | req/s | p50 ms | p99 ms | ratio to trivial view |")
    print("|---|---|---:|---:|---:|---:|")
    for r in results:
        ratio = f"{r.rps / ceiling:.2f}" if ceiling and r.rps else "-"
        print(f"| {r.target.name} | {r.status} | {r.rps:.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {ratio} |")
    bad = [f"{r.target.name}: {r.status}" for r in results if r.status not in {"ok", "not built"}]
    report.add(f"pages answer 200 ({kind})", "; ".join(bad) or "all ok", "no errors", not bad)
    api = next(r for r in results if r.target.path == "/api/v2/pages/")
    ratio = api.rps / ceiling if ceiling else 0.0
    report.add(
        f"API /api/v2/pages/ throughput ({kind})",
        f"{ratio:.2f} × trivial",
        f"≥ {plan.api_ratio} × trivial",
        ratio >= plan.api_ratio,
        enforced=not plan.quick or ratio < plan.api_ratio,
    )


def print_scale(data: dict, plan: Plan, report: Report) -> None:
    small, large = data["sizes"]
    print(f"\n### Scale: {small['declarations']:,} → {large['declarations']:,} submitted declarations\n")
    print(f"Built in {small['build_seconds']} s and {large['build_seconds']} s (bulk_create).\n")
    print("| page | ms at small | ms at large | cost ratio | queries at small | queries at large |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, first in small["pages"].items():
        second = large["pages"][name]
        ratio = second["ms"] / first["ms"]
        print(
            f"| {name} | {first['ms']:.1f} | {second['ms']:.1f} | {ratio:.2f} | {first['queries']} | "
            f"{second['queries']} |"
        )
        sizes = f"{large['declarations']:,}/{small['declarations']:,}"
        report.add(
            f"{name}: cost ratio {sizes}",
            f"{ratio:.2f}",
            f"≤ {plan.scale_ratio}",
            ratio <= plan.scale_ratio and first["status"] == second["status"] == 200,
            enforced=not plan.quick,
        )
        report.add(
            f"{name}: SQL queries at both sizes",
            f"{first['queries']} and {second['queries']}",
            "equal",
            first["queries"] == second["queries"],
        )


def print_release(data: dict, report: Report) -> None:
    print(f"\n### release_results on {data['declarations']:,} decided declarations\n")
    print(
        f"{data['released']:,} released ({data['passed']:,} passed) in {data['seconds']} s with "
        f"{data['queries']} SQL queries; {data['jobs_enqueued']} jobs enqueued on the database queue "
        f"({data['sms_jobs_waiting']} SMS fan-out jobs waiting for the worker); outbox rows made inline: "
        f"{data['outbox_rows_made_inline']}; SMS sent inline: {data['sms_sent_inline']}."
    )
    report.add(
        "release_results: everything released, batched",
        f"{data['released']:,}/{data['declarations']:,} in {data['seconds']} s, {data['queries']} queries",
        "all released; queries < declarations / 10",
        data["released"] == data["declarations"] > 0 and data["queries"] < data["declarations"] / 10,
    )
    queued = data["sms_jobs_waiting"] > 0 and data["outbox_rows_made_inline"] == 0 and data["sms_sent_inline"] == 0
    report.add(
        "release_results: SMS queued, not sent inline",
        f"{data['sms_jobs_waiting']} jobs queued, {data['sms_sent_inline']} sent",
        "jobs queued, 0 sent",
        queued,
    )


def print_load(result: dict, verify: dict, report: Report) -> None:
    print(
        f"\n### Load: {result['applicants']} concurrent applicants (log in, edit, upload 2 MB, submit)\n\n"
        f"{result['completed']} completed in {result['seconds']} s, {result['requests']} requests, "
        f"{result['server_errors']} answered 5xx, {result['failure_count']} failed, "
        f"{result['timed_out']} still running at the time limit.\n"
    )
    for failure in result["failures"]:
        print(f"- {failure}")
    print("| step | done | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for step, row in result["steps"].items():
        print(f"| {step} | {row['count']} | {row['p50_ms']:.0f} | {row['p95_ms']:.0f} |")
    print(
        f"\nIn the database: {verify['exactly_one']} of {verify['applicants']} applicants have exactly one "
        f"submitted declaration; {verify['none']} none, {verify['duplicated']} more than one."
    )
    report.add("load: 5xx answers", str(result["server_errors"]), "0", result["server_errors"] == 0)
    report.add(
        "load: one submitted declaration per applicant",
        f"{verify['exactly_one']}/{result['applicants']} (lost {verify['none']}, duplicated {verify['duplicated']})",
        "all, none lost or duplicated",
        verify["exactly_one"] == verify["applicants"] == result["applicants"] and verify["duplicated"] == 0,
    )
    p95 = max((row["p95_ms"] for row in result["steps"].values()), default=math.nan)
    report.add("load: slowest step p95", f"{p95:.0f} ms", "reported", True)


def print_upload(data: dict, plan: Plan, report: Report) -> None:
    print(
        f"\n### Upload of {plan.upload_mb} MB to a one-worker gunicorn\n\n"
        f"Worker peak memory (VmHWM) {data['before_mb']:.1f} MB before, {data['after_mb']:.1f} MB after: "
        f"+{data['increase_mb']:.1f} MB."
    )
    report.add(
        f"{plan.upload_mb} MB upload: worker peak memory growth",
        f"+{data['increase_mb']:.1f} MB",
        f"< {UPLOAD_MEMORY_LIMIT_MB} MB",
        data["increase_mb"] < UPLOAD_MEMORY_LIMIT_MB,
    )


def print_report(report: Report, plan: Plan, seconds: float) -> None:
    mode = "quick" if plan.quick else "full"
    print(f"\n### Targets ({mode} run, {seconds / 60:.1f} minutes)\n")
    print("| target | measured | goal | result |")
    print("|---|---|---|---|")
    for c in report.checks:
        print(f"| {c.name} | {c.measured} | {c.goal} | {c.verdict} |")
    print(f"\nRESULT: {'FAIL' if report.failed else 'PASS'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="CI: PostgreSQL only, small data, short runs")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both", help="full run only")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration a page (full run)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--sizes", type=int, nargs=2, metavar=("SMALL", "LARGE"), help="declarations, two sizes")
    parser.add_argument("--applicants", type=int, help="concurrent applicants of the load test")
    plan = Plan.from_args(parser.parse_args())
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    started = time.monotonic()
    report = Report()
    for kind in plan.kinds:
        bench_database(kind, plan, report)
    print_report(report, plan, time.monotonic() - started)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
