from django.urls import path

from .views import issues, records, reports, stats

app_name = "sentiments"

urlpatterns = [
    path("sentiments/", reports.sentiment_list, name="list"),
    path("sentiments/new/", reports.sentiment_create, name="create"),
    path("sentiments/stats/", stats.sentiment_stats, name="stats"),
    path("sentiments/issues/", issues.issue_list, name="issues"),
    path("sentiments/issues/new/", issues.issue_create, name="issue_create"),
    path("sentiments/issues/<int:pk>/", issues.issue_detail, name="issue"),
    path("sentiments/issues/<int:pk>/edit/", issues.issue_edit, name="issue_edit"),
    path("sentiments/issues/<int:pk>/items/", issues.issue_items, name="issue_items"),
    path("sentiments/issues/<int:pk>/delete/", issues.issue_delete, name="issue_delete"),
    path("sentiments/issues/<int:pk>/pdf/", issues.issue_pdf, name="issue_pdf"),
    path("sentiments/levels/", records.level_list, name="levels"),
    path("sentiments/<int:pk>/", reports.sentiment_detail, name="detail"),
    path("sentiments/<int:pk>/attachment/", reports.sentiment_attachment, name="attachment"),
    path("sentiments/<int:pk>/edit/", reports.sentiment_edit, name="edit"),
    path("sentiments/<int:pk>/delete/", reports.sentiment_delete, name="delete"),
    path("sentiments/<int:pk>/forwardings/", records.forwarding_create, name="forwarding_create"),
    path("sentiments/forwardings/<int:pk>/", records.forwarding_edit, name="forwarding_edit"),
    path("sentiments/forwardings/<int:pk>/delete/", records.forwarding_delete, name="forwarding_delete"),
    path("sentiments/<int:pk>/instructions/", records.instruction_create, name="instruction_create"),
    path("sentiments/instructions/<int:pk>/", records.instruction_detail, name="instruction"),
    path("sentiments/instructions/<int:pk>/edit/", records.instruction_edit, name="instruction_edit"),
    path("sentiments/instructions/<int:pk>/delete/", records.instruction_delete, name="instruction_delete"),
]
