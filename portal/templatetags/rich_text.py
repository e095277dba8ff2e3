"""``|sanitised``: rich text HTML cleaned by portal/rich_text.py, marked safe for the template."""

from django import template
from django.utils.safestring import mark_safe

from portal.rich_text import sanitise

register = template.Library()


@register.filter
def sanitised(html):
    return mark_safe(sanitise(str(html)))
