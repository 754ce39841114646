from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.views import LoginView
from members.views import dossier as dossier_views

from . import views

admin.site.site_header = admin.site.site_title = "政协履职管理"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("me/", dossier_views.me, name="me"),
    path("", include("members.urls")),
    path("", include("accounts.urls")),
    path("", include("proposals.urls")),
    path("", include("sentiments.urls")),
    path("", include("evaluation.urls")),
    path("", include("dashboard.urls")),
    path("", include("consultations.urls")),
    path("", include("research.urls")),
    path("", include("platforms.urls")),
    path("", include("notices.urls")),
    path("admin/", admin.site.urls),
]
