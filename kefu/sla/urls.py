"""Business calendar pages (工作日历页面) under /sla/."""

from django.urls import path

from kefu.sla.views import calendars, days, due, hours, policies

app_name = "sla"
urlpatterns = [
    path("", calendars.calendar_list, name="calendars"),
    path("policies/", policies.policy_list, name="policies"),
    path("policies/new/", policies.policy_edit, name="policy_add"),
    path("policies/<int:pk>/", policies.policy_edit, name="policy_edit"),
    path("<slug:code>/", calendars.calendar_detail, name="calendar"),
    path("<slug:code>/hours/", hours.hours_edit, name="hours"),
    path("<slug:code>/days/", days.day_set, name="day_set"),
    path("<slug:code>/days/<str:on>/remove/", days.day_remove, name="day_remove"),
    path("<slug:code>/years/<int:year>/load/<str:how>/", days.year_load, name="year_load"),
    path("<slug:code>/years/<int:year>/confirm/", days.year_confirm, name="year_confirm"),
    path("<slug:code>/due/", due.due_calculator, name="due"),
]
