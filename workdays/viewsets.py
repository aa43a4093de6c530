"""The admin table of calendar corrections (工作日调整), for administrators."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from workdays.models import CalendarDay


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = "工作日调整"
    menu_name = "calendar-days"
    add_to_settings_menu = True
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    search_fields = ["note"]
    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("note")]
