"""What a reader sees on each page type, in Chinese at / and in English under /en/."""

import pytest

from tests.helpers import article, home, tags, topic

pytestmark = pytest.mark.django_db


def test_chinese_home_lists_topics_and_latest_articles(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert tags(html, "html", lang="zh-Hans")
    assert home().title in html
    for slug in (
        "borrowing-basics",
        "repayment-trouble",
        "credit-and-rights",
        "budget-and-saving",
        "avoid-scams",
    ):
        assert f'href="/{slug}/"' in html
    assert len(response.context["latest_articles"]) == 6
    assert "最新文章" in html


def test_english_site_lives_under_en_prefix(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert tags(html, "html", lang="en")
    assert home("en").title in html
    assert 'href="/en/borrowing-basics/"' in html
    assert "Latest articles" in html


def test_language_switcher_links_to_the_same_article_in_the_other_language(client):
    zh, en = article(), article(language="en")
    html = client.get(zh.url).content.decode()
    switcher_links = tags(html, "a", hreflang="en")
    assert switcher_links[0]["href"] == en.url
    assert tags(html, "a", hreflang="zh-Hans", **{"aria-current": "true"})


def test_article_shows_summary_reading_time_review_date_tags_and_related(client):
    page = article("true-cost-of-borrowing")
    html = client.get(page.url).content.decode()
    assert page.summary in html
    assert f"约 {page.reading_minutes} 分钟读完" in html
    assert "最近审核" in html and 'datetime="2026-11-20"' in html
    for tag in page.tags.all():
        assert tag.name in html
    related = page.related_articles()
    assert related and all(other.locale_id == page.locale_id for other in related)
    assert related[0].title in html


def test_english_article_is_in_english(client):
    page = article(language="en")
    html = client.get(page.url).content.decode()
    assert page.url.startswith("/en/")
    assert "minutes read" in html or "minute read" in html
    assert "Last reviewed" in html
    assert "This service is free." in html


def test_article_head_has_canonical_hreflang_and_open_graph(client):
    zh, en = article(), article(language="en")
    html = client.get(zh.url).content.decode()
    assert tags(html, "link", rel="canonical", href=f"http://testserver{zh.url}")
    assert tags(html, "link", rel="alternate", hreflang="zh-Hans", href=f"http://testserver{zh.url}")
    assert tags(html, "link", rel="alternate", hreflang="en", href=f"http://testserver{en.url}")
    assert tags(html, "link", rel="alternate", hreflang="x-default")
    assert tags(html, "meta", property="og:title", content=zh.title)
    assert tags(html, "meta", property="og:type", content="article")
    assert tags(html, "meta", property="og:description", content=zh.summary)
    assert tags(html, "meta", property="og:locale", content="zh_CN")


def test_topic_lists_its_articles_and_survives_a_bad_page_number(client):
    page = topic("credit-and-rights")
    for query in ("", "?page=2", "?page=abc", "?page=-1", "?page=99999999999999999999"):
        response = client.get(page.url + query)
        assert response.status_code == 200, query
    html = client.get(page.url).content.decode()
    assert all(child.title in html for child in page.articles())
    assert len(page.articles()) >= 2


def test_footer_promises_a_free_service_and_names_12378(client):
    html = client.get("/").content.decode()
    assert "本服务免费" in html
    assert "身份证" in html and "银行卡" in html and "密码" in html
    assert "12378" in html


def test_skip_link_and_landmarks(client):
    html = client.get("/").content.decode()
    assert tags(html, "a", href="#main", **{"class": "skip-link"})
    assert tags(html, "main", id="main")
    assert tags(html, "header") and tags(html, "footer") and tags(html, "nav")


def test_draft_changes_are_not_shown_to_readers(client, django_user_model):
    page = article("emergency-fund")
    live_summary = page.summary
    latest = page.get_latest_revision_as_object()
    assert latest.summary != live_summary  # the demo's revision waiting for a moderator
    html = client.get(page.url).content.decode()
    assert live_summary in html and latest.summary not in html
