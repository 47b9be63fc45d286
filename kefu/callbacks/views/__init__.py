"""Callback console pages (回访控制台): the workbench, the team view, rules and targets."""
