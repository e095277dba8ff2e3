"""The site's main navigation: the topics of the reader's language."""

from django import template
from django.utils.translation import get_language

from content.models import TopicIndexPage

register = template.Library()


@register.simple_tag
def site_topics():
    # The language code comes from the URL; filtering through it costs one query, not a Locale lookup too.
    return (
        TopicIndexPage.objects.live().public().filter(locale__language_code=get_language()).order_by("path")
    )
