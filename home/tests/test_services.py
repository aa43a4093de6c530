from wagtail.models import PageViewRestriction

from home import services
from home.tests.factories import days_ago, make_home, make_index, make_notice


def _titles(panel):
    return [notice.title for notice in panel.items]


def test_panel_lists_pinned_notices_first_then_newest(listing):
    make_notice(listing, "旧通知", date=days_ago(30))
    make_notice(listing, "新通知", date=days_ago(1))
    make_notice(listing, "置顶旧通知", date=days_ago(90), pinned=True)
    make_notice(listing, "中间通知", date=days_ago(10))
    home = make_home([("通知公告", listing, 6)])

    [panel] = services.homepage_panels(home)

    assert _titles(panel) == ["置顶旧通知", "新通知", "中间通知", "旧通知"]


def test_panel_shows_no_more_than_its_item_count(listing):
    for day in range(8):
        make_notice(listing, f"通知{day}", date=days_ago(day))
    home = make_home([("通知公告", listing, 3)])

    [panel] = services.homepage_panels(home)

    assert _titles(panel) == ["通知0", "通知1", "通知2"]


def test_panels_keep_the_editors_order_and_their_own_sources(home):
    policies = make_index(home, "政策法规")
    guides = make_index(home, "办事指南")
    make_notice(policies, "法规一")
    make_notice(guides, "指南一")
    home = make_home([("办事指南", guides, 5), ("政策法规", policies, 5)])

    panels = services.homepage_panels(home)

    assert [(panel.heading, _titles(panel)) for panel in panels] == [
        ("办事指南", ["指南一"]),
        ("政策法规", ["法规一"]),
    ]


def test_panel_leaves_out_unpublished_and_private_notices(listing):
    make_notice(listing, "草稿", live=False)
    secret = make_notice(listing, "内部通知")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    make_notice(listing, "公开通知")
    home = make_home([("通知公告", listing, 6)])

    [panel] = services.homepage_panels(home)

    assert _titles(panel) == ["公开通知"]


def test_listing_notices_leave_out_other_listings(home, listing):
    other = make_index(home, "政策法规")
    make_notice(other, "别处的通知")
    make_notice(listing, "本栏通知")

    assert [notice.title for notice in services.listing_notices(listing)] == ["本栏通知"]


def test_panel_of_an_unpublished_listing_is_left_out(home, listing):
    withdrawn = make_index(home, "政策法规")
    make_notice(withdrawn, "法规一")
    withdrawn.unpublish()
    make_notice(listing, "通知一")
    home = make_home([("政策法规", withdrawn, 5), ("通知公告", listing, 5)])

    assert [panel.heading for panel in services.homepage_panels(home)] == ["通知公告"]
