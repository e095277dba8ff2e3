"""Every StreamField block renders, in both languages, from the values editors would give it."""

import io

import pytest
from django.core.files.images import ImageFile
from django.utils import translation
from PIL import Image as PillowImage
from wagtail.images.models import Image

from content.blocks import ArticleBodyBlock
from content.models import ToolPage
from tests.helpers import article

pytestmark = pytest.mark.django_db

BODY = ArticleBodyBlock()


def make_image():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (640, 360), (11, 83, 148)).save(buffer, format="PNG")
    return Image.objects.create(
        title="还款示意图", file=ImageFile(buffer, name="chart.png"), description="到手金额与合同金额的对比"
    )


def render(name, value, language):
    block = BODY.child_blocks[name]
    with translation.override(language):
        return block.render(block.to_python(value) if not hasattr(value, "items") else block.to_python(value))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("name", ["heading", "paragraph", "callout", "quote"])
def test_text_blocks_render_their_preview_values(name, language):
    block = BODY.child_blocks[name]
    with translation.override(language):
        html = block.render(block.get_preview_value())
    assert html.strip()
    assert "{{" not in html and "{%" not in html


def test_heading_is_a_level_two_heading():
    assert (
        BODY.child_blocks["heading"].render("先算清楚").strip() == '<h2 class="block-heading">先算清楚</h2>'
    )


@pytest.mark.parametrize(("language", "label"), [("zh-hans", "要点"), ("en", "Key point")])
def test_callout_is_labelled_as_a_key_point(language, label):
    block = BODY.child_blocks["callout"]
    with translation.override(language):
        html = block.render(block.to_python({"title": "别借新还旧", "body": "<p>先联系贷款机构。</p>"}))
    assert f'aria-label="{label}"' in html
    assert "别借新还旧" in html and "先联系贷款机构" in html


def test_image_block_renders_a_rendition_with_alt_text_and_caption():
    image = make_image()
    block = BODY.child_blocks["image"]
    value = block.to_python(
        {
            "image": {"image": image.pk, "alt_text": "到手九千，合同一万", "decorative": False},
            "caption": "到手金额少于合同金额",
        }
    )
    html = block.render(value)
    assert 'alt="到手九千，合同一万"' in html
    assert "<figcaption>到手金额少于合同金额</figcaption>" in html
    assert 'loading="lazy"' in html and "/media/images/" in html
    # Responsive sizes, WebP first: a phone downloads the 400-pixel rendition, not the full image.
    assert 'type="image/webp"' in html and ".format-webp.width-400." in html and "400w" in html
    assert 'sizes="(max-width: 52rem) 100vw, 800px"' in html


@pytest.mark.parametrize(
    ("language", "prefix", "budget_label", "soon"),
    [("zh-hans", "", "预算规划", "即将推出"), ("en", "/en", "Budget planner", "coming soon")],
)
def test_related_tools_link_live_tool_pages_and_name_the_others(language, prefix, budget_label, soon):
    block = BODY.child_blocks["related_tools"]
    value = block.to_python({"heading": "", "tools": ["budget", "loan-schedule", "apr", "payoff"]})
    with translation.override(language):
        html = block.render(value)
    for slug in ("budget-planner", "loan-repayments", "true-apr", "debt-payoff"):
        assert f'href="{prefix}/tools/{slug}/"' in html
    assert soon not in html
    # A tool whose page is taken down is still named, without a link.
    ToolPage.objects.get(tool="budget", locale__language_code=language).unpublish()
    with translation.override(language):
        html = block.render(value)
    assert soon in html and budget_label in html
    assert f'href="{prefix}/tools/budget-planner/"' not in html


def test_calculator_block_computes_from_the_query_string(rf):
    block = BODY.child_blocks["calculator"]
    request = rf.get(
        "/borrowing-basics/true-cost-of-borrowing/",
        {"principal": "10000", "received": "9000", "payment": "1000", "months": "12"},
    )
    with translation.override("en"):
        html = block.render(
            block.to_python({"tool": "apr", "intro": "<p>Try it.</p>"}), context={"request": request}
        )
    assert "56.75%" in html and "Try it." in html
    assert 'method="get"' in html


def test_related_questions_show_only_live_pages():
    live, draft = article("how-to-complain"), article("collection-rights")
    draft.unpublish()
    block = BODY.child_blocks["related_questions"]
    html = block.render(block.to_python({"heading": "相关问题", "pages": [live.pk, draft.pk]}))
    assert live.title in html and draft.title not in html


def test_related_questions_with_no_live_pages_render_nothing():
    block = BODY.child_blocks["related_questions"]
    assert block.render(block.to_python({"heading": "", "pages": []})).strip() == ""
