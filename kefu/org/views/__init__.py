"""Organisation pages (组织页面): the department tree, departments and their teams, positions
with their job descriptions (岗位说明书), staff, and the forms that create and change them.

One module per area; :mod:`kefu.org.views.common` holds the create/edit flow they share.
"""
