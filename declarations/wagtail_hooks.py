from wagtail.snippets.models import register_snippet

from declarations.viewsets import DeclarationSettingsGroup

register_snippet(DeclarationSettingsGroup)
