"""Enqueuing background tasks from a save (docs/architecture.md, "Background tasks").

The one rule for when a task is enqueued: inside the transaction of the save that needs
it. The database backend (django-tasks-db, the one in settings.TASKS) writes the task's
row in that transaction, so the task exists exactly when the save committed, and the
worker, reading committed rows only, cannot start it before. transaction.on_commit()
would add a gap instead: a process that dies between the commit and the enqueue loses
the task. A backend outside the database (Redis) would need on_commit here.

In the tests the immediate backend runs the task inside enqueue(); finished() then gives
its return value, so the caller can show what it made without reading the row again.
"""

from django.tasks import TaskResult, TaskResultStatus, task_backends


def enqueue(task, **kwargs) -> TaskResult:
    return task.enqueue(**kwargs)


def enqueue_at(task, when, **kwargs) -> TaskResult | None:
    """Enqueue `task` to run at `when` (the worker leaves it waiting until then); None when
    the backend cannot wait (the immediate backend of the tests): whoever relies on it then
    has a command doing the same work (news' `empty_trash`)."""
    if not task_backends[task.backend].supports_defer:
        return None
    return task.using(run_after=when).enqueue(**kwargs)


def finished(result: TaskResult):
    """The task's return value when it has already run successfully, else None."""
    if result.status == TaskResultStatus.SUCCESSFUL:
        return result.return_value
    return None
