"""What a reader sees in the FAQ: the help-centre index, category pages and answers, in both languages."""

import json

import pytest

from content.models import PolicyAnswerPage, PolicyCategory, PolicyIndexPage
from tests.helpers import tags

pytestmark = pytest.mark.django_db


def answer(external_id="demo-faq-a01", language="zh-hans"):
    return PolicyAnswerPage.objects.get(external_id=external_id, locale__language_code=language)


def json_ld(html):
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start : html.index("</script>", start)])


def test_faq_index_lives_in_both_languages_as_translations_of_each_other(client):
    zh = PolicyIndexPage.objects.get(locale__language_code="zh-hans")
    en = PolicyIndexPage.objects.get(locale__language_code="en")
    assert (zh.url, en.url) == ("/faq/", "/en/faq/")
    assert zh.translation_key == en.translation_key
    html = client.get("/faq/").content.decode()
    assert tags(html, "a", hreflang="en", href="/en/faq/")
    assert tags(html, "link", rel="alternate", hreflang="en", href="http://testserver/en/faq/")


def test_faq_is_in_the_main_navigation(client):
    html = client.get("/").content.decode()
    assert tags(html, "a", href="/faq/")
    assert tags(client.get("/en/").content.decode(), "a", href="/en/faq/")


def test_index_shows_category_cards_with_top_questions_in_category_order(client):
    html = client.get("/faq/").content.decode()
    names = ["协商还款", "征信", "催收与权益", "利率与费用", "预算", "防骗", "材料准备", "投诉渠道"]
    positions = [
        html.index(f'/faq/category/{slug}/">{name}</a>')
        for slug, name in zip(
            [
                "negotiation",
                "credit-report",
                "collection",
                "interest-and-fees",
                "budgeting",
                "scams",
                "documents",
                "rights-and-complaints",
            ],
            names,
            strict=True,
        )
    ]
    assert positions == sorted(positions)
    assert answer("demo-faq-a01").title in html
    # Only the top questions of a category are on the index; the rest are a click away.
    negotiation = PolicyAnswerPage.objects.live().filter(
        locale__language_code="zh-hans", category__slug="negotiation"
    )
    assert negotiation.count() > 5
    assert sum(bool(tags(html, "a", href=page.url)) for page in negotiation) == 5
    assert tags(html, "form", method="get", action="/search/")
    assert '<input type="hidden" name="type" value="faq">' in html


def test_index_json_ld_lists_its_questions(client):
    data = json_ld(client.get("/faq/").content.decode())
    assert data["@type"] == "FAQPage"
    questions = {entity["name"] for entity in data["mainEntity"]}
    assert answer("demo-faq-a01").title in questions
    assert len(questions) == PolicyAnswerPage.objects.live().filter(locale__language_code="zh-hans").count()


def test_category_page_lists_all_its_answers_with_short_answers(client):
    response = client.get("/faq/category/credit-report/")
    html = response.content.decode()
    assert response.status_code == 200
    pages = PolicyAnswerPage.objects.live().filter(
        locale__language_code="zh-hans", category__slug="credit-report"
    )
    assert pages.count() >= 5
    for page in pages:
        assert page.title in html and page.short_answer in html
    assert "<h1>征信</h1>" in html
    assert answer("demo-faq-a01").title not in html
    assert '<input type="hidden" name="category" value="credit-report">' in html
    assert len(json_ld(html)["mainEntity"]) == pages.count()


@pytest.mark.parametrize(
    "path", ["/faq/category/no-such-category/", "/faq/category/%E4%B8%AD/", "/faq/nope/"]
)
def test_unknown_category_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_category_of_another_language_is_not_found_here(client):
    en_only = PolicyCategory.objects.create(
        slug="english-only",
        name="English only",
        locale=PolicyIndexPage.objects.get(locale__language_code="en").locale,
    )
    assert client.get(f"/en/faq/category/{en_only.slug}/").status_code == 200
    assert client.get(f"/faq/category/{en_only.slug}/").status_code == 404


