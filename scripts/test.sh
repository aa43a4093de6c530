#!/usr/bin/env bash
# Install what the tests need and run the whole suite. TEST_DATABASE_URL selects the database
# (SQLite in memory by default), e.g. postgres://postgres@127.0.0.1:5432/zhicheng
source "$(dirname "$0")/_venv.sh"
install_requirements requirements-dev.txt
install_system_packages
export DJANGO_SETTINGS_MODULE=config.settings.test
exec .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
