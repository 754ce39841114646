from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.member_list, name="list"),
    path("export.xlsx", views.member_export, name="export"),
    path("new/", views.member_create, name="create"),
    path("import/", views.member_import, name="import"),
    path("import/template.xlsx", views.member_import_template, name="import_template"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/edit/", views.member_edit, name="edit"),
    path("<int:pk>/deactivate/", views.member_deactivate, name="deactivate"),
    path("<int:pk>/reactivate/", views.member_reactivate, name="reactivate"),
    path("<int:pk>/account/", views.member_account, name="account"),
]
