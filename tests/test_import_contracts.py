"""The import-linter contracts of pyproject.toml hold on the tree and catch a wrong-way import:
each planted import goes against one of the directions of README's Layout."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def root_packages() -> list[str]:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["root_packages"]


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - the linter of our own venv on our own tree
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def copied_tree(tmp_path_factory) -> Path:
    """The source packages and pyproject.toml, Python files only (templates and static files do
    not take part in imports)."""
    tree = tmp_path_factory.mktemp("tree")
    shutil.copy(ROOT / "pyproject.toml", tree)
    for package in root_packages():
        shutil.copytree(
            ROOT / package,
            tree / package,
            ignore=lambda directory, names: [
                n for n in names if not n.endswith(".py") and not (Path(directory) / n).is_dir()
            ],
        )
    return tree


def test_the_tree_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("accounts", "declarations.models"),  # the bottom of the chain imports nothing above it
        ("declarations", "review.models"),  # the applicant side never imports the reviewers' code
        ("declarations", "demo"),
        ("home", "accounts.models"),  # the public site stands alone
        ("search", "declarations.models"),
        ("accounts", "home.models"),
        ("workdays", "declarations.models"),  # the calendar serves every app and needs none
        ("declarations", "employers.models"),  # nothing below a chain step knows it
        ("review", "employers.models"),  # the chain's steps are independent of each other
        ("employers", "review.models"),
    ],
)
def test_a_wrong_way_import_fails_the_check(copied_tree, importer, imported):
    planted = copied_tree / importer / "wrong_way.py"
    planted.write_text(f"import {imported}  # noqa: F401\n")
    try:
        result = lint_imports(copied_tree)
    finally:
        planted.unlink()
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{importer}.wrong_way -> {imported}" in result.stdout
