"""The policy FAQ: an index browsable by category, answer pages, and the counts of a "was this helpful?" vote.

Counts live in AnswerFeedback, not on the page: page fields are copied into revisions, so a later publish
would overwrite them. Votes store counts only; the session remembers which answers a reader rated.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.rich_text import RichText
from wagtail.search import index

from content.blocks import ArticleBodyBlock
from content.structured_data import faq_page, json_ld
from portal.assessment.models import NegotiationOption
from portal.assessment.options import published_options
from portal.page_tree import CachedViewRestrictionsMixin, public
from portal.rich_text import sanitise

QUESTIONS_PER_CATEGORY_CARD = 5
MAX_RELATED_ANSWERS = 3
# Fewer votes than this say more about chance than about the answer, so the share is not shown.
MIN_VOTES_SHOWN = 5
VOTED_SESSION_KEY = "faq_voted"


class PolicyCategory(TranslatableMixin, models.Model):
    slug = models.SlugField(
        _("slug"), max_length=60, help_text=_("The key import files use, e.g. negotiation.")
    )
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.IntegerField(_("sort order"), default=0, help_text=_("Lower numbers come first."))

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("FAQ category")
        verbose_name_plural = _("FAQ categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_policy_category_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class PolicyIndexPage(CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.PolicyAnswerPage"]

    class Meta:
        verbose_name = _("FAQ index")

    def answers(self):
        """Live answers under this index with their category, bodies left unloaded (one query)."""
        return (
            public(PolicyAnswerPage.objects.child_of(self).live())
            .defer_streamfields()
            .select_related("category")
            .order_by("path")
        )

    def categories(self):
        return PolicyCategory.objects.filter(locale_id=self.locale_id)

    def negotiation_options(self):
        """The published negotiation options in this page's language in one query (published_options, which
        falls back to the default language's, only when none are translated)."""
        options = list(NegotiationOption.objects.filter(locale_id=self.locale_id))
        return options or published_options(self.locale.language_code)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Passed uncalled: the template that lists the options calls it once, the category pages never do.
        context["negotiation_options"] = self.negotiation_options
        return context

    def category_url(self, category):
        return self.url + self.reverse_subpage("category", kwargs={"slug": category.slug})

    def category_groups(self):
        """Each category of this language that has answers, with its answers, in the editors' order.

        Answers are grouped by the category's translation key, so an answer copied from another language
        (still pointing at that language's category) is listed under this language's category.
        """
        groups = {
            category.translation_key: {
                "category": category,
                "url": self.category_url(category),
                "answers": [],
            }
            for category in self.categories()
        }
        for answer in self.answers():
            group = groups.get(answer.category.translation_key)
            if group is not None:
                group["answers"].append(answer)
        return [group for group in groups.values() if group["answers"]]

    @path("")
    def help_centre(self, request):
        groups = self.category_groups()
        for group in groups:
            group["top_answers"] = group["answers"][:QUESTIONS_PER_CATEGORY_CARD]
        answers = [answer for group in groups for answer in group["answers"]]
        return self.render(
            request,
            context_overrides={
                "category_groups": groups,
                "structured_data": json_ld(faq_page(request, answers)),
            },
        )

    @path("category/<slug:slug>/", name="category")
    def category(self, request, slug):
        category = self.categories().filter(slug=slug).first()
        if category is None:
            raise Http404
        answers = list(self.answers().filter(category__translation_key=category.translation_key))
        return self.render(
            request,
            template="content/policy_category.html",
            context_overrides={
                "category": category,
                "answers": answers,
                "other_categories": [
                    {"category": other, "url": self.category_url(other)}
                    for other in self.categories()
                    if other.pk != category.pk
                ],
                "structured_data": json_ld(faq_page(request, answers)),
            },
        )


class PolicyAnswerPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "content.PolicyAnswerPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": _("Choose “Yes” or “No”."),
            "invalid_choice": _("Choose “Yes” or “No”."),
        },
    )


