from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("members/<int:pk>/account/", views.member_account, name="member"),
    path("accounts/bulk/", views.bulk, name="bulk"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password"),
]
