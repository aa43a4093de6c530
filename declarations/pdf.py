"""The declaration form (申报表) as a PDF, drawn from the submitted snapshot with fpdf2 and an
embedded CJK font (setting PDF_FONT_PATH), so the Chinese text renders and can be extracted.

It has what a provincial 评审表 has: a page header with the round and the title, the applicant's
data section by section (headed 一、二、… rather than the manual's 2.2.x), attachments listed by
their Chinese label, the integrity pledge (诚信承诺) with signature and date lines, the employer's
opinion and seal box (单位意见), the reviewing department's opinion box, and 第 n 页 共 m 页.

The form is drawn once per snapshot (`declarations.downloads.stored_form_pdf` keeps it). The CJK
face is cut down once per machine to the characters of GB 2312 and common punctuation (a file in
PDF_FONT_CACHE_DIR, read once per process), which makes each form cheap; a form with a character
outside that set is drawn again with the whole face. The applicant's ID photo is read from the
private storage (a directory or a bucket alike).
"""

import functools
import hashlib
import io
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from fontTools import subset, ttLib
from fpdf import FPDF
from fpdf.fonts import FontFace

from declarations.models import PrivateFile
from declarations.submission import PHOTO_FIELD, PLEDGE_TEXT

logger = logging.getLogger(__name__)

FONT = "cjk"
FORM_TITLE = "建设工程专业技术职称申报表"
LABEL_WIDTH = 45
PHOTO_WIDTH, PHOTO_HEIGHT = 25, 35  # mm: a one-inch ID photo
PHOTO_GAP = 3
OPINION_BOX_HEIGHT = 48  # mm: room for a handwritten opinion, a seal and a signature
CHINESE_NUMERALS = "一二三四五六七八九十"
# Bump when the character set below changes, so that cached faces are cut again.
FONT_SUBSET_VERSION = "1"


