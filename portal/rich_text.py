"""Editors' rich text as it may reach a reader: the HTML Wagtail stores for a rich text field or block,
cleaned with nh3 (an allowlist HTML sanitiser) every time it is shown.

Wagtail's editor only produces the features a field allows, but stored HTML also arrives by other roads (an
import, the API, a shell, an old revision), and ``|richtext`` renders whatever is stored. So the project's
``wagtailcore/shared/richtext.html``, the one template every rich text value renders through, passes it here:
the tags of the features the portal's fields use (paragraphs, bold, italic, links, lists, and the headings
and images Wagtail's own features write), links to web, mail and phone addresses or the site's own pages
only, no scripts, styles, event handlers or frames.
"""

import nh3

TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h2", "h3", "h4", "img", "hr"}
ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "class"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise(html):
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES)
