from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "门户网站"

    def ready(self) -> None:
        from . import signals

        signals.connect()
