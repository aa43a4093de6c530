from wagtail.snippets.models import register_snippet

from workdays.viewsets import CalendarDayViewSet

register_snippet(CalendarDayViewSet)
