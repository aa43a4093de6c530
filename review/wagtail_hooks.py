"""Registration of the 职称评审 admin: the menu (queue, stages, rounds and release), its extra
URLs and the dashboard panel. Definitions live in `admin.py`, `views.py` and `panels.py`."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from declarations.roles import may_read_declarations
from review import views
from review.admin import DeclarationQueueAdmin, ReviewStageAdmin
from review.panels import RoundStatusPanel


class RoundsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_read_declarations(request.user)


class ReviewMenuGroup(ModelAdminGroup):
    menu_label = "职称评审"
    menu_icon = "tasks"
    menu_order = 250
    menu_item_name = "review"
    items = (DeclarationQueueAdmin, ReviewStageAdmin)

    def register_indexing(self):
        # Wagtail's reference index ("usage") is of no use for declarations and stages and would
        # cost queries on every save of a declaration.
        pass

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            RoundsMenuItem("批次结果与导出", reverse("review-rounds"), icon_name="date", order=300),
        ]


modeladmin_register(ReviewMenuGroup)


@hooks.register("register_admin_urls")
def review_urls():
    return [
        path("review/rounds/", views.rounds, name="review-rounds"),
        path("review/rounds/<int:pk>/release/", views.release_round, name="review-release-round"),
        path("review/rounds/<int:pk>/export.xlsx", views.export_round, name="review-export-round"),
    ]


@hooks.register("construct_homepage_panels")
def add_round_status_panel(request, panels):
    if may_read_declarations(request.user):
        panels.append(RoundStatusPanel())
