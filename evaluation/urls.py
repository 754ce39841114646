from django.urls import path

from .views import runs, schemes

app_name = "evaluation"

urlpatterns = [
    path("evaluations/", runs.evaluation_latest, name="latest"),
    path("evaluations/<int:year>/", runs.evaluation_page, name="year"),
    path("evaluations/<int:year>/start/", runs.evaluation_start, name="start"),
    path("evaluations/<int:year>/publish/", runs.evaluation_publish, name="publish"),
    path("evaluations/<int:year>/status.json", runs.evaluation_status, name="status"),
    path("evaluations/<int:year>/export.xlsx", runs.evaluation_export, name="export"),
    path("evaluations/<int:year>/awards/", runs.award_list, name="awards"),
    path("evaluations/<int:year>/awards/propose/", runs.awards_propose, name="awards_propose"),
    path("awards/<int:pk>/decide/", runs.award_decide, name="award_decide"),
    path("scoring/", schemes.scheme_list, name="schemes"),
    path("scoring/<int:year>/", schemes.scheme_edit, name="scheme_edit"),
    path("scoring/<int:year>/create/", schemes.scheme_create, name="scheme_create"),
]
