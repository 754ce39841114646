from django.urls import path

from .views import handling, records, stats, submission

app_name = "proposals"

urlpatterns = [
    path("proposals/", records.proposal_list, name="list"),
    path("proposals/new/", records.proposal_create, name="create"),
    path("proposals/stats/", stats.proposal_stats, name="stats"),
    path("proposals/export/", stats.proposal_export, name="export"),
    path("proposals/compilation/", stats.compilation_start, name="compilation_start"),
    path("proposals/compilation/<int:pk>/", stats.compilation_status, name="compilation_status"),
    path("proposals/compilation/<int:pk>/pdf/", stats.compilation_file, name="compilation_file"),
    path("proposals/<int:pk>/", records.proposal_detail, name="detail"),
    path("proposals/<int:pk>/edit/", records.proposal_edit, name="edit"),
    path("proposals/<int:pk>/transition/", records.proposal_transition, name="transition"),
    path("proposals/<int:pk>/delete/", records.proposal_delete, name="delete"),
    path("proposals/<int:pk>/invite/", submission.proposal_invite, name="invite"),
    path("proposals/<int:pk>/submit/", submission.proposal_submit, name="submit"),
    path("proposals/<int:pk>/withdraw/", submission.proposal_withdraw, name="withdraw"),
    path("proposals/invitations/<int:pk>/", submission.invitation_answer, name="invitation_answer"),
    path("proposals/<int:pk>/review/", handling.proposal_review, name="review"),
    path("proposals/<int:pk>/merge/", handling.proposal_merge, name="merge"),
    path("proposals/<int:pk>/supervise/", handling.proposal_supervise, name="supervise"),
    path("proposals/<int:pk>/assign/", handling.proposal_assign, name="assign"),
    path("proposals/assignments/", handling.unit_list, name="unit_list"),
    path("proposals/assignments/<int:pk>/sign/", handling.unit_sign, name="unit_sign"),
    path("proposals/assignments/<int:pk>/return/", handling.unit_return, name="unit_return"),
    path("proposals/assignments/<int:pk>/note/", handling.unit_note, name="unit_note"),
    path("proposals/assignments/<int:pk>/opinion/", handling.unit_opinion, name="unit_opinion"),
    path("proposals/assignments/<int:pk>/reply/", handling.unit_reply, name="unit_reply"),
    path("proposals/replies/<int:pk>/letter/", handling.reply_letter, name="reply_letter"),
    path("proposals/replies/<int:pk>/rate/", handling.reply_rate, name="rate"),
]
