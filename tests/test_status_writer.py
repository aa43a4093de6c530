"""`Declaration.status` has one writer, the workflow (SPEC 6): no other module of ours assigns a
status or updates it in a query."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "declarations" / "workflow"
APPS = ("accounts", "home", "declarations", "review", "search", "config", "bench", "demo")
# The SMS outbox keeps the delivery state of its own messages; that is not a declaration's status.
OTHER_STATE = re.compile(r"=\s*SmsMessage\.Status\.")
WRITES = re.compile(r"\.status\s*=(?!=)|update\([^)]*\bstatus\s*=|setattr\([^,]+,\s*[\"']status[\"']")


def _sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts or WORKFLOW in path.parents:
                continue
            yield path


def test_nothing_outside_the_workflow_writes_a_status():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if WRITES.search(line) and not OTHER_STATE.search(line)
    ]
    assert offenders == []


def test_the_pattern_catches_the_writes_it_is_meant_to():
    for line in (
        "declaration.status = Status.PASSED",
        "Declaration.objects.filter(pk=1).update(status=Status.PASSED)",
        "qs.update(released_at=now, status=target)",
        'setattr(declaration, "status", value)',
    ):
        assert WRITES.search(line), line
    for line in ("if declaration.status == Status.PASSED:", "status = models.CharField()"):
        assert not WRITES.search(line), line
