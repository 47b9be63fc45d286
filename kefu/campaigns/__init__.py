"""Campaigns (营销与关怀活动): messages to a segment of customers from templates.

Owns message templates (短信/邮件模板, with ``{name}``-style variables filled by a safe
replacer, ``rendering``), campaigns (a template, a channel, a purpose and a segment: grades,
tags, birthday month, member status) and their sending: one ``messaging.send_message`` per
customer of the segment, each with the campaign's dedupe key, so a resumed or repeated send
never writes a second message. The delivery log of a campaign is read from messaging.
"""
