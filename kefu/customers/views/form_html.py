"""Form markup (表单片段): a form's errors and fields as ``_form_errors.html`` and
``_field.html`` render them, built in Python.

The customer page carries up to three forms in closed ``<details>``; through the template
language (an include per field, each widget through its own template) they cost about a
quarter of the page's rendering. An unbound form's markup depends only on its class, its
initial values and the language, so it is built once per process and reused; a bound form
(one that came back with errors) is built each time.
"""

from __future__ import annotations

from html import escape

from django import forms
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language

_unbound: dict[tuple[object, ...], SafeString] = {}
_UNBOUND_MAX = 256  # class × language × initial values: a handful in practice


def _text(value: object) -> str:
    """As ``{{ value }}`` with autoescape: safe strings as they are, the rest escaped."""
    return str(value) if isinstance(value, SafeData) else escape(str(value))


def _field(field: forms.BoundField) -> str:
    """One field as ``customers/_field.html`` renders it."""
    errors = str(field.errors)
    if field.widget_type == "checkbox":
        return f'<label class="check">{field} {_text(field.label)}{errors}</label>'
    required = ' <span class="muted">*</span>' if field.field.required else ""
    help_text = (
        f'<span class="muted help">{_text(field.help_text)}</span>' if field.help_text else ""
    )
    return f"<label>{_text(field.label)}{required}{field}{help_text}{errors}</label>"


def errors_html(form: forms.Form) -> SafeString:
    """The form's non-field errors, as ``customers/_form_errors.html`` renders them."""
    non_field = form.non_field_errors() if form.is_bound else ()
    if not non_field:
        return mark_safe("")
    items = "".join(f"<p>{_text(e)}</p>" for e in non_field)
    return mark_safe(f'<div class="error" role="alert">{items}</div>')  # noqa: S308 — escaped


def _build(form: forms.Form) -> SafeString:
    return mark_safe("".join(_field(field) for field in form))  # noqa: S308 — labels escaped


def _cache_key(form: forms.Form) -> tuple[object, ...] | None:
    """Key of an unbound form's markup, or None when it may change between requests (a bound
    form, a callable initial value, a value that cannot be a key)."""
    if form.is_bound or any(callable(f.initial) for f in form.fields.values()):
        return None
    try:
        initial = tuple(sorted(form.initial.items()))
        key = (type(form), get_language(), form.prefix, form.auto_id, initial)
        hash(key)
    except TypeError:
        return None
    return key


def fields_html(form: forms.Form) -> SafeString:
    """The form's fields, each as ``customers/_field.html`` renders it."""
    key = _cache_key(form)
    if key is None:
        return _build(form)
    html = _unbound.get(key)
    if html is None:
        html = _build(form)
        if len(_unbound) >= _UNBOUND_MAX:
            _unbound.clear()
        _unbound[key] = html
    return html
