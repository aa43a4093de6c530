"""Demo page tree: the homepage, four listings with realistic notices, PDF and PNG attachments."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from .models import HomePage, HomePanel, NoticeAttachment, NoticeIndexPage, NoticePage, SiteFooterSettings

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FONT_SC_INDEX = 2  # Simplified Chinese face inside the Noto CJK collection


@dataclass(frozen=True)
class DemoFile:
    title: str
    filename: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class DemoNotice:
    slug: str
    title: str
    date: datetime.date
    paragraphs: tuple[str, ...]
    pinned: bool = False
    summary: str = ""
    files: tuple[DemoFile, ...] = field(default_factory=tuple)


D = datetime.date

LISTINGS: dict[str, tuple[str, str, str, int, tuple[DemoNotice, ...]]] = {
    # slug: (title, intro, panel heading, panel count, notices)
    "tongzhi": (
        "通知公告",
        "发布职称申报、评审工作的通知和公告。",
        "通知公告",
        6,
        (
            DemoNotice(
                "2026-pingshen-tongzhi",
                "山西省建设工程专业技术职务评审通知",
                D(2026, 11, 18),
                (
                    "根据省人力资源和社会保障厅关于做好2026年度职称评审工作的要求，现将我省建设工程专业技术职务评审工作有关事项通知如下。",
                    "一、申报范围：在我省建设工程领域从事勘察、设计、施工、监理、造价等专业技术工作的在职人员。",
                    "二、申报时间：2026年11月20日至12月20日，逾期不予受理。申请人须通过本系统进行网上申报，并按要求上传证明材料。",
                    "三、评审安排：评审委员会将于2027年1月组织评审，评审结果在本网站“评审结果公示”栏目统一公示。",
                ),
                pinned=True,
                summary="2026年度建设工程专业技术职务评审工作已启动，申报时间为11月20日至12月20日。",
                files=(
                    DemoFile(
                        "2026年度职称评审工作通知（全文）",
                        "pingshen-tongzhi-2026.pdf",
                        (
                            "山西省建设工程专业技术职务评审通知",
                            "一、申报范围：建设工程领域在职专业技术人员。",
                            "二、申报时间：2026年11月20日至12月20日。",
                            "三、评审安排：2027年1月组织评审，结果统一公示。",
                        ),
                    ),
                    DemoFile(
                        "职称申报流程图",
                        "shenbao-liucheng.png",
                        ("注册账号", "填写资料", "提交申报", "单位审核", "评审公示"),
                    ),
                ),
            ),
            DemoNotice(
                "xitong-shangxian",
                "关于职称申报评审系统正式上线运行的公告",
                D(2026, 11, 10),
                (
                    f"{settings.SITE_NAME}已完成试运行，自即日起正式上线。申请人可使用手机号码注册账号，登录后填写个人资料并提交申报。",
                    "系统使用中遇到问题，请在工作日拨打咨询电话。",
                ),
                pinned=True,
            ),
            DemoNotice(
                "2026-gaoji-gongchengshi",
                "关于做好2026年度高级工程师职称评审申报工作的通知",
                D(2026, 11, 5),
                (
                    "各设区市住房和城乡建设局、省直有关单位：为做好2026年度高级工程师职称评审申报工作，请各单位认真组织本单位符合条件的专业技术人员进行申报。",
                    "各单位要严格审核申报材料的真实性，对弄虚作假的，一经查实，取消当年申报资格。",
                ),
            ),
            DemoNotice(
                "cailiao-shenhe",
                "关于开展职称申报材料集中审核工作的通知",
                D(2026, 10, 28),
                ("定于2026年12月下旬开展申报材料集中审核，请各单位职称工作联系人按时参加。",),
            ),
            DemoNotice(
                "xitong-weihu",
                "系统维护公告",
                D(2026, 10, 15),
                ("为提升系统运行稳定性，本系统将于2026年10月18日22:00至24:00进行维护，期间暂停访问。",),
            ),
            DemoNotice(
                "zhicheng-peixun",
                "关于举办职称申报系统操作培训的通知",
                D(2026, 9, 30),
                ("为帮助各单位熟悉网上申报流程，定于2026年10月12日举办系统操作培训，请各单位派员参加。",),
            ),
            DemoNotice(
                "2025-pingshen-zongjie",
                "2025年度建设工程职称评审工作总结",
                D(2026, 3, 20),
                ("2025年度全省共受理建设工程专业职称申报材料3860份，评审通过2715人。",),
            ),
        ),
    ),
    "zhengce": (
        "政策法规",
        "职称评审相关的法规、规章和规范性文件。",
        "政策法规",
        6,
        (
            DemoNotice(
                "zhicheng-pingshen-guanli-guiding",
                "职称评审管理暂行规定",
                D(2026, 8, 1),
                (
                    "为规范职称评审程序，加强职称评审管理，保证职称评审质量，制定本规定。",
                    "职称评审委员会按照职称系列或者专业组建，负责评议、认定专业技术人才学术技术水平和专业能力。",
                ),
                pinned=True,
                files=(
                    DemoFile(
                        "职称评审管理暂行规定（全文）",
                        "pingshen-guanli-guiding.pdf",
                        ("职称评审管理暂行规定", "第一章 总则", "第二章 职称评审委员会", "第三章 申报审核"),
                    ),
                ),
            ),
            DemoNotice(
                "gongcheng-jishu-zhicheng-zhidu-gaige",
                "关于深化工程技术人才职称制度改革的指导意见",
                D(2026, 6, 12),
                ("健全工程技术人才职称评价标准，突出评价专业技术人才的品德、能力和业绩。",),
            ),
            DemoNotice(
                "jianshe-gongcheng-pingjia-biaozhun",
                "建设工程专业技术资格评价标准（试行）",
                D(2026, 5, 20),
                ("本标准适用于全省建设工程领域专业技术人员申报助理工程师、工程师、高级工程师和正高级工程师。",),
                files=(
                    DemoFile(
                        "评价标准（试行）",
                        "pingjia-biaozhun.pdf",
                        ("建设工程专业技术资格评价标准（试行）", "助理工程师", "工程师", "高级工程师", "正高级工程师"),
                    ),
                ),
            ),
            DemoNotice(
                "jixu-jiaoyu-guiding",
                "专业技术人员继续教育规定",
                D(2026, 3, 2),
                ("专业技术人员参加继续教育的时间，每年累计应不少于90学时。",),
            ),
            DemoNotice(
                "zhicheng-chengxin-guanli",
                "关于加强职称申报诚信管理的通知",
                D(2026, 2, 15),
                ("对申报材料弄虚作假的，记入诚信档案，三年内不得申报。",),
            ),
        ),
    ),
    "banshi": (
        "办事指南",
        "申报流程、常见问题和表格下载。",
        "办事指南",
        6,
        (
            DemoNotice(
                "wangshang-shenbao-zhinan",
                "职称网上申报操作指南",
                D(2026, 11, 12),
                (
                    "第一步：使用手机号码注册账号并完成实名信息填写。",
                    "第二步：登录后依次填写基本信息、学历、工作经历、业绩成果等11项资料，并上传证明材料。",
                    "第三步：确认信息无误后提交申报，提交后资料不可修改。",
                ),
                pinned=True,
                files=(
                    DemoFile(
                        "网上申报操作手册",
                        "shenbao-caozuo-shouce.pdf",
                        ("职称网上申报操作手册", "1. 注册与登录", "2. 填写个人资料", "3. 上传证明材料", "4. 提交申报"),
                    ),
                    DemoFile("申报流程示意图", "shenbao-shiyitu.png", ("注册", "登录", "填写", "提交", "公示")),
                ),
            ),
            DemoNotice(
                "shenbaobiao-xiazai",
                "专业技术职务任职资格评审表（下载）",
                D(2026, 11, 8),
                ("请下载评审表，按要求填写并加盖单位公章后扫描上传。",),
                files=(
                    DemoFile(
                        "专业技术职务任职资格评审表",
                        "pingshenbiao.pdf",
                        ("专业技术职务任职资格评审表", "姓名：", "工作单位：", "申报资格：", "单位意见（盖章）："),
                    ),
                ),
            ),
            DemoNotice(
                "changjian-wenti",
                "职称申报常见问题解答",
                D(2026, 10, 20),
                (
                    "问：忘记密码怎么办？答：请在登录页通过手机验证码重置密码。",
                    "问：提交后能否修改？答：提交后不可修改，如需修改请联系所在单位。",
                ),
            ),
            DemoNotice(
                "zhengming-cailiao-yaoqiu",
                "证明材料上传要求说明",
                D(2026, 10, 9),
                ("证明材料支持PDF、JPG、PNG格式，单个文件不超过10MB，请确保扫描件清晰完整。",),
            ),
        ),
    ),
    "gongshi": (
        "评审结果公示",
        "评审结果及公示期安排。公示期内如有异议，可向评审办公室反映。",
        "评审结果公示",
        6,
        (
            DemoNotice(
                "2025-gaoji-pingshen-jieguo",
                "2025年度建设工程高级工程师职称评审结果公示",
                D(2026, 1, 25),
                (
                    "经建设工程高级工程师职称评审委员会评审，以下人员通过高级工程师资格评审，现予以公示。公示期为2026年1月25日至1月31日。",
                    "公示期间如有异议，请以书面形式向评审办公室反映。",
                ),
                pinned=True,
                files=(
                    DemoFile(
                        "评审通过人员名单",
                        "2025-gaoji-mingdan.pdf",
                        ("2025年度高级工程师评审通过人员名单", "张某某 山西建设工程集团", "李某某 省建筑设计研究院"),
                    ),
                ),
            ),
            DemoNotice(
                "2025-gongchengshi-pingshen-jieguo",
                "2025年度建设工程工程师职称评审结果公示",
                D(2026, 1, 20),
                ("经评审委员会评审，以下人员通过工程师资格评审，现予以公示。",),
            ),
            DemoNotice(
                "2025-zhuli-pingshen-jieguo",
                "2025年度助理工程师职称认定结果公示",
                D(2026, 1, 15),
                ("以下人员通过助理工程师资格认定，现予以公示。",),
            ),
            DemoNotice(
                "2025-zhenggaoji-pingshen-jieguo",
                "2025年度正高级工程师职称评审结果公示",
                D(2026, 1, 10),
                ("经正高级工程师职称评审委员会评审，以下人员通过正高级工程师资格评审，现予以公示。",),
            ),
        ),
    ),
}


def make_pdf(lines: tuple[str, ...]) -> bytes:
    """A one-page A4 PDF of the given lines, in Noto Sans CJK when installed."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    if CJK_FONT.exists():
        pdf.add_font("cjk", fname=str(CJK_FONT), collection_font_number=CJK_FONT_SC_INDEX)
        pdf.set_font("cjk", size=18)
        text = lines
    else:
        pdf.set_font("helvetica", size=18)
        text = ("Notice attachment", f"{len(lines)} items")
    pdf.multi_cell(0, 12, text[0], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font_size(12)
    for line in text[1:]:
        pdf.multi_cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_png(steps: tuple[str, ...]) -> bytes:
    """A small flow chart: one box per step, joined by arrows."""
    from PIL import Image, ImageDraw, ImageFont

    box_w, box_h, gap = 150, 60, 40
    width = len(steps) * box_w + (len(steps) + 1) * gap
    image = Image.new("RGB", (width, 140), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(CJK_FONT), 22, index=CJK_FONT_SC_INDEX) if CJK_FONT.exists() else None
    for number, step in enumerate(steps):
        left = gap + number * (box_w + gap)
        draw.rounded_rectangle(
            (left, 40, left + box_w, 40 + box_h), radius=8, fill="#e8f0fa", outline="#0b4a8b", width=3
        )
        label = step if font else str(number + 1)
        draw.text((left + box_w / 2, 40 + box_h / 2), label, fill="#0b4a8b", font=font, anchor="mm")
        if number:
            draw.line((left - gap + 4, 70, left - 6, 70), fill="#c0161d", width=3)
            draw.polygon([(left - 6, 64), (left - 6, 76), (left, 70)], fill="#c0161d")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def ensure_document(demo_file: DemoFile):
    document_model = get_document_model()
    document = document_model.objects.filter(title=demo_file.title).first()
    if document is None:
        content = make_png(demo_file.lines) if demo_file.filename.endswith(".png") else make_pdf(demo_file.lines)
        document = document_model(title=demo_file.title)
        document.file.save(demo_file.filename, ContentFile(content), save=False)
        document.file_size = len(content)
        document.save()
    return document


@transaction.atomic
def ensure_home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's installer leaves a plain "Welcome" page at /home/; replace it.
        for placeholder in root.get_children().filter(slug="home").exact_type(Page):
            placeholder.delete()
        home = root.add_child(instance=HomePage(title="首页", slug="home", seo_title=settings.SITE_NAME))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=settings.SITE_NAME
        )
    elif site.root_page_id != home.id or site.site_name != settings.SITE_NAME:
        site.root_page = home
        site.site_name = settings.SITE_NAME
        site.save()
    return home


