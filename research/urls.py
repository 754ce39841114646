from django.urls import path

from . import views

app_name = "research"

urlpatterns = [
    path("research/", views.topic_list, name="list"),
    path("research/new/", views.topic_create, name="create"),
    path("research/export.xlsx", views.year_export, name="export"),
    path("research/<int:pk>/", views.topic_detail, name="detail"),
    path("research/<int:pk>/edit/", views.topic_edit, name="edit"),
    path("research/<int:pk>/team/", views.topic_team, name="team"),
    path("research/<int:pk>/report/", views.report_edit, name="report"),
    path("research/<int:pk>/report/file", views.report_file, name="report_file"),
    path("research/<int:pk>/transition/", views.topic_transition, name="transition"),
    path("research/<int:pk>/instructions/new/", views.instruction_create, name="instruction_create"),
    path("research/<int:pk>/summary.pdf", views.topic_summary_pdf, name="summary_pdf"),
    path("research/instructions/", views.instruction_list, name="instructions"),
    path("research/instructions/<int:pk>/", views.instruction_follow_up, name="follow_up"),
]
