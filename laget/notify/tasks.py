"""Background tasks, run by `manage.py db_worker` (django-tasks with its database backend)."""

from django_tasks import task

from laget.notify.delivery import Outcome, deliver


@task()
def send_notification(notification_id: int) -> str:
    """Send one queued notification; on a passing failure, queue the next try for later."""
    outcome, notification = deliver(notification_id)
    if outcome == Outcome.RETRY and notification is not None:
        send_notification.using(run_after=notification.next_attempt_at).enqueue(notification.pk)
    return outcome.value
