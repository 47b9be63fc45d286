"""Phone calls (来电弹屏): the CTI webhook, screen pops and calls turned into work orders."""
