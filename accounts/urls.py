from django.urls import path

from . import unit_views, views

app_name = "accounts"

urlpatterns = [
    path("members/<int:pk>/account/", views.member_account, name="member"),
    path("accounts/bulk/", views.bulk, name="bulk"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password"),
    path("units/", unit_views.unit_list, name="units"),
    path("units/new/", unit_views.unit_create, name="unit_create"),
    path("units/<int:pk>/", unit_views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", unit_views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/logins/", unit_views.unit_login_add, name="unit_login_add"),
    path("units/logins/<int:pk>/password/", unit_views.unit_login_reset, name="unit_login_reset"),
    path("units/logins/<int:pk>/active/", unit_views.unit_login_active, name="unit_login_active"),
]
