"""Business calendar pages (工作日历页面) under /sla/: the calendars, one calendar's weekly hours
and year of special days, loading and confirming holiday years, the due time calculator."""
