"""Reports and dashboards (报表与看板): the day, the month, the person; evaluation reports."""
