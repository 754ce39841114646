from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ResearchTopic


@admin.register(ResearchTopic)
class ResearchTopicAdmin(SimpleHistoryAdmin):
    list_display = ["year", "title", "leader", "status"]
    list_filter = ["year", "status"]
