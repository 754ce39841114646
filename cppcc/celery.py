from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cppcc.settings")

app = Celery("cppcc")
# Every Celery option lives in Django settings under CELERY_*, so one environment configures both.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
