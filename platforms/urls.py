from django.urls import path

from . import views

app_name = "platforms"

urlpatterns = [
    path("platforms/", views.coverage, name="coverage"),
    path("platforms/list/", views.platform_list, name="list"),
    path("platforms/new/", views.platform_create, name="create"),
    path("platforms/export.xlsx", views.export, name="export"),
    path("platforms/<int:pk>/", views.platform_detail, name="detail"),
    path("platforms/<int:pk>/edit/", views.platform_edit, name="edit"),
    path("platforms/sessions/", views.session_list, name="sessions"),
    path("platforms/sessions/new/", views.session_create, name="session_create"),
    path("platforms/sessions/<int:pk>/", views.session_detail, name="session"),
    path("platforms/sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("platforms/sessions/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
]
