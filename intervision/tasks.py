"""Background work: notification mail, the daily digest and the retention purges."""

from django_tasks import task

from django.contrib.auth import get_user_model


@task()
def send_case_notification(*, user_id: int, case_id: int, kind: str) -> bool:
    from .models import Case
    from .notifications import case_notification_send

    user = get_user_model().objects.filter(pk=user_id).first()
    case = Case.objects.filter(pk=case_id).select_related("group").first()
    if user is None or case is None:
        return False
    return case_notification_send(user=user, case=case, kind=kind)


@task()
def send_daily_digests() -> int:
    """Send every member with pending notifications their digest; returns the mails sent."""
    from .models import PendingNotification
    from .notifications import digest_send

    user_ids = PendingNotification.objects.values_list("user_id", flat=True).distinct()
    sent = 0
    for user in get_user_model().objects.filter(pk__in=list(user_ids)):
        if digest_send(user=user):
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
