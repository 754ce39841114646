from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Meeting


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["start_date", "kind", "number", "title", "topic"]
    list_filter = ["kind", "term"]
