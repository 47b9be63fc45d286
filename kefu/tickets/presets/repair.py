"""Repair workflow (报修流程): seed 004 §4.3.8, §5.6 and §5.7, step by step.

1. 报修 — the customer reports a defect; the service center records it (``reported``).
2. 派工 — dispatch to the contractor (施工单位/维修队伍) or property company (物业公司) with
   a work contact order; the partner's own deadline runs (8 hours to act, §5.7.1).
3. 维修 — the partner repairs and reports what was done. A partner late past the agreed time
   may be replaced and penalised from its warranty deposit (扣留质保金, §5.6.2).
4. 验收 — quality acceptance; a failed acceptance sends it back for rework.
5. 回访 — the mandatory callback; closing waits for it, a dissatisfied callback reopens.
"""

from __future__ import annotations

DATA: dict[str, object] = {
    "type_code": "repair",
    "version": 1,
    "label_zh": "报修",
    "label_en": "Repair",
    "states": [
        {"code": "reported", "label_zh": "已报修", "label_en": "Reported",
         "category": "new", "is_initial": True},
        {"code": "dispatched", "label_zh": "已派工待维修", "label_en": "Dispatched",
         "category": "waiting_on_partner"},
        {"code": "repairing", "label_zh": "维修中", "label_en": "Being repaired",
         "category": "waiting_on_partner"},
        {"code": "awaiting_acceptance", "label_zh": "待验收", "label_en": "Awaiting acceptance",
         "category": "open"},
        {"code": "pending_callback", "label_zh": "待回访", "label_en": "Awaiting callback",
         "category": "resolved"},
        {"code": "closed", "label_zh": "已关闭", "label_en": "Closed",
         "category": "closed", "is_final": True},
    ],
    "transitions": [
        {"code": "dispatch", "label_zh": "派工（开具工作联系单）",
         "label_en": "Dispatch with a work contact order", "sources": ["reported"],
         "target": "dispatched", "permission": "tickets.dispatch_ticket",
         "required_fields": ["partner", "requested_action", "repair_due_at"],
         "effects": ["issue_contact_order"]},
        {"code": "start_repair", "label_zh": "开始维修", "label_en": "Start the repair",
         "sources": ["dispatched"], "target": "repairing",
         "permission": "tickets.handle_ticket"},
        {"code": "reassign_overdue", "label_zh": "逾期改派并扣质保金",
         "label_en": "Overdue: reassign and penalise", "sources": ["dispatched", "repairing"],
         "target": "dispatched", "permission": "tickets.dispatch_ticket",
         "required_fields": ["partner", "requested_action", "repair_due_at", "penalty_evidence"],
         "conditions": ["partner_overdue"],
         "effects": ["record_partner_penalty", "issue_contact_order"]},
        {"code": "complete_repair", "label_zh": "维修完成", "label_en": "Repair done",
         "sources": ["repairing"], "target": "awaiting_acceptance",
         "permission": "tickets.handle_ticket", "required_fields": ["repair_report"],
         "effects": ["notify_agent"]},
        {"code": "accept", "label_zh": "验收合格", "label_en": "Accept the repair",
         "sources": ["awaiting_acceptance"], "target": "pending_callback",
         "permission": "tickets.accept_repair", "required_fields": ["acceptance_result"],
         "effects": ["schedule_callback"]},
        {"code": "reject_repair", "label_zh": "验收不合格，返修",
         "label_en": "Reject: repair again", "sources": ["awaiting_acceptance"],
         "target": "repairing", "permission": "tickets.accept_repair",
         "required_fields": ["reject_reason"], "effects": ["issue_contact_order"]},
        {"code": "callback_dissatisfied", "label_zh": "回访不满意，重新维修",
         "label_en": "Dissatisfied at callback: repair again", "sources": ["pending_callback"],
         "target": "repairing", "permission": "tickets.reply_ticket",
         "required_fields": ["callback_outcome", "requested_action"],
         "conditions": ["callback_done", "not_satisfied"],
         "effects": ["record_satisfaction", "reopen_count", "issue_contact_order"]},
        {"code": "close", "label_zh": "回访后关闭", "label_en": "Close after the callback",
         "sources": ["pending_callback"], "target": "closed",
         "permission": "tickets.archive_ticket", "required_fields": ["callback_outcome"],
         "conditions": ["callback_done", "satisfied"],
         "messages": {
             "callback_done": {
                 "zh": "回访完成前不能关闭：报修必须先完成回访。",
                 "en": "A repair cannot be closed before its callback is done.",
             },
         }},
    ],
}  # fmt: skip
