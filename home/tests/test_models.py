from wagtail.models import Page

from home.models import HomePage, NoticeIndexPage, NoticePage
from home.tests.factories import make_notice


def test_home_page_may_only_sit_at_the_tree_root(listing):
    root = Page.get_first_root_node()
    assert HomePage.can_exist_under(root)
    assert not HomePage.can_exist_under(listing)
    assert not HomePage.can_create_at(root)  # max_count = 1 and one exists


def test_notice_index_lives_under_the_homepage_and_holds_only_notices(home, listing):
    assert NoticeIndexPage.can_exist_under(home)
    assert not NoticeIndexPage.can_exist_under(Page.get_first_root_node())
    assert not NoticeIndexPage.can_exist_under(listing)
    assert listing.specific_class.allowed_subpage_models() == [NoticePage]


def test_notice_page_lives_only_in_a_listing_and_has_no_children(home, listing):
    notice = make_notice(listing)
    assert NoticePage.can_exist_under(listing)
    assert not NoticePage.can_exist_under(home)
    assert NoticePage.allowed_subpage_models() == []
    assert not NoticePage.can_exist_under(notice)


def test_notice_ngram_field_holds_chinese_pieces_of_title_and_body(listing):
    notice = make_notice(listing, "山西省建设工程专业技术职务评审通知", body="<p>职称评审工作安排</p>")
    pieces = notice.search_ngrams().split()
    assert {"评审", "技术", "职务", "职称", "称评"} <= set(pieces)
    assert "<p>" not in notice.search_ngrams()
