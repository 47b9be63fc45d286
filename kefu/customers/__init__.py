"""Customer archive (客户档案): customers, membership and stored items, grades with rules and
history, tags, custom fields, duplicate detection and merge, import/export, and the customer
timeline that other apps add to through a registry."""
