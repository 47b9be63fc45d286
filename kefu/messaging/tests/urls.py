"""The project's URL map with messaging mounted at /m/ (until kefu/urls.py mounts it)."""

from django.urls import include, path

from kefu.urls import urlpatterns as project_patterns

_mounted = any(getattr(p, "namespace", None) == "messaging" for p in project_patterns)
urlpatterns = list(project_patterns)
if not _mounted:
    urlpatterns.append(path("m/", include("kefu.messaging.urls")))
