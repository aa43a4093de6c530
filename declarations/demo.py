"""Demo data of the declarations app, run by `manage.py seed_demo`."""

from declarations import demo_rounds


def seed(command) -> list:
    return demo_rounds.seed(command)
