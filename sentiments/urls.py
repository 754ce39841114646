from django.urls import path

from . import views

app_name = "sentiments"

urlpatterns = [
    path("sentiments/", views.sentiment_list, name="list"),
    path("sentiments/new/", views.sentiment_create, name="create"),
    path("sentiments/<int:pk>/", views.sentiment_detail, name="detail"),
    path("sentiments/<int:pk>/edit/", views.sentiment_edit, name="edit"),
    path("sentiments/<int:pk>/delete/", views.sentiment_delete, name="delete"),
]
