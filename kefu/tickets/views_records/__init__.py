"""Pages of the records around a work order (工单附属记录页面): the panel's actions and the
standard replies management page. Thin: read through ``visible_to``, call one service."""