def _subset_characters() -> set[int]:
    """ASCII, general and CJK punctuation, full-width forms and every character of GB 2312
    (6,763 hanzi and its symbols): what nearly every form needs."""
    characters = {*range(0x20, 0x7F), *range(0x2000, 0x2070), *range(0x3000, 0x3040), *range(0xFF00, 0xFFF0)}
    for first in range(0xA1, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                characters.add(ord(bytes((first, second)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return characters


@functools.cache
def form_font() -> Path:
    """The cut-down face, made at most once per machine and font (keyed by the font file's path,
    size, time and face) and looked up at most once per process."""
    source = Path(settings.PDF_FONT_PATH)
    stat = source.stat()
    key = f"{source.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:{settings.PDF_FONT_INDEX}:{FONT_SUBSET_VERSION}"
    directory = Path(settings.PDF_FONT_CACHE_DIR or Path(tempfile.gettempdir()) / "zhicheng-pdf-fonts")
    target = directory / f"{source.stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.otf"
    if target.exists():
        return target
    directory.mkdir(parents=True, exist_ok=True)
    font = ttLib.TTFont(source, fontNumber=settings.PDF_FONT_INDEX, lazy=True)
    options = subset.Options(notdef_outline=True, recommended_glyphs=True, layout_features=[], name_IDs=["*"])
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "vhea", "vmtx", "VORG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_subset_characters())
    subsetter.subset(font)
    # Written beside its final name and renamed: a second process never reads half a file.
    handle, partial = tempfile.mkstemp(dir=directory, suffix=".partial")
    with os.fdopen(handle, "wb") as output:
        font.save(output)
    os.replace(partial, target)
    logger.info("CJK face cut down for the declaration form: %s", target)
    return target


class DeclarationForm(FPDF):
    def __init__(self, heading: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.heading = heading

    def header(self) -> None:
        self.set_font(FONT, size=8)
        self.set_text_color(110)
        self.cell(0, 5, self.heading, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(170, 180, 195)
        self.line(self.l_margin, self.get_y(), self.l_margin + self.epw, self.get_y())
        self.set_text_color(0)
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(110)
        self.cell(0, 8, f"第 {self.page_no()} 页 共 {{nb}} 页", align="C")


def declaration_pdf(declaration, snapshot) -> bytes:
    """The form of one snapshot; drawn with the cut-down face, or the whole one if it lacks a
    character the applicant typed."""
    pdf = _draw(declaration, snapshot, str(form_font()), 0)
    if pdf.fonts[FONT].missing_glyphs:
        pdf = _draw(declaration, snapshot, settings.PDF_FONT_PATH, settings.PDF_FONT_INDEX)
    return bytes(pdf.output())


def _draw(declaration, snapshot, font_path: str, font_index: int) -> DeclarationForm:
    data = snapshot.data
    pdf = DeclarationForm(f"{data['round']}　　申报职称：{data['title']}", format="A4")
    pdf.set_title(f"{declaration.year}年度专业技术职称申报表")
    pdf.set_creator(settings.SITE_NAME)
    pdf.add_font(FONT, fname=font_path, collection_font_number=font_index)
    pdf.set_margins(15, 12, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()

    pdf.set_font(FONT, size=17)
    pdf.cell(0, 12, FORM_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    applicant = data["applicant"]
    submitted = timezone.localtime(snapshot.created_at).strftime("%Y-%m-%d %H:%M")
    has_photo = _draw_photo(pdf, snapshot)
    _pairs(
        pdf,
        [
            ("姓名", applicant["real_name"]),
            ("身份证号码", applicant["id_number"]),
            ("工作单位", applicant["employer"]),
            ("申报职称", data["title"]),
            ("申报批次", data["round"]),
            ("提交时间", f"{submitted}（第{snapshot.sequence}次提交）"),
        ],
        width=pdf.epw - PHOTO_WIDTH - PHOTO_GAP if has_photo else None,
    )
    for number, section in enumerate(data["sections"]):
        _heading(pdf, f"{_numeral(number)}、{section['title']}")
        if not section["entries"]:
            pdf.set_font(FONT, size=10)
            pdf.cell(0, 7, "（未填写）", new_x="LMARGIN", new_y="NEXT")
        for entry in section["entries"]:
            if not section["single"]:
                pdf.set_font(FONT, size=10)
                pdf.cell(0, 7, f"第 {entry['position']} 条", new_x="LMARGIN", new_y="NEXT")
            rows = [(f["label"], entry["values"].get(f["name"], "")) for f in section["fields"]]
            attachments = [f["label"] for f in entry["files"] if f["field"] != PHOTO_FIELD]
            if attachments:
                rows.append(("附件", "、".join(attachments)))
            _pairs(pdf, rows)
    _pledge(pdf)
    _opinion_box(pdf, "单位意见", "单位（盖章）", "负责人（签名）")
    _opinion_box(pdf, "审核部门意见", "审核部门（盖章）", "审核人（签名）")
    return pdf


def _numeral(index: int) -> str:
    """一 … 十, 十一 … 十九, 二十 …: enough for the form's sections."""
    if index < 10:
        return CHINESE_NUMERALS[index]
    tens, ones = divmod(index + 1, 10)
    return ("" if tens == 1 else CHINESE_NUMERALS[tens - 1]) + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "")


def _heading(pdf: FPDF, text: str) -> None:
    _keep_together(pdf, 25)  # never a heading alone at the foot of a page
    pdf.ln(4)
    pdf.set_font(FONT, size=13)
    pdf.set_text_color(11, 74, 139)
    pdf.cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)


def _keep_together(pdf: FPDF, height: float) -> None:
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _pledge(pdf: FPDF) -> None:
    _keep_together(pdf, 55)
    _heading(pdf, "诚信承诺")
    pdf.set_font(FONT, size=11)
    pdf.multi_cell(0, 7, f"　　{PLEDGE_TEXT}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    _signature_line(pdf, "申报人（签名）：______________", "日期：______年____月____日")


def _signature_line(pdf: FPDF, signature: str, date: str) -> None:
    pdf.set_font(FONT, size=11)
    pdf.cell(pdf.epw * 0.55, 8, signature)
    pdf.cell(0, 8, date, align="R", new_x="LMARGIN", new_y="NEXT")


def _opinion_box(pdf: FPDF, title: str, seal: str, signature: str) -> None:
    """A framed box to fill in by hand: the title at the top left, seal, signature and date at
    the bottom."""
    _keep_together(pdf, OPINION_BOX_HEIGHT + 8)
    pdf.ln(6)
    top = pdf.get_y()
    pdf.set_draw_color(60)
    pdf.rect(pdf.l_margin, top, pdf.epw, OPINION_BOX_HEIGHT)
    pdf.set_xy(pdf.l_margin + 2, top + 2)
    pdf.set_font(FONT, size=12)
    pdf.cell(0, 7, f"{title}：")
    pdf.set_xy(pdf.l_margin + 2, top + OPINION_BOX_HEIGHT - 20)
    pdf.set_font(FONT, size=11)
    pdf.cell(pdf.epw - 4, 7, seal, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + 2)
    pdf.cell(pdf.epw * 0.5, 8, f"{signature}：__________")
    pdf.cell(pdf.epw * 0.5 - 6, 8, "______年____月____日", align="R")
    pdf.set_xy(pdf.l_margin, top + OPINION_BOX_HEIGHT)


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
