"""Writes of callbacks and care (回访写操作): the only code that creates or changes tasks,
rules and targets. Each runs in one transaction and writes an audit row."""

from kefu.callbacks.services.completing import complete_task, follow_ticket_callback
from kefu.callbacks.services.creating import create_task, schedule_task
from kefu.callbacks.services.rules import save_rule, set_target
from kefu.callbacks.services.running import RuleRun, run_rule, run_rules

__all__ = [
    "RuleRun",
    "complete_task",
    "create_task",
    "follow_ticket_callback",
    "run_rule",
    "run_rules",
    "save_rule",
    "schedule_task",
    "set_target",
]
