"""Background work: notification mail, the daily digest and the retention purges.

A task whose worker died is run again (cano.tasks); each mail is claimed as a step first, so a
task run twice mails nobody twice.
"""

from django_tasks import TaskContext, task

from django.contrib.auth import get_user_model

from cano.tasks.services import task_step_claim


@task(takes_context=True)
def send_case_notification(context: TaskContext, *, user_id: int, case_id: int, kind: str) -> bool:
    from .models import Case
    from .notifications import case_notification_send

    user = get_user_model().objects.filter(pk=user_id).first()
    case = Case.objects.filter(pk=case_id).select_related("group").first()
    if user is None or case is None or not task_step_claim(context=context, key="mail"):
        return False
    return case_notification_send(user=user, case=case, kind=kind)


@task(takes_context=True)
def send_daily_digests(context: TaskContext) -> int:
    """Send every member with pending notifications their digest; returns the mails sent."""
    from .models import PendingNotification
    from .notifications import digest_send

    user_ids = PendingNotification.objects.values_list("user_id", flat=True).distinct()
    sent = 0
    for user in get_user_model().objects.filter(pk__in=list(user_ids)):
        if task_step_claim(context=context, key=f"digest:{user.pk}") and digest_send(user=user):
            sent += 1
    return sent


@task()
def purge_closed_cases() -> dict:
    """Remove closed cases past the retention period (INTERVISION_RETENTION_MONTHS)."""
    from .services import cases_purge

    return cases_purge()


@task()
def purge_pending_uploads() -> int:
    """Remove documents of case forms never posted (INTERVISION_PENDING_UPLOAD_HOURS)."""
    from .services import pending_uploads_purge

    return pending_uploads_purge()
