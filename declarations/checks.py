"""System checks of the declarations app."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Warning, register


@register()
def pdf_font_exists(app_configs, **kwargs) -> list:
    """The declaration PDF embeds PDF_FONT_PATH; without it the PDF download fails."""
    if Path(settings.PDF_FONT_PATH).is_file():
        return []
    return [
        Warning(
            f"PDF_FONT_PATH {settings.PDF_FONT_PATH} does not exist: the declaration PDF cannot be made.",
            hint="Install Debian's fonts-noto-cjk or point PDF_FONT_PATH at a TTF/OTF/TTC with Chinese glyphs.",
            id="declarations.W001",
        )
    ]
