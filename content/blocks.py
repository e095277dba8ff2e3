"""StreamField blocks for articles: text, key points, images, quotes and links to tools and answers.

Logic lives in StructValue classes so that templates only render.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

# The budgeting tools an article can point to. Each resolves to the URL named "tools:<slug>" once the
# tools app provides it; until then the block names the tool without a link.
TOOL_CHOICES = [
    ("budget", _("Budget planner")),
    ("loan-schedule", _("Loan repayment calculator")),
    ("apr", _("True APR calculator")),
    ("payoff", _("Debt payoff planner")),
]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        form_classname = "title"
        label = _("Heading")
        preview_value = "怎样看懂借款的真实成本"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"
        label = _("Key point")
        preview_value = {
            "title": "要点",
            "body": "<p>先列出所有欠款，再决定先和谁联系。</p>",
        }


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image with caption")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        label = _("Quote")
        preview_value = {"quote": "早一点开口，选择就多一点。", "attribution": "一位借款人"}


class RelatedToolsValue(blocks.StructValue):
    def tool_links(self):
        labels = dict(TOOL_CHOICES)
        links = []
        for slug in self.get("tools") or []:
            try:
                url = reverse(f"tools:{slug}")
            except NoReverseMatch:
                url = None
            links.append({"label": labels.get(slug, slug), "url": url})
        return links


class RelatedToolsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=80)
    tools = blocks.ListBlock(
        blocks.ChoiceBlock(choices=TOOL_CHOICES, label=_("Tool")), label=_("Tools"), min_num=1
    )

    class Meta:
        icon = "calculator"
        template = "blocks/related_tools.html"
        label = _("Related tools")
        value_class = RelatedToolsValue
        preview_value = {"heading": "", "tools": ["budget", "apr"]}


class RelatedQuestionsValue(blocks.StructValue):
    def live_pages(self):
        return [page for page in self.get("pages") or [] if page is not None and page.live]


class RelatedQuestionsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=80)
    pages = blocks.ListBlock(blocks.PageChooserBlock(label=_("Page")), label=_("Questions"))

    class Meta:
        icon = "help"
        template = "blocks/related_questions.html"
        label = _("Related questions")
        value_class = RelatedQuestionsValue
        preview_value = {"heading": "", "pages": []}


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label=_("Paragraph"),
        template="blocks/paragraph.html",
        preview_value="<p>借款前先问清楚年化利率。</p>",
    )
    callout = CalloutBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    related_tools = RelatedToolsBlock()
    related_questions = RelatedQuestionsBlock()
