"""The Wagtail dashboard panel: how many declarations of the current round are in each status."""

from wagtail.admin.ui.components import Component

from review.queue import current_round, status_counts


class RoundStatusPanel(Component):
    name = "review_round_status"
    order = 50
    template_name = "review/dashboard_panel.html"

    def get_context_data(self, parent_context=None) -> dict:
        declaration_round = current_round()
        return {
            "round": declaration_round,
            "counts": status_counts(declaration_round) if declaration_round else [],
        }
