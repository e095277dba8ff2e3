"""Quiz pages as editors build them: questions with choices and explanations, and result bands.

Questions and choices are rows (not StreamField items) so that answers can point at them and editors can see,
per question, how many took it and which wrong answer is common. Their ids survive edits of the page.
"""

import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.page_tree import CachedViewRestrictionsMixin, public
from quizzes import scoring
from quizzes.forms import QuizPageForm

MAX_BAND_READING = 3


class QuizIndexPage(CachedViewRestrictionsMixin, Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = ["quizzes.QuizPage"]

    class Meta:
        verbose_name = _("quiz index")

    def quizzes(self):
        return public(QuizPage.objects.child_of(self).live()).order_by("path")


class QuizPage(CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    base_form_class = QuizPageForm

    KIND_CHOICES = [
        (scoring.KNOWLEDGE, _("Knowledge quiz: right and wrong answers, a score")),
        (scoring.SCALE, _("Self-assessment scale: each answer carries points, no right answer")),
    ]

    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES, default=scoring.KNOWLEDGE)
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"], blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        InlinePanel("questions", heading=_("Questions"), label=_("Question"), min_num=1),
        InlinePanel("bands", heading=_("Result bands"), label=_("Result band"), min_num=1),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.RelatedFields("questions", [index.SearchField("text")]),
    ]

    parent_page_types = ["quizzes.QuizIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    @property
    def is_scale(self):
        return self.kind == scoring.SCALE

    def ordered_questions(self):
        """Questions in the editor's order with their choices and "learn more" pages (two queries)."""
        return list(
            self.questions.order_by("sort_order").select_related("learn_more").prefetch_related("choices")
        )

    def max_total(self, questions=None):
        questions = self.ordered_questions() if questions is None else questions
        return scoring.max_total(self.kind, [question.choice_triples() for question in questions])

    def band_for(self, total):
        bands = self.bands.order_by("sort_order", "min_score")
        return scoring.band_for(total, [(band.min_score, band.max_score, band) for band in bands])

    def subpage_url(self, name, *args):
        return self.url + self.reverse_subpage(name, args=args)

    # The routes (views.py holds what they do)

    @path("")
    def intro_view(self, request):
        from quizzes import views

        return views.intro(request, self)

    @path("q/<int:number>/", name="question")
    def question_view(self, request, number):
        from quizzes import views

        return views.question(request, self, number)

    @path("all/", name="all")
    def all_view(self, request):
        from quizzes import views

        return views.whole_quiz(request, self)

    @path("retake/", name="retake")
    def retake_view(self, request):
        from quizzes import views

        return views.retake(request, self)

    @path("result/<uuid:token>/", name="result")
    def result_view(self, request, token):
        from quizzes import views

        return views.result(request, self, token)

    def route(self, request, path_components):
        # A quiz unpublished while someone takes it: their next step explains that, rather than a bare 404.
        if not self.live and path_components:
            from wagtail.url_routing import RouteResult

            from quizzes import views

            return RouteResult(self, args=(functools.partial(views.withdrawn, self), (), {}))
        return super().route(request, path_components)


class Question(ClusterableModel, Orderable):
    page = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"), max_length=500)
    explanation = models.TextField(
        _("explanation"), max_length=1500, help_text=_("Shown after the question is answered.")
    )
    learn_more = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("learn more"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The article or FAQ answer that teaches this."),
    )

    panels = [
        FieldPanel("text"),
        InlinePanel("choices", label=_("Choice"), min_num=2),
        FieldPanel("explanation"),
        PageChooserPanel("learn_more", ["content.ArticlePage", "content.PolicyAnswerPage"]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    def ordered_choices(self):
        return sorted(self.choices.all(), key=lambda choice: (choice.sort_order or 0, choice.pk or 0))

    def choice_triples(self):
        return [(choice.pk, choice.is_correct, choice.points) for choice in self.ordered_choices()]

    @property
    def several_correct(self):
        return sum(1 for choice in self.choices.all() if choice.is_correct) > 1

    def correct_choices(self):
        return [choice for choice in self.ordered_choices() if choice.is_correct]


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("answer"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False, help_text=_("Knowledge quizzes only."))
    points = models.SmallIntegerField(_("points"), default=0, help_text=_("Self-assessment scales only."))

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("points")]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


class ResultBand(ClusterableModel, Orderable):
    page = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="bands")
    min_score = models.PositiveSmallIntegerField(_("lowest score"))
    max_score = models.PositiveSmallIntegerField(_("highest score"))
    title = models.CharField(_("title"), max_length=120)
    message = models.TextField(_("message"), max_length=1000)

    panels = [
        MultiFieldPanel([FieldPanel("min_score"), FieldPanel("max_score")], heading=_("Score range")),
        FieldPanel("title"),
        FieldPanel("message"),
        InlinePanel("reading", label=_("Recommended reading"), max_num=MAX_BAND_READING),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("result band")
        verbose_name_plural = _("result bands")

    def __str__(self):
        return f"{self.title} ({self.min_score}–{self.max_score})"

    def clean(self):
        super().clean()
        if self.min_score is not None and self.max_score is not None and self.min_score > self.max_score:
            raise ValidationError({"max_score": _("The highest score cannot be below the lowest.")})

    def live_reading(self):
        """The live pages recommended, in order (one query: titles and URLs need no specific page)."""
        return [
            item.page for item in self.reading.select_related("page").order_by("sort_order") if item.page.live
        ]


class BandReading(Orderable):
    band = ParentalKey(ResultBand, on_delete=models.CASCADE, related_name="reading")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("recommended reading")
        verbose_name_plural = _("recommended reading")
