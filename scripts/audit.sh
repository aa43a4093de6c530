#!/usr/bin/env bash
# Check the pinned requirements against known vulnerabilities (pip-audit, PyPI advisory data).
# Fails when a pinned version has a known vulnerability. Where the advisory service cannot be
# reached (an offline CI), it says so plainly instead of pretending the audit passed.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(.venv/bin/pip-audit --requirement requirements.txt --progress-spinner off --desc off 2>&1)
status=$?
skipped=$(grep -c "could not be audited" <<<"$out")
if [ "$skipped" -gt 0 ]; then
    # "No known vulnerabilities found" would be misleading when packages were skipped.
    echo "$out" | sed '/^Name *Skip Reason/,$d' | grep -v "^No known vulnerabilities found"
else
    echo "$out"
fi
if [ "$status" -ne 0 ] && grep -qE "^Found [0-9]+ known vulnerabilit" <<<"$out"; then
    echo "pip-audit: known vulnerabilities in pinned requirements (see above)"
    exit 1
fi
if [ "$skipped" -gt 0 ]; then
    echo "pip-audit: WARNING: $skipped packages could not be audited (advisory service unreachable from here)"
fi
exit 0
