from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("meetings/", views.meeting_list, name="list"),
    path("meetings/new/", views.meeting_create, name="create"),
    path("meetings/stats/", views.stats, name="stats"),
    path("meetings/stats.xlsx", views.stats_xlsx, name="stats_xlsx"),
    path("meetings/stats.pdf", views.stats_pdf, name="stats_pdf"),
    path("meetings/kinds/", views.kind_list, name="kinds"),
    path("meetings/kinds/new/", views.kind_create, name="kind_create"),
    path("meetings/kinds/<int:pk>/edit/", views.kind_edit, name="kind_edit"),
    path("meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("meetings/<int:pk>/delete/", views.meeting_delete, name="delete"),
    path("meetings/<int:pk>/invite/", views.meeting_invite, name="invite"),
    path("meetings/<int:pk>/sheet/", views.sheet, name="sheet"),
    path("meetings/<int:pk>/sheet.pdf", views.sheet_pdf, name="sheet_pdf"),
    path("meetings/<int:pk>/sheet.xlsx", views.sheet_xlsx, name="sheet_xlsx"),
    path("meetings/<int:pk>/checkin/", views.checkin_screen, name="checkin_screen"),
    path("meetings/<int:pk>/checkin/qr.svg", views.checkin_qr, name="checkin_qr"),
    path("meetings/<int:pk>/checkin/live/", views.checkin_live, name="checkin_live"),
    path("meetings/<int:pk>/guests/", views.guest_add, name="guest_add"),
    path("guests/<int:pk>/", views.guest_mark, name="guest_mark"),
    path("meetings/<int:pk>/speech/", views.speech_submit, name="speech_submit"),
    path("meetings/<int:pk>/speeches/", views.speech_list, name="speeches"),
    path("speeches/<int:pk>/mark/", views.speech_mark, name="speech_mark"),
    path("checkin/<int:pk>/<str:code>/", views.checkin, name="checkin"),
    path("meetings/<int:pk>/leave/", views.leave_request, name="leave_request"),
    path("meetings/<int:pk>/outcomes/new/", views.outcome_create, name="outcome_create"),
    path("outcomes/<int:pk>/instructions/new/", views.instruction_create, name="instruction_create"),
    path("leave-requests/<int:pk>/decide/", views.leave_decide, name="leave_decide"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("calendar/feed/<str:token>.ics", views.ical_feed, name="feed"),
    path("me/meetings/", views.my_meetings, name="mine"),
    path("me/calendar/reset/", views.calendar_reset, name="calendar_reset"),
]
