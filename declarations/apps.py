from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "declarations"
    verbose_name = "职称申报"

    def ready(self) -> None:
        from declarations import checks  # noqa: F401 - registers the system checks
