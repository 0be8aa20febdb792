from django_tasks import task

from . import services


@task()
def issue_send_task(sending_id: int) -> dict:
    """Send an issue to its pending deliveries; run it again to resume after a crash."""
    progress = services.sending_run(sending_id=sending_id)
    return {"total": progress.total, "sent": progress.sent, "failed": progress.failed}


@task()
def subscribers_purge_unconfirmed_task() -> int:
    """Delete sign-ups that were never confirmed before their link expired."""
    return services.subscribers_purge_unconfirmed()
