"""The pillar page's questions, rendered in Python (issue 18: crispy-forms' per-field machinery
cost more than everything else on the page together).

What does not change from one question to the next (translations, address prefixes, the CSRF
token) is prepared once per page (`PageWords`, kept in the render context); each question is
then a few string joins. The markup is what crispy-forms' Bootstrap 5 pack wrote: a label (or a
fieldset and legend for radio buttons and checkboxes), help text tied by `aria-describedby`,
the question's save-state line, its evidence block."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from common.formats import long_date
from surveys.domain.definition import Question
from surveys.domain.progress import PillarProgress, overall_progress
from surveys.forms import LONG_CHOICE_LIST, MAX_FORMATTED, MAX_TEXT
from surveys.templatetags.portal import answer_text
from surveys.templatetags.words import PageWords, escape

register = template.Library()

# The input (type, inputmode) a text question's format asks for; lengths as surveys/forms.py.
TEXT_INPUTS = {"email": ("email", "email"), "phone": ("tel", "tel"), "url": ("url", "url")}
ACCEPTED_FILES = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"


def page_words(context: template.Context, response: Any, editable: bool) -> PageWords:
    words = context.render_context.get("page_words")
    if words is None:
        words = PageWords(
            public_id=str(response.public_id),
            csrf_token=str(context.get("csrf_token", "")),
            editable=editable,
        )
        context.render_context["page_words"] = words
    return words


def _num(value: Any) -> str:
    """A stored number as an input's value: 7, not 7.0; any size (a stored int may be huge)."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def _when(words: PageWords, moment: Any) -> str:
    """A timestamp as `<time>`: its long date (the same for most answers of a page, so written
    once per day) and its local hour and minute."""
    local = moment.astimezone(words.zone)
    day = local.date()
    written = words.days.get(day)
    if written is None:
        written = words.days[day] = long_date(day, words.lang)
    return f'<time datetime="{local.isoformat()}">{written} {local.hour:02d}:{local.minute:02d}</time>'


def last_changed(words: PageWords, answer: Any, code: str) -> str:
    """ "Last changed by …, when · History": the line under an answered question."""
    who = escape(str(answer.updated_by) if answer.updated_by_id else "—")
    return (
        f"{escape(words.last_changed % {'who': who})}, {_when(words, answer.updated_at)}\n"
        f'· <a href="{words.url(words.history, code)}">{words.history_word}'
        f'<span class="visually-hidden"> {escape(code)}</span></a>'
    )


@register.simple_tag(takes_context=True)
def answer_state(context: template.Context, response: Any, answer: Any, saved: bool = False) -> SafeString:
    """The save-state line of an answer (the page's, and autosave's after a save)."""
    words = page_words(context, response, False)
    if saved:
        local = localtime(answer.updated_at)
        stamp = f'<time datetime="{local.isoformat()}">{local:%H:%M:%S}</time>'
        return mark_safe(  # noqa: S308 - built of escaped parts
            f'<span data-state="saved" class="text-success">{escape(_("Saved"))} {stamp} · '
            f"{last_changed(words, answer, answer.question_code)}</span>"
        )
    line = last_changed(words, answer, answer.question_code)
    return mark_safe(f'<span class="text-body-secondary">{line}</span>')  # noqa: S308 - escaped parts


def _label(words: PageWords, q: Question) -> str:
    text = f"{escape(q.code)} {escape(q.text.get(words.lang))}"
    if q.required:
        text += words.required_mark
    return text


def _input_attrs(words: PageWords, q: Question, code: str) -> str:
    described = f"id_{code}_helptext state-{code}" if q.help else f"state-{code}"
    attrs = f' aria-describedby="{described}"'
    if q.required:
        attrs += ' aria-required="true"'
    if not words.editable:
        attrs += " disabled"
    return attrs


def _choices(words: PageWords, q: Question) -> list[tuple[str, str, bool]]:
    if q.type == "yes_no":
        return [("yes", words.yes, False), ("no", words.no, False)]
    return [(escape(c.code), escape(c.label.get(words.lang)), c.exclusive) for c in q.choices]


def _boxes(words: PageWords, q: Question, code: str, value: Any, help_html: str) -> str:
    kind = "checkbox" if q.type == "multi_choice" else "radio"
    chosen = set(value) if isinstance(value, list) else {value}
    attrs = _input_attrs(words, q, code).replace(' aria-required="true"', "")
    items = []
    for i, (choice, label, exclusive) in enumerate(_choices(words, q)):
        checked = " checked" if choice in chosen else ""
        extra = " data-exclusive" if exclusive else ""
        items.append(
            f'<div class="form-check"><input type="{kind}" class="form-check-input" name="{code}" '
            f'value="{choice}"{attrs}{extra} id="id_{code}_{i}"{checked}>'
            f'<label for="id_{code}_{i}" class="form-check-label">{label}</label></div>'
        )
    return (
        f'<div id="div_id_{code}" class="mb-3"><fieldset><legend class="form-label fs-6">{_label(words, q)}'
        f"</legend><div>{''.join(items)}</div>{help_html}</fieldset></div>"
    )


