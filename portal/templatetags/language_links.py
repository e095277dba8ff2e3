"""Links between the language versions of the current page: the switcher, hreflang and the lang attribute."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()

# Django names the locale "zh-hans"; HTML's lang and hreflang want the BCP 47 form.
BCP47 = {"zh-hans": "zh-Hans", "en": "en"}


@register.filter
def bcp47(language_code):
    return BCP47.get(language_code, language_code)


def _page_translations(page):
    if page is None or not getattr(page, "pk", None) or not hasattr(page, "get_translations"):
        return None
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {translation.locale.language_code: translation for translation in translations}


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: where this page lives in it, and whether that version exists."""
    request = context["request"]
    current = get_language()
    translations = _page_translations(context.get("page"))
    links = []
    for code, name in settings.LANGUAGES:
        if translations is None:
            url = translate_url(request.get_full_path(), code)
            exists, absolute_url = True, request.build_absolute_uri(url)
        elif code in translations:
            url = translations[code].get_url(request)
            exists, absolute_url = True, translations[code].get_full_url(request)
        else:
            url = translate_url("/", code)
            exists, absolute_url = False, request.build_absolute_uri(url)
        links.append(
            {
                "code": code,
                "lang": BCP47.get(code, code),
                "name": name,
                "url": url,
                "absolute_url": absolute_url,
                "exists": exists,
                "current": code == current,
            }
        )
    return links