def _body_html(paragraphs: tuple[str, ...]) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def ensure_notice(index: NoticeIndexPage, demo: DemoNotice) -> NoticePage:
    notice = NoticePage.objects.child_of(index).filter(slug=demo.slug).first()
    if notice is not None:
        return notice
    notice = NoticePage(
        title=demo.title,
        slug=demo.slug,
        publish_date=demo.date,
        pinned=demo.pinned,
        summary=demo.summary,
        body=_body_html(demo.paragraphs),
    )
    for demo_file in demo.files:
        notice.attachments.add(NoticeAttachment(document=ensure_document(demo_file)))
    index.add_child(instance=notice)
    notice.save_revision().publish()
    return notice


def ensure_listing(home: HomePage, slug: str, title: str, intro: str) -> NoticeIndexPage:
    index = NoticeIndexPage.objects.child_of(home).filter(slug=slug).first()
    if index is None:
        index = home.add_child(instance=NoticeIndexPage(title=title, slug=slug, intro=intro, show_in_menus=True))
        index.save_revision().publish()
    return index


@transaction.atomic
def seed(command):
    home = ensure_home_page()
    panels = []
    for slug, (title, intro, heading, count, notices) in LISTINGS.items():
        index = ensure_listing(home, slug, title, intro)
        for demo in notices:
            ensure_notice(index, demo)
        panels.append((heading, index, count))
    if not home.panels.exists():
        for order, (heading, index, count) in enumerate(panels):
            home.panels.add(HomePanel(heading=heading, source=index, item_count=count, sort_order=order))
        home.save_revision().publish()
    ensure_footer(home)
    return []


def ensure_footer(home: HomePage) -> None:
    """Sample footer settings (placeholder numbers, marked as such) for the demo site."""
    site = Site.objects.filter(root_page=home).first()
    if site is not None:
        SiteFooterSettings.objects.get_or_create(
            site=site,
            defaults={
                "site_code": "1400000000",
                "icp_number": "晋ICP备00000000号（演示）",
                "email": "zcps@example.gov.cn",
                "address": "太原市迎泽区（演示地址）",
            },
        )
