from django_tasks import TaskContext, task

from . import services


@task(takes_context=True)
def issue_send_task(context: TaskContext, sending_id: int) -> dict:
    """Send an issue to its waiting deliveries; run again after a crash, it continues."""
    progress = services.sending_run(
        sending_id=sending_id, worker_ids=context.task_result.worker_ids
    )
    return {
        "total": progress.total,
        "sent": progress.sent,
        "failed": progress.failed,
        "doubtful": progress.doubtful,
    }


@task()
def subscribers_purge_unconfirmed_task() -> int:
    """Delete sign-ups that were never confirmed before their link expired."""
    return services.subscribers_purge_unconfirmed()
