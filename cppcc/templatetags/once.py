from django import template
from django.utils.html import format_html

from cppcc.once import FIELD, new_token

register = template.Library()


@register.simple_tag(takes_context=True)
def submit_once(context) -> str:
    """The hidden token of a create form; a re-rendered form keeps the token it was sent with."""
    request = context.get("request")
    token = request.POST.get(FIELD, "") if request is not None and request.method == "POST" else ""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, token or new_token())