def _select(words: PageWords, q: Question, code: str, value: Any, help_html: str) -> str:
    multiple = q.type == "multi_choice"
    chosen = set(value) if isinstance(value, list) else {value}
    options = [] if multiple else ['<option value="">—</option>']
    for choice, label, _exclusive in _choices(words, q):
        selected = " selected" if choice in chosen else ""
        options.append(f'<option value="{choice}"{selected}>{label}</option>')
    size = ' size="10" multiple' if multiple else ""
    return (
        f'<div id="div_id_{code}" class="mb-3">'
        f'<label for="id_{code}" class="form-label">{_label(words, q)}</label>'
        f'<select name="{code}" data-searchable="{words.filter}" class="form-select"'
        f'{_input_attrs(words, q, code)} id="id_{code}"{size}>{"".join(options)}</select>{help_html}</div>'
    )


def _single(words: PageWords, q: Question, code: str, value: Any, help_html: str) -> str:
    attrs = _input_attrs(words, q, code)
    shown = "" if value in (None, "", []) else escape(value if isinstance(value, str) else _num(value))
    if q.type == "number":
        bounds = "".join(f' {k}="{_num(v)}"' for k, v in (("min", q.min), ("max", q.max)) if v is not None)
        control = (
            f'<input type="number" name="{code}" value="{shown}" step="any"{bounds} inputmode="decimal"'
            f'{attrs} class="numberinput form-control" id="id_{code}">'
        )
    elif q.type == "date":
        control = (
            f'<input type="date" name="{code}" value="{shown}"{attrs} class="dateinput form-control" '
            f'id="id_{code}">'
        )
    elif q.format in TEXT_INPUTS:
        kind, mode = TEXT_INPUTS[q.format]
        size = MAX_FORMATTED[q.format]
        control = (
            f'<input type="{kind}" name="{code}" value="{shown}" maxlength="{size}" inputmode="{mode}"'
            f'{attrs} class="textinput form-control" id="id_{code}">'
        )
    else:
        control = (
            f'<textarea name="{code}" cols="40" rows="2" maxlength="{MAX_TEXT}"{attrs} '
            f'class="textarea form-control" id="id_{code}">\n{shown}</textarea>'
        )
    return (
        f'<div id="div_id_{code}" class="mb-3">'
        f'<label for="id_{code}" class="form-label">{_label(words, q)}</label>'
        f"{control}{help_html}</div>"
    )


def field_html(words: PageWords, q: Question, value: Any) -> str:
    """One question's input(s) with label and help text."""
    code = escape(q.code)
    help_html = (
        f'<div id="id_{code}_helptext" class="form-text">{escape(q.help.get(words.lang))}</div>'
        if q.help
        else ""
    )
    if q.type in ("single_choice", "multi_choice", "yes_no"):
        if len(q.choices) >= LONG_CHOICE_LIST:
            return _select(words, q, code, value, help_html)
        return _boxes(words, q, code, value, help_html)
    return _single(words, q, code, value, help_html)


def evidence_html(
    words: PageWords, q: Question, files: Sequence[Any], error: str = "", editable: bool | None = None
) -> str:
    """A question's evidence: its files, and the upload form while the response is editable."""
    editable = words.editable if editable is None else editable
    code = escape(q.code)
    need = (
        f' <span class="fw-normal text-body-secondary">({words.for_points})</span>'
        if q.evidence == "required_for_points"
        else ""
    )
    parts = [
        f'<div class="evidence mt-2" id="evidence-{code}" data-evidence="{code}">',
        f'<p class="small mb-1 fw-bold">{words.evidence}{need}</p>',
    ]
    if error:
        parts.append(
            f'<p class="text-danger small mb-1" role="alert" id="evidence-error-{code}" data-evidence-error>'
            f"{escape(error)}</p>"
        )
    parts.append('<ul class="list-unstyled small mb-1">')
    for f in files:
        pid = str(f.public_id)
        note = ""
        if f.review_state == "rejected" and f.review_note:
            said = escape(words.note % {"note": f.review_note})
            note = f' <span class="text-danger" data-review-note>{said}</span>'
        remove = ""
        if editable:
            url = words.url(words.remove, pid)
            remove = (
                f'<form method="post" action="{url}" class="d-inline" hx-post="{url}" '
                f'hx-target="[id=\'evidence-{code}\']" hx-swap="outerHTML">{words.csrf}'
                f'<button class="btn btn-link btn-sm p-0 ms-2" type="submit">{words.remove_word}'
                f'<span class="visually-hidden"> {escape(f.original_name)}</span></button></form>'
            )
        parts.append(
            f'<li data-file="{pid}"><a href="{words.url(words.download, pid)}">{escape(f.original_name)}</a> '
            f"({filesizeformat(f.size)}, {escape(f.get_review_state_display())}){note}{remove}</li>"
        )
    if not files:
        parts.append(f'<li class="text-body-secondary">{words.no_file}</li>')
    parts.append("</ul>")
    if editable:
        url = words.url(words.upload, q.code)
        invalid = f' aria-describedby="evidence-error-{code}" aria-invalid="true"' if error else ""
        parts.append(
            f'<form method="post" enctype="multipart/form-data" action="{url}" '
            f'class="d-flex gap-2 align-items-center" hx-post="{url}" hx-encoding="multipart/form-data" '
            f'hx-target="[id=\'evidence-{code}\']" hx-swap="outerHTML">{words.csrf}'
            f'<label class="visually-hidden" for="file-{code}">'
            f"{escape(words.file_for % {'code': q.code})}</label>"
            f'<input class="form-control form-control-sm" type="file" name="file" id="file-{code}" '
            f'accept="{ACCEPTED_FILES}"{invalid}>'
            '<button class="btn btn-sm btn-outline-primary text-nowrap" type="submit">'
            f"{words.attach}</button></form>"
        )
    parts.append("</div>")
    return "".join(parts)