class PolicyAnswerPage(CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("The id this answer has in import files; re-importing the file updates this page."),
    )
    short_answer = models.TextField(
        _("short answer"), max_length=600, help_text=_("One or two sentences, shown first.")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("full answer"))
    category = models.ForeignKey(
        PolicyCategory, on_delete=models.PROTECT, related_name="answers", verbose_name=_("category")
    )
    tags = ClusterTaggableManager(through=PolicyAnswerPageTag, blank=True, verbose_name=_("tags"))
    last_reviewed = models.DateField(
        _("last reviewed"),
        help_text=_("When an editor last checked that every rule and figure is still right."),
    )

    content_panels = [
        TitleFieldPanel("title", heading=_("Question")),
        FieldPanel("short_answer"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("tags"), FieldPanel("last_reviewed")],
            heading=_("Category, tags and review"),
        ),
        InlinePanel("related_answer_links", label=_("Related answers"), max_num=MAX_RELATED_ANSWERS),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("external_id")]
    search_fields = Page.search_fields + [
        index.AutocompleteField("title"),
        index.SearchField("short_answer", boost=2),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.FilterField("category"),
        index.FilterField("external_id"),
    ]

    parent_page_types = ["content.PolicyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("FAQ answer")
        verbose_name_plural = _("FAQ answers")

    def clean(self):
        # A database constraint cannot span Page's table (locale) and this one's (external_id), so the
        # rule "one answer per external id and language" is checked here; Page.save() runs full_clean().
        super().clean()
        if self.external_id:
            clash = PolicyAnswerPage.objects.filter(external_id=self.external_id, locale_id=self.locale_id)
            if clash.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"external_id": _("Another answer in this language already has this external id.")}
                )

    @property
    def summary(self):
        # The page head's description and Open Graph tags read `summary`, as articles have one.
        return self.short_answer

    def search_snippet(self):
        return self.short_answer

    def body_text(self):
        texts = []
        for block in self.body:
            if isinstance(block.value, RichText):
                # The stored HTML, sanitised as the page shows it: what a <script> or <style> held is gone.
                texts.append(strip_tags(sanitise(block.value.source)))
            else:
                texts.extend(strip_tags(text) for text in block.block.get_searchable_content(block.value))
        return "\n\n".join(text.strip() for text in texts if text.strip())

    def local_category(self):
        """The category in this page's language (a copied translation may still point at the original's)."""
        category = self.category
        if category.locale_id != self.locale_id:
            category = category.get_translation_or_none(self.locale_id) or category
        return category

    def related_answers(self):
        """Live related answers in this page's language, in the editor's order (one query and Wagtail's
        view-restriction lookup). Links are matched by translation key, so a copied translation's links
        to the original language's answers show this language's versions."""
        links = PolicyRelatedAnswer.objects.filter(
            answer_id=self.pk, page__translation_key=OuterRef("translation_key")
        )
        return list(
            public(PolicyAnswerPage.objects.live())
            .filter(locale_id=self.locale_id, translation_key__in=links.values("page__translation_key"))
            .exclude(pk=self.pk)
            .defer_streamfields()
            .annotate(link_order=Subquery(links.values("sort_order")[:1]))
            .order_by("link_order")[:MAX_RELATED_ANSWERS]
        )

    def category_url(self, category):
        # The parent index's URL is this page's minus its last segment: no query for the parent.
        url = self.url
        if not url:
            return None
        index_url = url[: url.rstrip("/").rfind("/") + 1]
        return index_url + PolicyIndexPage().reverse_subpage("category", kwargs={"slug": category.slug})

    def feedback_counts(self):
        feedback = AnswerFeedback.objects.filter(page_id=self.pk).first()
        return feedback or AnswerFeedback(page_id=self.pk)

    def has_voted(self, request):
        return self.pk in request.session.get(VOTED_SESSION_KEY, [])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        category = self.local_category()
        feedback = self.feedback_counts()
        context.update(
            category=category,
            category_url=self.category_url(category),
            feedback=feedback,
            show_feedback_share=feedback.total >= MIN_VOTES_SHOWN,
            already_voted=self.has_voted(request),
            feedback_url=reverse("faq_feedback", kwargs={"page_id": self.pk}),
            structured_data=json_ld(faq_page(request, [self], full_text=True)),
        )
        return context

    def record_feedback(self, request):
        """Counts a posted vote once per session (content/feedback.py checks where it came from)."""
        form = FeedbackForm(request.POST)
        if not form.is_valid():
            response = self.render(request, context_overrides={"feedback_form": form})
            response.status_code = 400
            return response
        if self.has_voted(request):
            messages.info(request, _("You have already rated this answer. Thank you."))
        else:
            AnswerFeedback.record(self, helpful=form.cleaned_data["helpful"])
            request.session[VOTED_SESSION_KEY] = [*request.session.get(VOTED_SESSION_KEY, []), self.pk]
            messages.success(request, _("Thank you. Your answer helps us improve this page."))
        return HttpResponseRedirect(self.url + "#feedback")


class PolicyRelatedAnswer(Orderable):
    answer = ParentalKey(PolicyAnswerPage, on_delete=models.CASCADE, related_name="related_answer_links")
    page = models.ForeignKey(
        PolicyAnswerPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("answer")
    )

    panels = [PageChooserPanel("page", page_type="content.PolicyAnswerPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related answer")


class AnswerFeedback(models.Model):
    """How many readers found an answer helpful or not: counts only, never who voted."""

    page = models.OneToOneField(
        PolicyAnswerPage,
        on_delete=models.CASCADE,
        related_name="feedback_counts_row",
        verbose_name=_("answer"),
    )
    helpful = models.PositiveIntegerField(_("helpful"), default=0)
    not_helpful = models.PositiveIntegerField(_("not helpful"), default=0)

    class Meta:
        verbose_name = _("answer feedback")
        verbose_name_plural = _("answer feedback")

    def __str__(self):
        return f"{self.page_id}: +{self.helpful} / -{self.not_helpful}"

    @property
    def total(self):
        return self.helpful + self.not_helpful

    @classmethod
    def record(cls, page, *, helpful):
        # F() increments in the database, so simultaneous votes from two workers are both counted.
        field = "helpful" if helpful else "not_helpful"
        feedback, _created = cls.objects.get_or_create(page=page)
        cls.objects.filter(pk=feedback.pk).update(**{field: F(field) + 1})
