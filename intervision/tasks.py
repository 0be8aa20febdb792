"""Background work: notification mail, the daily digest and the retention purges.

A task whose worker died is run again (cano.tasks); each mail is claimed as a step first, so a
task run twice mails nobody twice.
"""

from django_tasks import TaskContext, task

from django.contrib.auth import get_user_model

from cano.tasks.services import task_step_claim

# notifications and services import this module as well; each names the others by module, so
# any of them may load first.
from . import notifications, services
from .models import Case, PendingNotification


@task(takes_context=True)
def case_notification_send_task(
    context: TaskContext, *, user_id: int, case_id: int, kind: str
) -> bool:
    user = get_user_model().objects.filter(pk=user_id).first()
    case = Case.objects.filter(pk=case_id).select_related("group").first()
    if user is None or case is None or not task_step_claim(context=context, key="mail"):
        return False
    return notifications.case_notification_send(user=user, case=case, kind=kind)


@task(takes_context=True)
def digests_send_task(context: TaskContext) -> int:
    """Send every member with pending notifications their digest; returns the mails sent."""
    user_ids = PendingNotification.objects.values_list("user_id", flat=True).distinct()
    sent = 0
    for user in get_user_model().objects.filter(pk__in=list(user_ids)):
        claimed = task_step_claim(context=context, key=f"digest:{user.pk}")
        if claimed and notifications.digest_send(user=user):
            sent += 1
    return sent


@task()
def cases_purge_task() -> dict:
    """Remove closed cases past the retention period (INTERVISION_RETENTION_MONTHS)."""
    return services.cases_purge()


@task()
def pending_uploads_purge_task() -> int:
    """Remove documents of case forms never posted (INTERVISION_PENDING_UPLOAD_HOURS)."""
    return services.pending_uploads_purge()
