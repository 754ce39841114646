from django.urls import path

from .views import dossier, evaluation, register, scoring, submissions

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
    path("members/<int:pk>/account/", register.member_account, name="account"),
    # the dossier
    path("members/<int:pk>/", dossier.member_detail, name="detail"),
    path("members/<int:pk>/report/<int:year>.pdf", dossier.dossier_pdf, name="report_pdf"),
    path("members/<int:pk>/dossier/<int:year>.xlsx", dossier.dossier_xlsx, name="dossier_xlsx"),
    path("members/<int:pk>/entries/new/", dossier.entry_record, name="entry_record"),
    path("me/report/", dossier.self_report, name="self_report"),
    path("entries/<int:pk>/dispute/", dossier.entry_dispute, name="entry_dispute"),
    path("entries/<int:pk>/review/", dossier.entry_review, name="entry_review"),
    path("reviews/", dossier.review_queue, name="reviews"),
    path("disputes/", dossier.dispute_queue, name="disputes"),
    path("disputes/<int:pk>/resolve/", dossier.dispute_resolve, name="dispute_resolve"),
    # proposals and 社情民意
    path("proposals/", submissions.proposal_list, name="proposals"),
    path("proposals/new/", submissions.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", submissions.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", submissions.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/transition/", submissions.proposal_transition, name="proposal_transition"),
    path("proposals/<int:pk>/delete/", submissions.proposal_delete, name="proposal_delete"),
    path("sentiments/", submissions.sentiment_list, name="sentiments"),
    path("sentiments/new/", submissions.sentiment_create, name="sentiment_create"),
    path("sentiments/<int:pk>/", submissions.sentiment_detail, name="sentiment_detail"),
    path("sentiments/<int:pk>/edit/", submissions.sentiment_edit, name="sentiment_edit"),
    path("sentiments/<int:pk>/delete/", submissions.sentiment_delete, name="sentiment_delete"),
    # the annual evaluation and awards
    path("evaluations/", evaluation.evaluation_latest, name="evaluation_latest"),
    path("evaluations/<int:year>/", evaluation.evaluation_page, name="evaluation"),
    path("evaluations/<int:year>/start/", evaluation.evaluation_start, name="evaluation_start"),
    path("evaluations/<int:year>/status.json", evaluation.evaluation_status, name="evaluation_status"),
    path("evaluations/<int:year>/export.xlsx", evaluation.evaluation_export, name="evaluation_export"),
    path("evaluations/<int:year>/awards/", evaluation.award_list, name="awards"),
    path("evaluations/<int:year>/awards/propose/", evaluation.awards_propose, name="awards_propose"),
    path("awards/<int:pk>/decide/", evaluation.award_decide, name="award_decide"),
    # scoring rules
    path("scoring/", scoring.scheme_list, name="schemes"),
    path("scoring/<int:year>/", scoring.scheme_edit, name="scheme_edit"),
    path("scoring/<int:year>/create/", scoring.scheme_create, name="scheme_create"),
]
