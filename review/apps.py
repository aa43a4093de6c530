from django.apps import AppConfig
from django.db.models.signals import post_save


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "职称评审"

    def ready(self) -> None:
        import review.sms  # noqa: F401 (registers the 审核通过 SMS template)
        from declarations.models import DeclarationRound
        from declarations.results import register_provider
        from review.log import released_records

        # Released results reach the applicant pages through declarations.results.
        register_provider(released_records)
        post_save.connect(_default_stage, sender=DeclarationRound, dispatch_uid="review_default_stage")


def _default_stage(sender, instance, created, raw=False, **kwargs) -> None:
    """Every new round starts with the single default stage 厅审核 (SPEC 7)."""
    if created and not raw:
        from review.stages import ensure_stages

        ensure_stages(instance)
