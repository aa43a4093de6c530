"""Wagtail admin for the title catalogue and the declaration rounds (snippets, SPEC 6)."""

import datetime as dt

from django import forms
from django.conf import settings
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from declarations.models import DeclarationRound, TitleCatalogue


class TitleCatalogueViewSet(SnippetViewSet):
    model = TitleCatalogue
    icon = "list-ul"
    menu_label = "职称目录"
    list_display = ["title_name", "series", "specialty", "level"]
    list_filter = ["series", "level", "specialty"]
    search_fields = ["title_name", "specialty", "series"]
    ordering = ["series", "sort_order", "specialty", "level"]
    panels = [
        FieldRowPanel([FieldPanel("series"), FieldPanel("specialty")]),
        FieldRowPanel([FieldPanel("level"), FieldPanel("title_name")]),
        FieldPanel("sort_order"),
    ]


class ProvinceDateTimeField(forms.DateTimeField):
    """A round's moment, typed and shown in the province's time (settings.TIME_ZONE) whatever time
    zone an administrator's Wagtail profile names, so "2026-12-01" is midnight in Beijing time, not
    UTC midnight shown as 08:00. A deadline typed as a bare date lasts to the end of that day."""

    def __init__(self, *args, end_of_day: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.end_of_day = end_of_day

    def to_python(self, value):
        with timezone.override(settings.TIME_ZONE):
            result = super().to_python(value)
        if result is not None and self.end_of_day and _is_bare_date(value):
            result = result.replace(hour=23, minute=59, second=59)
        return result

    def prepare_value(self, value):
        with timezone.override(settings.TIME_ZONE):
            return super().prepare_value(value)


def _is_bare_date(value) -> bool:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return True
    if not isinstance(value, str):
        return False
    for input_format in ("%Y-%m-%d", "%Y/%m/%d"):
        try:
            dt.datetime.strptime(value.strip(), input_format)
        except ValueError:
            continue
        return True
    return False


class DeclarationRoundForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in DeclarationRound.MOMENTS:
            old = self.fields[name]
            end_of_day = name.endswith("_ends_at")
            help_text = old.help_text
            if end_of_day:
                help_text = f"{help_text}只填日期时截止到当日 23:59。".lstrip()
            self.fields[name] = ProvinceDateTimeField(
                label=old.label, required=old.required, help_text=help_text, widget=old.widget, end_of_day=end_of_day
            )


class DeclarationRoundViewSet(SnippetViewSet):
    model = DeclarationRound
    icon = "date"
    menu_label = "申报批次"
    list_display = ["name", "year", "signup_starts_at", "signup_ends_at", "results_release_at"]
    list_filter = ["year"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("year"), FieldPanel("name")]),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("signup_starts_at"), FieldPanel("signup_ends_at")]),
                    FieldPanel("submission_ends_at"),
                    FieldRowPanel([FieldPanel("results_release_at"), FieldPanel("second_declaration_ends_at")]),
                    FieldPanel("second_results_release_at"),
                ],
                heading="时间安排（北京时间）",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("uses_employer_step"),
                    FieldRowPanel([FieldPanel("employer_publicity_workdays"), FieldPanel("correction_workdays")]),
                    FieldPanel("one_reviewer_for_all_stages"),
                ],
                heading="评审环节",
            ),
            FieldPanel("titles", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=DeclarationRoundForm,
    )


class DeclarationSettingsGroup(SnippetViewSetGroup):
    items = (TitleCatalogueViewSet, DeclarationRoundViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "职称申报设置"
    menu_name = "declaration-settings"
