"""Phone calls (来电弹屏): the CTI webhook, screen pops and calls turned into work orders.

The PBX/CTI system reports each call's ringing, answered and ended events to
``POST /api/v1/cti/calls``; the app keeps one ``Call`` per call id (idempotent per event,
events accepted in any order), matches the caller to a customer by normalised phone and the
extension to an agent (``AgentExtension``). The console polls ``/calls/pop/`` to show the agent
the caller's customer and open work orders; one click turns a call into a work order
(channel phone, event kind ``call``). The work order page gets a "calls" panel.
"""