@register.simple_tag(takes_context=True)
def evidence_block(
    context: template.Context, response: Any, q: Question, files: Sequence[Any], error: str, editable: bool
) -> SafeString:
    words = page_words(context, response, editable)
    return mark_safe(evidence_html(words, q, files, error, editable))  # noqa: S308 - built of escaped parts


def _comments(words: PageWords, comments: Sequence[Any]) -> str:
    items = "".join(
        f'<li>{escape(c.body)} <small class="text-body-secondary">— '
        f"{escape(str(c.author) if c.author_id else 'DGA')}, "
        f'<time datetime="{localtime(c.created_at).isoformat()}">{long_date(c.created_at, words.lang)}</time>'
        "</small></li>"
        for c in comments
    )
    return (
        '<div class="alert alert-info review-comments" role="note" data-review-comments>'
        f'<p class="fw-bold mb-1">{words.comments}</p><ul class="mb-0">{items}</ul></div>'
    )


@register.simple_tag(takes_context=True)
def question_blocks(
    context: template.Context, response: Any, rows: Sequence[Any], editable: bool
) -> SafeString:
    """A section's questions, in one tag (a template loop of one tag a question cost ~10 µs a
    question more): each its form (or, for a file question, its text), its save-state line,
    last year's answer and its evidence."""
    words = page_words(context, response, editable)
    return mark_safe("".join(_block(words, row, editable) for row in rows))  # noqa: S308 - escaped parts


def _block(words: PageWords, row: Any, editable: bool) -> str:
    q: Question = row.question
    code = escape(q.code)
    conditional = f' data-visible-if="{escape(row.visible_if_json)}"' if q.visible_if else ""
    parts = [
        f'<section class="question card mb-3" id="q-{code}" data-question="{code}" data-type="{q.type}"'
        f'{conditional}{"" if row.visible else " hidden"} aria-label="{code}"><div class="card-body">'
    ]
    if row.comments:
        parts.append(_comments(words, row.comments))
    answer = row.answer
    if q.type != "file":
        url = words.url(words.autosave, q.code)
        save = (
            f'<noscript><button class="btn btn-sm btn-outline-primary" type="submit">{words.save}</button>'
            "</noscript>"
        )
        parts.append(
            f'<form method="post" action="{url}" class="answer-form" id="form-{code}" novalidate '
            f'hx-post="{url}" hx-trigger="change, autosave, submit" hx-sync="this:queue last" '
            f"hx-target=\"[id='state-{code}']\" "
            f'hx-swap="innerHTML">{words.csrf}'
            f'<input type="hidden" name="version" value="{row.version}" id="version-{code}">'
            f"{field_html(words, q, answer.value if answer else None)}{save if editable else ''}</form>"
        )
    else:
        parts.append(f'<p class="fw-bold mb-1">{_label(words, q)}</p>')
        if q.help:
            parts.append(f'<p class="form-text">{escape(q.help.get(words.lang))}</p>')
    state = (
        f'<span class="text-body-secondary">{last_changed(words, answer, q.code)}</span>' if answer else ""
    )
    parts.append(
        f'<div class="save-state small" id="state-{code}" role="status" aria-live="polite">{state}</div>'
    )
    if row.previous is not None:
        parts.append(
            f'<p class="small text-body-secondary mb-1 previous-answer" data-previous>{words.last_year}: '
            f"{escape(answer_text(row.previous, q))}</p>"
        )
    if q.takes_evidence:
        parts.append(evidence_html(words, q, row.evidence))
    parts.append("</div></section>")
    return "".join(parts)


@register.filter
def overall_percent(progress: list[PillarProgress]) -> int:
    """The response's % complete over every pillar, from the pillars' progress."""
    return overall_progress(progress)[2]
