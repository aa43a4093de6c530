"""Wagtail admin for the title catalogue and the declaration rounds (snippets, SPEC 6)."""

from django import forms
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
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


class DeclarationRoundViewSet(SnippetViewSet):
    model = DeclarationRound
    icon = "date"
    menu_label = "申报批次"
    list_display = ["name", "year", "signup_starts_at", "signup_ends_at", "results_release_at"]
    list_filter = ["year"]
    search_fields = ["name"]
    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("name")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("signup_starts_at"), FieldPanel("signup_ends_at")]),
                FieldPanel("submission_ends_at"),
                FieldRowPanel([FieldPanel("results_release_at"), FieldPanel("second_declaration_ends_at")]),
            ],
            heading="时间安排",
        ),
        MultiFieldPanel(
            [
                FieldPanel("uses_employer_step"),
                FieldRowPanel([FieldPanel("employer_publicity_workdays"), FieldPanel("correction_workdays")]),
            ],
            heading="评审环节",
        ),
        FieldPanel("titles", widget=forms.CheckboxSelectMultiple),
    ]


class DeclarationSettingsGroup(SnippetViewSetGroup):
    items = (TitleCatalogueViewSet, DeclarationRoundViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "职称申报设置"
    menu_name = "declaration-settings"
