"""Row 7 of the security matrix: no shared account out of the box. (Staff TOTP before the admin
is accounts/tests/test_two_factor.py; seed_demo refusing DEBUG off without --force is
demo/tests/test_seed_demo.py.)"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db


def test_migrations_create_no_user():
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []  # fully migrated
    assert not get_user_model().objects.exists()
