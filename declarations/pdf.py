"""The declaration form (申报表) as a PDF, drawn from the submitted snapshot with fpdf2 and an
embedded CJK font (setting PDF_FONT_PATH), so the Chinese text renders and can be extracted.
"""

from django.conf import settings
from django.utils import timezone
from fpdf import FPDF
from fpdf.fonts import FontFace

from declarations.snapshots import present_section

FONT = "cjk"
LABEL_WIDTH = 45


class DeclarationForm(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(110)
        self.cell(0, 8, f"第 {self.page_no()} 页 / 共 {{nb}} 页", align="C")


def declaration_pdf(declaration, snapshot) -> bytes:
    pdf = DeclarationForm(format="A4")
    pdf.set_title(f"{declaration.year}年度专业技术职称申报表")
    pdf.add_font(FONT, fname=settings.PDF_FONT_PATH, collection_font_number=settings.PDF_FONT_INDEX)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()

    pdf.set_font(FONT, size=17)
    pdf.cell(0, 12, "建设工程专业技术职称申报表", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    applicant = snapshot.data["applicant"]
    submitted = timezone.localtime(snapshot.created_at).strftime("%Y-%m-%d %H:%M")
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


def _pairs(pdf: FPDF, rows: list[tuple[str, str]]) -> None:
    """A two-column table of label and value; long values wrap within the cell."""
    pdf.set_font(FONT, size=10)
    pdf.set_draw_color(170, 180, 195)
    label_style = FontFace(fill_color=(232, 240, 250))
    with pdf.table(
        col_widths=(LABEL_WIDTH, pdf.epw - LABEL_WIDTH),
        width=pdf.epw,
        first_row_as_headings=False,
        text_align="LEFT",
        line_height=6,
        padding=1.5,
    ) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label, style=label_style)
            row.cell(value or "—")
