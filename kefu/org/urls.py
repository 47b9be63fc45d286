from django.urls import path

from kefu.org.views import departments, positions, staff

app_name = "org"
urlpatterns = [
    path("", departments.org_home, name="home"),
    path("departments/new/", departments.department_create, name="department_create"),
    path("departments/<int:pk>/", departments.department_detail, name="department"),
    path("departments/<int:pk>/edit/", departments.department_edit, name="department_edit"),
    path("teams/new/", departments.team_create, name="team_create"),
    path("teams/<int:pk>/edit/", departments.team_edit, name="team_edit"),
    path("positions/", positions.position_list, name="positions"),
    path("positions/new/", positions.position_create, name="position_create"),
    path("positions/<int:pk>/", positions.position_detail, name="position"),
    path("positions/<int:pk>/edit/", positions.position_edit, name="position_edit"),
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/new/", staff.staff_create, name="staff_create"),
    path("staff/<int:pk>/", staff.staff_detail, name="staff"),
    path("staff/<int:pk>/edit/", staff.staff_edit, name="staff_edit"),
]
