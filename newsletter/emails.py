"""The newsletter's e-mails: each issue, the confirmation request, and the notice for a repeat sign-up.

An issue is rendered once per sending; per subscriber only the signed links are filled in, so
sending to many addresses costs little more than building the messages.
"""

import html
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from . import tokens

UNSUBSCRIBE_PLACEHOLDER = "__CANO_UNSUBSCRIBE_URL__"
DATA_PLACEHOLDER = "__CANO_DATA_URL__"

_RELATIVE_URL = re.compile(r"""(\s(?:href|src)=)(["'])/(?!/)""")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|ul|ol|div|blockquote)>|<br\s*/?>", re.IGNORECASE)
_LINK = re.compile(r"""<a\s[^>]*href=(["'])(.*?)\1[^>]*>(.*?)</a>""", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url: str) -> str:
    return url if "://" in url else f"{base_url()}/{url.lstrip('/')}"


def absolutize(markup: str, *, base: str | None = None) -> str:
    """Make every site-relative href and src absolute, for mail clients and feed readers."""
    root = (base or base_url()).rstrip("/")
    return _RELATIVE_URL.sub(lambda m: f"{m.group(1)}{m.group(2)}{root}/", markup)


def html_to_text(markup: str) -> str:
    """Plain text from rich text: paragraphs on their own lines, links as "text (url)"."""

    def link(match):
        href, label = match.group(2), _TAG.sub("", match.group(3)).strip()
        return f"{label} ({href})" if label and label != href else href

    text = _LINK.sub(link, markup)
    text = _BLOCK_END.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _article_links(article) -> list[dict[str, str]]:
    return [
        {"label": link["label"] or link["page"].title, "url": absolute_url(link["page"].url)}
        for link in article["links"]
        if link["page"] is not None and link["page"].live and link["page"].url
    ]


@dataclass(frozen=True)
class RenderedIssue:
    subject: str
    html: str
    text: str


def issue_email_render(*, issue, preview: bool = False) -> RenderedIssue:
    """The issue as e-mail, with placeholders for the per-subscriber links (or samples in a preview)."""
    context = {
        "issue": issue,
        "web_url": absolute_url(issue.url or "/"),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        "data_url": DATA_PLACEHOLDER,
        "articles": [
            {
                "value": block.value,
                "body_html": absolutize(str(block.value["body"])),
                "body_text": html_to_text(absolutize(str(block.value["body"]))),
                "links": _article_links(block.value),
            }
            for block in issue.articles
            if block.block_type == "article"
        ],
        "intro_text": html_to_text(absolutize(str(issue.intro))),
    }
    rendered = RenderedIssue(
        subject=f"{issue.title} ({issue.period_label})",
        html=absolutize(render_to_string("newsletter/email/issue.html", context)),
        text=render_to_string("newsletter/email/issue.txt", context),
    )
    if preview:
        sample = absolute_url(reverse("newsletter:subscribe"))
        rendered = fill_links(rendered, unsubscribe_url=sample, data_url=sample)
    return rendered


def fill_links(rendered: RenderedIssue, *, unsubscribe_url: str, data_url: str) -> RenderedIssue:
    def fill(value):
        return value.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url).replace(
            DATA_PLACEHOLDER, data_url
        )

    return RenderedIssue(
        subject=rendered.subject, html=fill(rendered.html), text=fill(rendered.text)
    )


def subscriber_links(subscriber) -> dict[str, str]:
    unsubscribe = tokens.token_make(subscriber=subscriber, purpose=tokens.UNSUBSCRIBE)
    data = tokens.token_make(subscriber=subscriber, purpose=tokens.DATA)
    return {
        "unsubscribe_url": absolute_url(reverse("newsletter:unsubscribe", args=[unsubscribe])),
        "data_url": absolute_url(reverse("newsletter:data", args=[data])),
    }


def issue_message(*, rendered: RenderedIssue, to: str, links: dict[str, str], connection=None):
    """One issue e-mail with RFC 8058 one-click unsubscribe headers."""
    filled = fill_links(rendered, **links)
    message = EmailMultiAlternatives(
        subject=filled.subject,
        body=filled.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        connection=connection,
    )
    message.attach_alternative(filled.html, "text/html")
    return message


def confirmation_message(*, subscriber) -> EmailMultiAlternatives:
    token = tokens.token_make(subscriber=subscriber, purpose=tokens.CONFIRM)
    context = {
        "subscriber": subscriber,
        "confirm_url": absolute_url(reverse("newsletter:confirm", args=[token])),
        "valid_days": max(1, tokens.max_age(tokens.CONFIRM) // tokens.DAY),
        **subscriber_links(subscriber),
    }
    return EmailMultiAlternatives(
        subject=_("Bevestig je inschrijving op de CANOnieuwsbrief"),
        body=render_to_string("newsletter/email/confirm.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
    )


def already_subscribed_message(*, subscriber) -> EmailMultiAlternatives:
    context = {"subscriber": subscriber, **subscriber_links(subscriber)}
    return EmailMultiAlternatives(
        subject=_("Je bent al ingeschreven op de CANOnieuwsbrief"),
        body=render_to_string("newsletter/email/already_subscribed.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
    )
