"""Callback console URLs (回访控制台), under /callbacks/."""

from django.urls import path

from kefu.callbacks.views import rules, targets, team, workbench

app_name = "callbacks"
urlpatterns = [
    path("", workbench.workbench, name="workbench"),
    path("progress/", workbench.my_progress, name="progress"),
    path("<int:pk>/complete/", workbench.complete, name="complete"),
    path("team/", team.team, name="team"),
    path("rules/", rules.rule_list, name="rules"),
    path("rules/new/", rules.rule_edit, name="rule_new"),
    path("rules/run/", rules.run_now, name="rules_run"),
    path("rules/<int:pk>/", rules.rule_edit, name="rule_edit"),
    path("targets/", targets.targets, name="targets"),
]
