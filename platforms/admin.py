from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Platform, PlatformSession, Township


@admin.register(Township)
class TownshipAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "order"]
    list_editable = ["order"]


@admin.register(Platform)
class PlatformAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "township", "parent", "is_active"]
    list_filter = ["level", "township", "is_active"]


@admin.register(PlatformSession)
class PlatformSessionAdmin(SimpleHistoryAdmin):
    list_display = ["date", "topic", "platform", "setting", "follow_up"]
    list_filter = ["setting", "follow_up"]
