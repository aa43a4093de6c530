from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "employers"
    verbose_name = "用人单位"

    def ready(self):
        # The employer's check joins the one state machine: its actor, its entry condition, its
        # panel on 基本信息 and its SMS texts.
        from declarations import panels, workflow
        from declarations.workflow import StepKind
        from employers import access, affiliation, sms, views  # noqa: F401

        workflow.register_role_provider(access.employer_roles)
        workflow.chain.register_entry_check(StepKind.EMPLOYER_CHECK, affiliation.entry_refusal)
        panels.register(affiliation.BASIC_INFO, views.affiliation_panel)
