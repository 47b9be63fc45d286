"""Campaign pages (活动页面) under /campaigns/."""
