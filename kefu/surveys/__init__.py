"""Satisfaction surveys (满意度调查): templates, invitations with signed links, answers."""
