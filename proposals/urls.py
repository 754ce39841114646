from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("proposals/", views.proposal_list, name="list"),
    path("proposals/new/", views.proposal_create, name="create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="detail"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="edit"),
    path("proposals/<int:pk>/transition/", views.proposal_transition, name="transition"),
    path("proposals/<int:pk>/delete/", views.proposal_delete, name="delete"),
    path("sentiments/", views.sentiment_list, name="sentiments"),
    path("sentiments/new/", views.sentiment_create, name="sentiment_create"),
    path("sentiments/<int:pk>/", views.sentiment_detail, name="sentiment_detail"),
    path("sentiments/<int:pk>/edit/", views.sentiment_edit, name="sentiment_edit"),
    path("sentiments/<int:pk>/delete/", views.sentiment_delete, name="sentiment_delete"),
]
