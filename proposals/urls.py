from django.urls import path

from .views import records, submission

app_name = "proposals"

urlpatterns = [
    path("proposals/", records.proposal_list, name="list"),
    path("proposals/new/", records.proposal_create, name="create"),
    path("proposals/<int:pk>/", records.proposal_detail, name="detail"),
    path("proposals/<int:pk>/edit/", records.proposal_edit, name="edit"),
    path("proposals/<int:pk>/transition/", records.proposal_transition, name="transition"),
    path("proposals/<int:pk>/delete/", records.proposal_delete, name="delete"),
    path("proposals/<int:pk>/invite/", submission.proposal_invite, name="invite"),
    path("proposals/<int:pk>/submit/", submission.proposal_submit, name="submit"),
    path("proposals/<int:pk>/withdraw/", submission.proposal_withdraw, name="withdraw"),
    path("proposals/invitations/<int:pk>/", submission.invitation_answer, name="invitation_answer"),
    path("sentiments/", records.sentiment_list, name="sentiments"),
    path("sentiments/new/", records.sentiment_create, name="sentiment_create"),
    path("sentiments/<int:pk>/", records.sentiment_detail, name="sentiment_detail"),
    path("sentiments/<int:pk>/edit/", records.sentiment_edit, name="sentiment_edit"),
    path("sentiments/<int:pk>/delete/", records.sentiment_delete, name="sentiment_delete"),
]
