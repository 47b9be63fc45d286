"""Deadlines (时限, SLA): business calendars — working hours per weekday with breaks, 24×7,
statutory holidays and adjusted working days (调休) loaded from chinese-calendar, or provisionally
from python-holidays for a year not yet published — and the working-time arithmetic
(``calendar``) that turns "within 24 working hours" into a due time."""
