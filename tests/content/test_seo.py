"""Sitemap and robots.txt: every language's live pages are listed; private areas are not crawled."""

import pytest

from tests.helpers import article

pytestmark = pytest.mark.django_db


def test_sitemap_lists_live_pages_in_both_languages(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert f"<loc>http://testserver{article().url}</loc>" in xml
    assert f"<loc>http://testserver{article(language='en').url}</loc>" in xml
    assert "<loc>http://testserver/en/</loc>" in xml


def test_sitemap_leaves_out_unpublished_pages(client):
    page = article("collection-rights", "en")
    page.unpublish()
    assert page.url not in client.get("/sitemap.xml").content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_accounts_and_admin(client):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body and "Disallow: /accounts/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
