"""Throughput benchmark: gunicorn (2 workers) on 127.0.0.1, load from wrk in a second process.

    .venv/bin/python bench/run.py                 # full run: SQLite and PostgreSQL, 10 s a page
    .venv/bin/python bench/run.py --quick         # CI: small data, 2 s a page, SQLite only

Prints requests/s, p50 and p99 for each page and its ratio to a trivial Django view served by
the same server in the same run, on the seed_demo data.
"""

import argparse
import json
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")


@dataclass(frozen=True)
class Target:
    name: str
    path: str  # may contain {placeholders} filled from bench/data.py's output
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout if capture else ""


def prepare_database(kind: str, workdir: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    name = "zhicheng_bench"
    subprocess.run(
        ["psql", f"{PG_SERVER}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"],
        check=True,
    )
    return f"{PG_SERVER}/{name}"


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (local benchmark server)
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not come up at {url}")


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
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            if response.status != 200:
                return Result(target, f"HTTP {response.status}")
    except urllib.error.HTTPError as error:
        return Result(target, f"HTTP {error.code}")
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *headers, url],
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    rps, p50, p99, errors = parse_wrk(output)
    return Result(target, "ok" if not errors else f"{errors} errors", rps, p50, p99)


def bench_database(kind: str, args) -> list[Result]:
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{kind}-"))
    env = make_env(prepare_database(kind, workdir), workdir)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "seed_demo", "--force")
    data_output = subprocess.run(
        [PYTHON, "bench/data.py"],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    context = json.loads(data_output.strip().splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning", "config.wsgi"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/health/")
        return [run_target(base, t, context, args.seconds, args.connections) for t in TARGETS]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        shutil.rmtree(workdir, ignore_errors=True)


def print_table(kind: str, results: list[Result]) -> None:
    ceiling = next((r.rps for r in results if r.target.path == "/bench/trivial/" and r.rps), 0.0)
    print(f"\n### {kind}\n")
    print("| page | status | req/s | p50 ms | p99 ms | ratio to trivial view |")
    print("|---|---|---:|---:|---:|---:|")
    for r in results:
        ratio = f"{r.rps / ceiling:.2f}" if ceiling and r.rps else "-"
        print(f"| {r.target.name} | {r.status} | {r.rps:.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {ratio} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small data, short runs, SQLite only (CI)")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if args.quick:
        args.db, args.seconds = "sqlite", 2
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    failed = False
    for kind in kinds:
        results = bench_database(kind, args)
        print_table(kind, results)
        failed |= any(r.status not in {"ok", "not built"} for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
