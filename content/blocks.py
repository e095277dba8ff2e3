"""StreamField blocks for articles: text, key points, images, quotes and links to tools and answers.

Logic lives in StructValue classes so that templates only render.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from portal import page_tree
from portal.page_tree import public
from portal.tools.calculators import CALCULATORS

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

# The budgeting tools an article can point to. Each links to the live tool page of that calculator in the
# reader's language; until there is one, the block names the tool without a link.
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
        """Each chosen tool with the URL of its live page in the reader's language, if there is one."""
        slugs = tuple(self.get("tools") or [])
        language = get_language()
        urls = page_tree.kept(f"tool-urls:{language}:{','.join(slugs)}", lambda: _tool_urls(language, slugs))
        labels = dict(TOOL_CHOICES)
        return [{"label": labels.get(slug, slug), "url": urls.get(slug)} for slug in slugs]


def _tool_urls(language, slugs):
    from content.models import ToolPage

    pages = public(ToolPage.objects.live()).filter(locale__language_code=language, tool__in=slugs)
    return {page.tool: page.url for page in pages}


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


class CalculatorBlock(blocks.StructBlock):
    """A working calculator inside an article: the form submits to the article itself (GET, nothing kept)."""

    tool = blocks.ChoiceBlock(
        choices=[(slug, calculator.label) for slug, calculator in CALCULATORS.items()], label=_("Calculator")
    )
    intro = blocks.RichTextBlock(label=_("Introduction"), features=RICH_TEXT_FEATURES, required=False)

    class Meta:
        icon = "calculator"
        template = "blocks/calculator.html"
        label = _("Calculator")
        preview_value = {"tool": "apr", "intro": "<p>算一算这笔借款的真实年化利率。</p>"}

    def get_context(self, value, parent_context=None):
        from content.calculators import calculator_context

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        if request is not None:
            context.update(calculator_context(value["tool"], request))
        return context


class QuizValue(blocks.StructValue):
    def live_quiz(self):
        """The chosen quiz while it is live and public (a restricted training quiz is not shown here)."""
        if not hasattr(self, "_live_quiz"):
            # The chooser loads the QuizPage itself (the block's target model); one query checks privacy.
            page = self.get("quiz")
            public = page is not None and page.live and not page.get_view_restrictions().exists()
            self._live_quiz = page if public else None
        return self._live_quiz

    def start_url(self):
        return self.live_quiz().subpage_url("question", 1)

    def all_url(self):
        return self.live_quiz().subpage_url("all")


class QuizBlock(blocks.StructBlock):
    """A quiz inside an article: its introduction and the ways to start it (the quiz runs on its own page)."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=80)
    quiz = blocks.PageChooserBlock(page_type="quizzes.QuizPage", label=_("Quiz"))

    class Meta:
        icon = "tasks"
        template = "blocks/quiz.html"
        label = _("Quiz")
        value_class = QuizValue
        preview_value = {"heading": "", "quiz": None}


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
    calculator = CalculatorBlock()
    quiz = QuizBlock()
