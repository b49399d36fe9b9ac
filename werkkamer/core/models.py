from __future__ import annotations

from django.db import models


class WorkerProbe(models.Model):
    """A row a Celery task writes, so tests and operators can see the worker really ran work."""

    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    db_backend_pid = models.IntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return self.token
