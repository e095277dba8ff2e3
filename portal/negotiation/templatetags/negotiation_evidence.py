"""What the evidence parts of the request pages need beside the request: whether files can still be added,
and the upload form (the one a refused post left, with its errors, or an empty one)."""

from django import template

from portal.negotiation import evidence

register = template.Library()


@register.simple_tag(takes_context=True)
def evidence_upload(context, made):
    """`form`, `refusal` (why nothing can be added now, or None) and `left` (how many more files fit)."""
    left = evidence.room_left(made)
    refusal = evidence.refusal_for(made)
    if refusal is None and left == 0:
        refusal = evidence.too_many_message(0)
    return {
        "form": context.get("evidence_form") or evidence.empty_form(made),
        "refusal": refusal,
        "left": left,
        "limit": evidence.MAX_FILES,
    }
