from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import HandlingUnit


@admin.register(HandlingUnit)
class HandlingUnitAdmin(SimpleHistoryAdmin):
    """承办单位 and their logins (each login also belongs to the 承办单位 group)."""

    list_display = ["name", "contact", "phone", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    filter_horizontal = ["users"]
