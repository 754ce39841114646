from django.urls import path

from .views import dossier, register

app_name = "members"

urlpatterns = [
    # the register
    path("members/", register.member_list, name="list"),
    path("members/export.xlsx", register.member_export, name="export"),
    path("members/new/", register.member_create, name="create"),
    path("members/import/", register.member_import, name="import"),
    path("members/import/template.xlsx", register.member_import_template, name="import_template"),
    path("members/<int:pk>/edit/", register.member_edit, name="edit"),
    path("members/<int:pk>/deactivate/", register.member_deactivate, name="deactivate"),
    path("members/<int:pk>/reactivate/", register.member_reactivate, name="reactivate"),
    path("members/<int:pk>/photo.jpg", register.member_photo, name="photo"),
    # the dossier
    path("members/<int:pk>/", dossier.member_detail, name="detail"),
    path("members/<int:pk>/report/<int:year>.pdf", dossier.dossier_pdf, name="report_pdf"),
    path("members/<int:pk>/dossier/<int:year>.xlsx", dossier.dossier_xlsx, name="dossier_xlsx"),
    path("members/<int:pk>/entries/new/", dossier.entry_record, name="entry_record"),
    path("me/report/", dossier.self_report, name="self_report"),
    path("entries/<int:pk>/dispute/", dossier.entry_dispute, name="entry_dispute"),
    path("entries/<int:pk>/review/", dossier.entry_review, name="entry_review"),
    path("reviews/", dossier.review_queue, name="reviews"),
    path("reviews/confirm/", dossier.review_confirm, name="reviews_confirm"),
    path("attachments/<int:pk>/", dossier.attachment, name="attachment"),
    path("disputes/", dossier.dispute_queue, name="disputes"),
    path("disputes/<int:pk>/resolve/", dossier.dispute_resolve, name="dispute_resolve"),
]
