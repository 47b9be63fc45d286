"""Knowledge base pages (知识库页面) under /knowledge/."""

from django.urls import path

from kefu.kb.views import answers, detail, editing, listing

app_name = "kb"
urlpatterns = [
    path("", listing.article_list, name="list"),
    path("suggest/", listing.suggest, name="suggest"),
    path("new/", editing.article_create, name="create"),
    path("answers/", answers.answer, name="answer"),
    path("work-orders/<str:number>/panel/", answers.panel, name="ticket_panel"),
    path("<int:pk>/", detail.article_detail, name="detail"),
    path("<int:pk>/edit/", editing.article_edit, name="edit"),
    path("<int:pk>/publish/", detail.article_publish, name="publish"),
    path("<int:pk>/archive/", detail.article_archive, name="archive"),
    path("<int:pk>/versions/<int:number>/", detail.version_detail, name="version"),
]