def test_answer_shows_short_answer_first_then_body_category_tags_review_date(client):
    page = answer("demo-faq-a01")
    html = client.get(page.url).content.decode()
    main = html[html.index("<main") :]
    short = main.index(page.short_answer)
    first_paragraph = page.body_text().split("\n\n")[0]
    assert short < main.index(first_paragraph)
    assert 'class="short-answer"' in main[:short]
    assert tags(html, "a", href="/faq/category/negotiation/")
    for tag in page.tags.all():
        assert tag.name in html
    assert f'datetime="{page.last_reviewed:%Y-%m-%d}"' in html
    assert tags(html, "meta", property="og:description", content=page.short_answer)


def test_answer_json_ld_is_one_question_with_the_short_and_full_answer(client):
    page = answer("demo-faq-a01")
    data = json_ld(client.get(page.url).content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    [question] = data["mainEntity"]
    assert question["name"] == page.title
    assert question["acceptedAnswer"]["text"].startswith(page.short_answer)
    assert page.body_text().split("\n\n")[-1] in question["acceptedAnswer"]["text"]


def test_json_ld_cannot_close_its_script_element(client):
    page = answer("demo-faq-a01")
    page.title = "</script><script>alert(1)</script> & <!--"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    script = html[html.index('<script type="application/ld+json">') :]
    assert "alert(1)" in script and "<script>alert" not in html
    assert json_ld(html)["mainEntity"][0]["name"] == page.title


def test_answer_shows_related_answers_in_its_language(client):
    page = answer("demo-faq-a01")
    related = page.related_answers()
    assert [other.external_id for other in related] == ["demo-faq-a04", "demo-faq-a07", "demo-faq-b13"]
    html = client.get(page.url).content.decode()
    for other in related:
        assert tags(html, "a", href=other.url)


def test_unpublished_related_answer_is_not_shown(client):
    page = answer("demo-faq-a01")
    hidden = answer("demo-faq-a07")
    hidden.unpublish()
    html = client.get(page.url).content.decode()
    assert not tags(html, "a", href=hidden.url)
    assert hidden.external_id not in [other.external_id for other in page.related_answers()]


def test_breadcrumbs_lead_home_then_faq(client):
    html = client.get(answer().url).content.decode()
    nav = html[html.index('class="breadcrumbs"') : html.index("</nav>", html.index('class="breadcrumbs"'))]
    assert tags(nav, "a", href="/") and tags(nav, "a", href="/faq/")
    category_html = client.get("/faq/category/scams/").content.decode()
    assert tags(category_html, "a", href="/faq/") and tags(category_html, "span", **{"aria-current": "page"})


def test_english_answer_and_index_are_in_english(client):
    page = answer("demo-faq-a08", "en")
    assert page.url.startswith("/en/faq/")
    html = client.get(page.url).content.decode()
    assert tags(html, "html", lang="en")
    for text in ("Short answer", "Was this answer helpful?", "Last reviewed", page.short_answer):
        assert text in html
    assert tags(html, "a", href="/en/faq/category/negotiation/")
    index_html = client.get("/en/faq/").content.decode()
    assert "Negotiating repayment" in index_html and "Debt collection and your rights" in index_html
    assert tags(index_html, "form", action="/en/search/")
    assert "All " in index_html and " answers in Negotiating repayment" in index_html


def test_answer_copied_into_another_language_is_listed_under_that_languages_category(client):
    """An admin-made translation keeps pointing at the original's category until an editor changes it."""
    original = answer("demo-faq-a02")
    copy = original.copy_for_translation(PolicyIndexPage.objects.get(locale__language_code="en").locale)
    copy.title = "Can my bank split my card debt into 60 instalments?"
    copy.save_revision().publish()
    assert copy.category.locale.language_code == "zh-hans"
    html = client.get("/en/faq/category/negotiation/").content.decode()
    assert copy.title in html
    assert tags(client.get(copy.url).content.decode(), "a", href="/en/faq/category/negotiation/")
