"""The site's main navigation: the topics of the reader's language."""

from django import template
from wagtail.models import Locale

from content.models import TopicIndexPage

register = template.Library()


@register.simple_tag
def site_topics():
    return TopicIndexPage.objects.live().public().filter(locale=Locale.get_active()).order_by("path")
