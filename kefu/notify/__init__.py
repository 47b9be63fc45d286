"""Notifications (通知): messages to users in the console and by email."""
