"""Phone pages (来电页面) under /calls/: screen pop, call list, call to work order, extensions."""
