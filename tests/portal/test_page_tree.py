"""The page tree cache (portal/page_tree.py): routes and view restrictions kept between requests are never out
of date for a reader, and pages work the same with it off."""

import pytest
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from tests.helpers import article, topic

pytestmark = pytest.mark.django_db


def served(url):
    """Two readers, so the second one meets what the first one left in the cache."""
    Client().get(url)
    return Client().get(url)


def test_a_restriction_on_a_section_applies_to_its_pages_at_once():
    page = article()
    assert served(page.url).status_code == 200
    restriction = PageViewRestriction.objects.create(page=topic(), restriction_type=PageViewRestriction.LOGIN)
    assert Client().get(page.url).status_code == 302  # to the log-in page
    restriction.delete()
    assert Client().get(page.url).status_code == 200


def test_listings_leave_out_a_restricted_page_at_once():
    page = article()
    assert page.title in served(topic().url).content.decode()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert page.title not in Client().get(topic().url).content.decode()


def test_an_unpublished_page_is_gone_at_once():
    page = article()
    assert served(page.url).status_code == 200
    page.unpublish()
    assert Client().get(page.url).status_code == 404


def test_a_moved_page_answers_at_its_new_address_only():
    page = article()
    old_url = page.url
    assert served(old_url).status_code == 200
    page.move(topic("repayment-trouble"), pos="last-child")
    page.refresh_from_db()
    assert page.url == old_url.replace("/borrowing-basics/", "/repayment-trouble/")
    moved = Client().get(old_url)  # Wagtail's redirect to the new address, not the page from the old route
    assert (moved.status_code, moved["Location"]) == (301, page.url)
    response = Client().get(page.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_an_alias_of_a_restricted_page_is_restricted_too():
    """An alias takes its source's restrictions, which the cached sections cannot tell: Wagtail decides."""
    page = article()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    alias = page.create_alias(parent=topic("repayment-trouble"), update_slug="alias-of-true-cost")
    assert served(alias.url).status_code == 302


@override_settings(PAGE_TREE_CACHE_ENABLED=False)
def test_with_the_cache_off_pages_and_restrictions_work_as_wagtail_makes_them():
    page = article()
    assert served(page.url).status_code == 200
    PageViewRestriction.objects.create(page=topic(), restriction_type=PageViewRestriction.LOGIN)
    assert Client().get(page.url).status_code == 302


def test_the_menu_and_breadcrumbs_show_a_renamed_section_at_once():
    section, page = topic(), article()
    assert section.title in served(page.url).content.decode()
    section.title = "改了名字的栏目"
    section.save_revision().publish()
    html = Client().get(page.url).content.decode()
    assert html.count("改了名字的栏目") == 2  # the main menu and the breadcrumb trail


def test_a_related_tools_link_goes_when_its_tool_page_is_unpublished():
    from content.models import ToolPage

    page = article()
    tool = ToolPage.objects.get(locale=page.locale, tool="apr")
    assert f'href="{tool.url}"' in served(page.url).content.decode()
    tool.unpublish()
    assert f'href="{tool.url}"' not in Client().get(page.url).content.decode()
