"""The benchmark's data commands, inside its environment (the same DATABASE_URL and settings as
the gunicorn server). Each prints one JSON line; bench/run.py reads it.

    python -m bench data                 # URLs and session cookies of the seed_demo data
    python -m bench scale 1000 10000     # bench/fixtures.py: grow the scale round, time two pages
    python -m bench release              # release_results on every scale declaration
    python -m bench load-prepare 200     # applicants with a complete profile, signed up
    python -m bench load-verify          # their submitted declarations, counted
"""

import json
import os
import sys


def main(argv: list[str]) -> None:
    if not argv:
        raise SystemExit(__doc__)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django

    django.setup()
    from bench import data, fixtures

    command, *rest = argv
    if command == "data":
        result = data.pages_context()
    elif command == "scale":
        result = fixtures.cmd_scale([int(n) for n in rest], int(os.environ.get("BENCH_REPEATS", "11")))
    elif command == "release":
        result = fixtures.cmd_release()
    elif command == "load-prepare":
        result = fixtures.cmd_load_prepare(int(rest[0]))
    elif command == "load-verify":
        result = fixtures.cmd_load_verify()
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
