"""The declaration form (申报表) as a PDF, drawn from the submitted snapshot with fpdf2 and an
embedded CJK font (setting PDF_FONT_PATH), so the Chinese text renders and can be extracted.
The applicant's ID photo is read from the private storage (a directory or a bucket alike).
"""

import io
import logging

from django.conf import settings
from django.utils import timezone
from fpdf import FPDF
from fpdf.fonts import FontFace

from declarations.models import PrivateFile
from declarations.snapshots import present_section
from declarations.submission import PHOTO_FIELD

logger = logging.getLogger(__name__)

FONT = "cjk"
LABEL_WIDTH = 45
PHOTO_WIDTH, PHOTO_HEIGHT = 25, 35  # mm: a one-inch ID photo
PHOTO_GAP = 3


class DeclarationForm(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(110)
        self.cell(0, 8, f"第 {self.page_no()} 页 / 共 {{nb}} 页", align="C")


def declaration_pdf(declaration, snapshot) -> bytes:
    pdf = DeclarationForm(format="A4")
    pdf.set_title(f"{declaration.year}年度专业技术职称申报表")
    pdf.set_creator(settings.SITE_NAME)
    pdf.add_font(FONT, fname=settings.PDF_FONT_PATH, collection_font_number=settings.PDF_FONT_INDEX)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()

    pdf.set_font(FONT, size=17)
    pdf.cell(0, 12, "建设工程专业技术职称申报表", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    applicant = snapshot.data["applicant"]
    submitted = timezone.localtime(snapshot.created_at).strftime("%Y-%m-%d %H:%M")
    has_photo = _draw_photo(pdf, snapshot)
    _pairs(
        pdf,
        [
            ("姓名", applicant["real_name"]),
            ("身份证号码", applicant["id_number"]),
            ("工作单位", applicant["employer"]),
            ("申报职称", snapshot.data["title"]),
            ("申报批次", snapshot.data["round"]),
            ("提交时间", f"{submitted}（第{snapshot.sequence}次提交）"),
        ],
        width=pdf.epw - PHOTO_WIDTH - PHOTO_GAP if has_photo else None,
    )
    for data in snapshot.data["sections"]:
        section = present_section(data)
        pdf.ln(4)
        pdf.set_font(FONT, size=13)
        pdf.set_text_color(11, 74, 139)
        pdf.cell(0, 9, section["heading"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
        if not section["entries"]:
            pdf.set_font(FONT, size=10)
            pdf.cell(0, 7, "（未填写）", new_x="LMARGIN", new_y="NEXT")
        for entry in section["entries"]:
            if not section["single"]:
                pdf.set_font(FONT, size=10)
                pdf.cell(0, 7, f"第 {entry['position']} 条", new_x="LMARGIN", new_y="NEXT")
            files = [(f["label"], f["name"]) for f in entry["files"]]
            _pairs(pdf, entry["details"] + files)
    return bytes(pdf.output())


def _photo_id(snapshot) -> str | None:
    for section in snapshot.data["sections"]:
        if section["key"] == "basic-info":
            for entry in section["entries"]:
                for item in entry["files"]:
                    if item["field"] == PHOTO_FIELD:
                        return item["file_id"]
    return None


def _draw_photo(pdf: FPDF, snapshot) -> bool:
    """The submitted ID photo at the top right; False (and the form drawn without it) if the
    snapshot has none or its bytes cannot be read.
    """
    photo_id = _photo_id(snapshot)
    private_file = PrivateFile.objects.filter(pk=photo_id).first() if photo_id else None
    if private_file is None:
        return False
    try:
        with private_file.open() as handle:
            photo = io.BytesIO(handle.read())
        pdf.image(photo, x=pdf.l_margin + pdf.epw - PHOTO_WIDTH, y=pdf.get_y(), w=PHOTO_WIDTH, h=PHOTO_HEIGHT)
    except (OSError, ValueError, RuntimeError):
        logger.warning("ID photo %s could not be read for the declaration PDF", private_file.pk, exc_info=True)
        return False
    return True


def _pairs(pdf: FPDF, rows: list[tuple[str, str]], width: float | None = None) -> None:
    """A two-column table of label and value; long values wrap within the cell."""
    pdf.set_font(FONT, size=10)
    pdf.set_draw_color(170, 180, 195)
    label_style = FontFace(fill_color=(232, 240, 250))
    width = width or pdf.epw
    with pdf.table(
        col_widths=(LABEL_WIDTH, width - LABEL_WIDTH),
        width=width,
        align="LEFT",
        first_row_as_headings=False,
        text_align="LEFT",
        line_height=6,
        padding=1.5,
    ) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label, style=label_style)
            row.cell(value or "—")
