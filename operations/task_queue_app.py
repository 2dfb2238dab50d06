"""django-tasks-db (the task queue in the database) under a Vietnamese name in the admin's
permission lists (its own AppConfig has none); its models' names are in locale/vi."""

from django_tasks_db.apps import TasksAppConfig


class TaskQueueConfig(TasksAppConfig):
    verbose_name = "Hàng đợi việc chạy nền"
