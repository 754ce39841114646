from django.contrib import admin

from .models import Broadcast, Delivery


@admin.register(Broadcast)
class BroadcastAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "status", "publish_at", "recipients"]
    list_filter = ["status", "audience"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["notice", "channel", "status", "attempts", "error", "sent_at"]
    list_filter = ["channel", "status"]
    raw_id_fields = ["notice"]
