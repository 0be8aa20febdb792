"""E-mail about intervision: the group name and a link, never the case title or any case text.

A mail leaves our servers and sits in mailboxes we do not control, so it says only where to look;
the member reads the case after logging in. Each member chooses immediate mail, a daily digest or nothing. Whether a recipient may still see
the case is checked again when the mail goes out, so a member removed from a group in between
hears nothing more.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# tasks imports this module as well; each names the other by module, so either may load first.
from . import selectors, tasks
from .models import Case, NotificationFrequency, NotificationPreference, PendingNotification


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notifications_queue(*, kind: str, case: Case, recipients) -> None:
    preferences = dict(
        NotificationPreference.objects.filter(user__in=recipients).values_list(
            "user_id", "frequency"
        )
    )
    for user in {u.pk: u for u in recipients}.values():
        frequency = preferences.get(user.pk, NotificationFrequency.IMMEDIATE)
        if frequency == NotificationFrequency.IMMEDIATE:
            tasks.case_notification_send_task.enqueue(user_id=user.pk, case_id=case.pk, kind=kind)
        elif frequency == NotificationFrequency.DAILY:
            PendingNotification.objects.create(user=user, case=case, kind=kind)


def _send(*, user, subject: str, template: str, context: dict) -> None:
    context = {"user": user, **context}
    text = render_to_string(f"intervision/email/{template}.txt", context)
    html = render_to_string(f"intervision/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()


def case_notification_send(*, user, case: Case, kind: str) -> bool:
    """One immediate mail; False when the recipient may no longer see the case."""
    if not user.is_active or not selectors.cases_visible_to(user).filter(pk=case.pk).exists():
        return False
    if kind == PendingNotification.Kind.NEW_CASE:
        subject = _("Nieuwe casus in %(group)s") % {"group": case.group.name}
    else:
        subject = _("Nieuwe bijdrage in %(group)s") % {"group": case.group.name}
    _send(
        user=user,
        subject=subject,
        template="notification",
        context={"case": case, "kind": kind, "url": absolute_url(case.get_absolute_url())},
    )
    return True


def digest_send(*, user) -> int:
    """The daily digest for one member: one line per case (group and link); returns the count."""
    pending = PendingNotification.objects.filter(user=user).select_related("case__group")
    visible = set(
        selectors.cases_visible_to(user)
        .filter(pk__in=pending.values("case_id"))
        .values_list("pk", flat=True)
    )
    items: dict[int, dict] = {}
    for notification in pending:
        if notification.case_id not in visible:
            continue
        item = items.setdefault(
            notification.case_id,
            {
                "case": notification.case,
                "url": absolute_url(notification.case.get_absolute_url()),
                "kinds": set(),
            },
        )
        item["kinds"].add(notification.kind)
    pending_ids = list(pending.values_list("pk", flat=True))
    if items and user.is_active:
        _send(
            user=user,
            subject=_("Je dagelijkse samenvatting van intervisie"),
            template="digest",
            context={"items": list(items.values())},
        )
    PendingNotification.objects.filter(pk__in=pending_ids).delete()
    return len(items) if user.is_active else 0
