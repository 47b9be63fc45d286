"""Deadlines (时限): SLA deadlines of work orders, warnings and escalations watched by a job."""
