"""Workflow console (流程配置页面): work order types, their workflow versions, the editor.

Admin pages under /work-orders/workflows/: the types with their current version and the open
work orders per version; one type's current workflow shown readably (states and steps with the
vocabulary's labels) and its version history; the JSON editor that validates (htmx) and
publishes a new version through ``kefu.tickets.services.publishing``.
"""
