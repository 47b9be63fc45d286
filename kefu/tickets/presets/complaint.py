"""Complaint workflow (投诉处理流程): seed 001 三(二) and seed 004 §9, step by step.

1. 投诉受理 — the agent accepts and records who complains, about what and when (``received``).
2. 投诉分类 — classify (产品质量 / 服务态度 / 售后问题 …); a 重大投诉 (major complaint) is
   escalated to the senior manager instead of being classified as ordinary.
3. 责任部门确定 — forward to the responsible department with a numbered 工作联系单 (work
   contact order) carrying the requested action and the reply deadline (seed 004 §9.1).
4. 调查处理 — the department investigates and records cause and solution.
5. 反馈结果 — the result comes back to the agent, who replies to the customer and confirms
   satisfaction; a dissatisfied customer reopens the complaint.
6. 跟踪回访 — the callback is mandatory (seed 004 §9.3): archiving is refused until the
   callback is done; a dissatisfied callback reopens the complaint.
7. 归档 — archived; an archived complaint can still be reopened.
"""

from __future__ import annotations

DATA: dict[str, object] = {
    "type_code": "complaint",
    "version": 1,
    "label_zh": "投诉",
    "label_en": "Complaint",
    "states": [
        {"code": "received", "label_zh": "已受理", "label_en": "Received",
         "category": "new", "is_initial": True},
        {"code": "classified", "label_zh": "已分类", "label_en": "Classified",
         "category": "open"},
        {"code": "forwarded", "label_zh": "已转责任部门（待处理）",
         "label_en": "Forwarded to the responsible department", "category": "waiting_on_partner"},
        {"code": "investigating", "label_zh": "调查处理中", "label_en": "Under investigation",
         "category": "open"},
        {"code": "feedback_received", "label_zh": "已反馈", "label_en": "Result fed back",
         "category": "open"},
        {"code": "awaiting_confirmation", "label_zh": "已答复待确认",
         "label_en": "Replied, awaiting confirmation", "category": "waiting_on_customer"},
        {"code": "pending_callback", "label_zh": "待回访", "label_en": "Awaiting callback",
         "category": "resolved"},
        {"code": "archived", "label_zh": "已归档", "label_en": "Archived",
         "category": "closed", "is_final": True},
    ],
    "transitions": [
        {"code": "classify", "label_zh": "投诉分类", "label_en": "Classify",
         "sources": ["received"], "target": "classified",
         "permission": "tickets.classify_ticket", "required_fields": ["category"],
         "conditions": ["not_major_complaint"]},
        {"code": "escalate_major", "label_zh": "定为重大投诉并上报高层经理",
         "label_en": "Escalate as a major complaint", "sources": ["received"],
         "target": "classified", "permission": "tickets.classify_ticket",
         "required_fields": ["category", "major_reason"], "conditions": ["major_complaint"],
         "effects": ["escalate_to_senior_manager"]},
        {"code": "forward", "label_zh": "开具工作联系单转责任部门",
         "label_en": "Forward with a work contact order", "sources": ["classified"],
         "target": "forwarded", "permission": "tickets.forward_ticket",
         "required_fields": ["responsible_department", "requested_action", "reply_due_at"],
         "effects": ["issue_contact_order"]},
        {"code": "send_back", "label_zh": "退回客服（非本部门责任）",
         "label_en": "Send back (not this department's)", "sources": ["forwarded"],
         "target": "classified", "permission": "tickets.handle_ticket",
         "required_fields": ["return_reason"]},
        {"code": "start_investigation", "label_zh": "开始调查", "label_en": "Start investigating",
         "sources": ["forwarded"], "target": "investigating",
         "permission": "tickets.handle_ticket"},
        {"code": "submit_findings", "label_zh": "提交处理结果", "label_en": "Submit findings",
         "sources": ["investigating"], "target": "feedback_received",
         "permission": "tickets.handle_ticket", "required_fields": ["cause", "solution"],
         "effects": ["notify_agent"]},
        {"code": "request_more", "label_zh": "退回补充调查", "label_en": "Ask for more work",
         "sources": ["feedback_received"], "target": "investigating",
         "permission": "tickets.reply_ticket", "required_fields": ["return_reason"]},
        {"code": "reply", "label_zh": "答复客户", "label_en": "Reply to the customer",
         "sources": ["feedback_received"], "target": "awaiting_confirmation",
         "permission": "tickets.reply_ticket", "required_fields": ["reply"]},
        {"code": "confirm_satisfied", "label_zh": "客户满意", "label_en": "Customer satisfied",
         "sources": ["awaiting_confirmation"], "target": "pending_callback",
         "permission": "tickets.reply_ticket", "required_fields": ["satisfaction"],
         "conditions": ["satisfied"], "effects": ["record_satisfaction", "schedule_callback"]},
        {"code": "confirm_dissatisfied", "label_zh": "客户不满意，重新处理",
         "label_en": "Customer dissatisfied: reopen", "sources": ["awaiting_confirmation"],
         "target": "investigating", "permission": "tickets.reply_ticket",
         "required_fields": ["satisfaction"], "conditions": ["not_satisfied"],
         "effects": ["record_satisfaction", "reopen_count", "issue_contact_order"]},
        {"code": "callback_dissatisfied", "label_zh": "回访不满意，重新处理",
         "label_en": "Dissatisfied at callback: reopen", "sources": ["pending_callback"],
         "target": "investigating", "permission": "tickets.reply_ticket",
         "required_fields": ["callback_outcome"],
         "conditions": ["callback_done", "not_satisfied"],
         "effects": ["record_satisfaction", "reopen_count", "issue_contact_order"]},
        {"code": "archive", "label_zh": "归档", "label_en": "Archive",
         "sources": ["pending_callback"], "target": "archived",
         "permission": "tickets.archive_ticket", "required_fields": ["callback_outcome"],
         "conditions": ["callback_done", "satisfied"],
         "messages": {
             "callback_done": {
                 "zh": "回访完成前不能归档：投诉必须先完成回访。",
                 "en": "A complaint cannot be archived before its callback is done.",
             },
             "satisfied": {
                 "zh": "回访中客户仍不满意，不能归档，请重新处理。",
                 "en": "The customer was not satisfied at the callback: reopen, do not archive.",
             },
         }},
        {"code": "reopen", "label_zh": "重新打开", "label_en": "Reopen",
         "sources": ["archived"], "target": "investigating",
         "permission": "tickets.reopen_ticket", "required_fields": ["reopen_reason"],
         "effects": ["reopen_count", "issue_contact_order"]},
    ],
}  # fmt: skip
