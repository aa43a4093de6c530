"""Public site page types: the four-panel homepage, notice listings and notices with attachments."""

import datetime

from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from . import api, services
from .cache import AnonymousCacheMixin, accept_query
from .ngrams import index_text
from .privacy import PAGE_PRIVACY_OPTIONS

NOTICES_PER_PAGE = 20


class HomePage(AnonymousCacheMixin, Page):
    """The portal's homepage; it lives directly under the tree root."""

    private_page_options = PAGE_PRIVACY_OPTIONS

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.NoticeIndexPage"]
    max_count = 1

    content_panels = [*Page.content_panels, InlinePanel("panels", label="首页栏目", min_num=0, max_num=8)]
    api_fields = [APIField("panels", serializer=api.HomePanelsField(source="*"))]

    class Meta:
        verbose_name = "首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["panels"] = services.homepage_panels(self)
        return context


class HomePanel(Orderable):
    """One of the homepage's panels: the latest notices of one listing."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="panels")
    heading = models.CharField("栏目标题", max_length=40, help_text="显示在栏目顶部，例如“通知公告”。")
    source = models.ForeignKey(
        "home.NoticeIndexPage",
        verbose_name="内容来源",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="从哪个栏目列表页取最新通知。",
    )
    item_count = models.PositiveSmallIntegerField(
        "显示条数",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="栏目中显示的通知条数（1–20），置顶通知排在最前。",
    )

    panels = [FieldPanel("heading"), PageChooserPanel("source", "home.NoticeIndexPage"), FieldPanel("item_count")]

    class Meta(Orderable.Meta):
        verbose_name = "首页栏目"
        verbose_name_plural = "首页栏目"

    def __str__(self) -> str:
        return self.heading


class NoticeIndexPage(AnonymousCacheMixin, Page):
    """A listing of notices (通知公告, 政策法规, …), pinned first, newest next, 20 a page."""

    private_page_options = PAGE_PRIVACY_OPTIONS

    intro = models.TextField("栏目简介", blank=True, help_text="可选，显示在列表上方的一段说明。")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NoticePage"]
    show_in_menus_default = True  # listed in the main navigation unless the editor unticks it

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = "栏目列表页"
        verbose_name_plural = "栏目列表页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(services.listing_notices(self), NOTICES_PER_PAGE)
        # get_page turns a missing, malformed or too large number into the first or last page.
        context["notices"] = paginator.get_page(request.GET.get("page"))
        # Only a page number the listing has is worth a cache entry; any other is answered uncached.
        accept_query(request, page=str(context["notices"].number))
        return context


class NoticePageForm(WagtailAdminPageForm):
    """The slug may stay empty: the notice is then named by its date and a number."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields[
                "slug"
            ].help_text = "网址中的名称，只用字母、数字和短横线；留空则按发布日期生成，例如 2026-03-05-1。"


class NoticePage(AnonymousCacheMixin, Page):
    """One notice: date, pinned flag, rich-text body and downloadable attachments."""

    private_page_options = PAGE_PRIVACY_OPTIONS

    publish_date = models.DateField("发布日期", default=timezone.localdate, help_text="显示在列表和正文中的日期。")
    pinned = models.BooleanField("置顶", default=False, help_text="置顶的通知在首页栏目和列表中排在最前。")
    summary = models.TextField("摘要", blank=True, max_length=300, help_text="可选，不超过 300 字。")
    body = RichTextField("正文", blank=True)

    parent_page_types = ["home.NoticeIndexPage"]
    subpage_types: list[str] = []
    base_form_class = NoticePageForm

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("publish_date"), FieldPanel("pinned")], heading="发布信息"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件", help_text="可添加任意数量的附件（PDF、Word、Excel、图片等）。"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("search_ngrams"),
        index.FilterField("publish_date"),
        index.FilterField("pinned"),
    ]
    api_fields = [
        APIField("publish_date"),
        APIField("pinned"),
        APIField("summary"),
        APIField("body", serializer=api.RichTextHTMLField()),
        APIField("attachments", serializer=api.AttachmentsField(source="*")),
    ]

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        indexes = [models.Index(fields=["-pinned", "-publish_date"], name="home_notice_order_idx")]

    def _set_core_field_defaults(self):
        # A Chinese title gives no Latin slug: a new notice is named by its date and a number
        # instead of its title percent-encoded into the address (/tongzhi/2026-12-02-1/).
        parent_is_known = self.path or getattr(self, "_cached_parent_obj", None)
        if parent_is_known and (not self.slug or (self.pk is None and not self.slug.isascii())):
            self.slug = self._dated_slug()
        super()._set_core_field_defaults()

    def _dated_slug(self) -> str:
        parent = self.get_parent()
        date = self.publish_date or timezone.localdate()
        base = (datetime.date.fromisoformat(date) if isinstance(date, str) else date).isoformat()
        taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
        number = 1
        while f"{base}-{number}" in taken:
            number += 1
        return f"{base}-{number}"

    def search_ngrams(self) -> str:
        """Two-character pieces of title, summary and body, so Chinese substrings are searchable."""
        return index_text(" ".join([self.title, self.summary, strip_tags(self.body)]))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = services.notice_attachments(self)
        parent = self.get_parent()
        context["parent"] = parent
        context["parent_url"] = parent.get_url(request=request) if parent else None
        return context


class NoticeAttachment(Orderable):
    """A Wagtail document attached to a notice."""

    page = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("显示名称", max_length=120, blank=True, help_text="留空则使用文档标题。")

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class PublicPagesGeneration(models.Model):
    """One row: the number that every process's cached public pages are stored under
    (`home.cache`); bumped by each publish, unpublish, move or deletion."""

    value = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = "公开页面缓存版本"
        verbose_name_plural = "公开页面缓存版本"

    def __str__(self) -> str:
        return str(self.value)


@register_setting(icon="site")
class SiteFooterSettings(BaseSiteSetting):
    """What a government site shows at the foot of every page (GB/T 网站标识码, ICP 备案, contact),
    edited under 设置 → 网站页脚."""

    organizer = models.CharField("主办单位", max_length=80, default="省住房和城乡建设厅")
    support = models.CharField("技术支持", max_length=80, blank=True, default="厅信息中心")
    site_code = models.CharField(
        "网站标识码", max_length=20, blank=True, help_text="政府网站标识码，例如 1400000001。留空则不显示。"
    )
    icp_number = models.CharField(
        "ICP备案号", max_length=40, blank=True, help_text="例如“晋ICP备12345678号”，链接到工业和信息化部备案系统。"
    )
    police_number = models.CharField(
        "公安机关备案号", max_length=40, blank=True, help_text="例如“晋公网安备 14010502000001号”，可留空。"
    )
    phone = models.CharField("咨询电话", max_length=40, blank=True, default="0351-0000000")
    hours = models.CharField("咨询时间", max_length=40, blank=True, default="工作日 8:30–17:30")
    email = models.EmailField("联系邮箱", blank=True)
    address = models.CharField("联系地址", max_length=120, blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("organizer"), FieldPanel("support")], heading="主办与技术支持"),
        MultiFieldPanel(
            [FieldPanel("site_code"), FieldPanel("icp_number"), FieldPanel("police_number")], heading="网站标识与备案"
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("hours"), FieldPanel("email"), FieldPanel("address")], heading="联系方式"
        ),
    ]

    class Meta:
        verbose_name = "网站页脚"
        verbose_name_plural = "网站页脚"
