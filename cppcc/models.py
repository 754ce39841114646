from __future__ import annotations

from django.conf import settings
from django.db import models


class SubmitToken(models.Model):
    """One accepted submission of a create form, so a double click or a resend saves nothing twice."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+")
    location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.token
