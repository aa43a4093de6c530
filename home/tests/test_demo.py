from wagtail.documents import get_document_model

from home import demo
from home.models import HomePage, NoticeIndexPage, NoticePage


def _counts():
    return (NoticeIndexPage.objects.count(), NoticePage.objects.count(), get_document_model().objects.count())


def test_seed_builds_four_listings_with_notices_and_is_idempotent(db):
    demo.seed(None)
    first = _counts()
    demo.seed(None)

    assert _counts() == first
    assert [index.title for index in NoticeIndexPage.objects.order_by("path")] == [
        "通知公告",
        "政策法规",
        "办事指南",
        "评审结果公示",
    ]
    for index in NoticeIndexPage.objects.all():
        notices = NoticePage.objects.child_of(index).live()
        assert notices.count() >= 4
        assert notices.filter(pinned=True).exists()
    assert NoticePage.objects.filter(title="山西省建设工程专业技术职务评审通知").exists()
    home = HomePage.objects.get()
    assert [panel.heading for panel in home.panels.all()] == ["通知公告", "政策法规", "办事指南", "评审结果公示"]


def test_seed_attaches_real_pdf_and_png_files(db):
    demo.seed(None)

    documents = get_document_model().objects.all()
    kinds = set()
    for document in documents:
        with document.file.open("rb") as handle:
            head = handle.read(8)
        kinds.add("pdf" if head.startswith(b"%PDF-") else "png" if head.startswith(b"\x89PNG") else "other")
        assert document.file_size > 1000
    assert kinds == {"pdf", "png"}
    assert NoticePage.objects.filter(attachments__isnull=False).distinct().count() >= 5
