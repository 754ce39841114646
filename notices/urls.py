from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("notices/", views.inbox, name="inbox"),
    path("notices/read-all/", views.notice_read_all, name="read_all"),
    path("notices/preferences/", views.preferences, name="preferences"),
    path("notices/<int:pk>/", views.notice_detail, name="detail"),
    path("notices/<int:pk>/read/", views.notice_read, name="read"),
    path("notices/<int:pk>/reply/", views.notice_reply, name="reply"),
    path("notices/attachments/<int:pk>/", views.attachment, name="attachment"),
    path("notices/broadcasts/", views.broadcast_list, name="broadcasts"),
    path("notices/broadcasts/new/", views.broadcast_create, name="broadcast_create"),
    path("notices/broadcasts/<int:pk>/", views.broadcast_detail, name="broadcast"),
    path("notices/broadcasts/<int:pk>/remind/", views.broadcast_remind, name="broadcast_remind"),
    path("notices/deliveries/", views.delivery_list, name="deliveries"),
    path("notices/meetings/<int:pk>/remind/", views.meeting_remind, name="meeting_remind"),
    path("notices/meetings/<int:pk>/papers/", views.meeting_paper, name="meeting_paper"),
]
