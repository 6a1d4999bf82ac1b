"""Small template helpers for the reviewer UI (roles in the navigation, verdict styling, language names)."""
from django import template

from verify.language import language_label as _language_label
from verify.roles import EDITOR, REVIEWER, user_has_role, user_role
from verify.services import SUPPORTED_LANGUAGES

register = template.Library()


@register.filter
def role_of(user) -> str:
    return user_role(user) or ""


@register.filter
def is_editor(user) -> bool:
    return user_has_role(user, EDITOR)


@register.filter
def is_reviewer(user) -> bool:
    """Reviewers and up: who may read the desk's reports."""
    return user_has_role(user, REVIEWER)


@register.filter
def verdict_class(verdict: str) -> str:
    """The CSS modifier for a verdict badge (values are fixed choices, never user text)."""
    return f"verdict-{(verdict or 'unreviewed').replace('_', '-')}"


@register.filter
def language_label(code: str) -> str:
    """The language's name and code, "Polish (pl)"; "could not tell" for "und"."""
    return _language_label(code) if code else ""


@register.filter
def language_is_read(code: str) -> bool:
    """True for a language the extractor reads (the article list only mentions the others)."""
    return code in SUPPORTED_LANGUAGES


@register.simple_tag(takes_context=True)
def nav_current(context, *names: str) -> str:
    """aria-current="page" for the navigation link of the page being shown."""
    match = getattr(context.get("request"), "resolver_match", None)
    if match and match.url_name in names:
        return 'aria-current=page'
    return ""
