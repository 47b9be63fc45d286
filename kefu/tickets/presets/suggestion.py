"""Suggestion workflow (建议处理流程): seed 004 §5.4 and §9.2, step by step.

1. 收集建议 — a suggestion arrives (hotline, visit, letter, 意见箱) and is recorded.
2. 填写工作联系单 — it is sent to the relevant department with a work contact order.
3. 记录处理、验证情况 — the department evaluates it: adopted or not, with its reasons.
4. 答复 — the customer is answered; an adopted suggestion earns a sincere thank-you (§5.4.5).
"""

from __future__ import annotations

DATA: dict[str, object] = {
    "type_code": "suggestion",
    "version": 1,
    "label_zh": "建议",
    "label_en": "Suggestion",
    "states": [
        {"code": "received", "label_zh": "已收到", "label_en": "Received",
         "category": "new", "is_initial": True},
        {"code": "under_review", "label_zh": "待相关部门评估",
         "label_en": "Under review by the department", "category": "waiting_on_partner"},
        {"code": "evaluated", "label_zh": "已评估待答复", "label_en": "Evaluated, to be answered",
         "category": "open"},
        {"code": "closed", "label_zh": "已答复关闭", "label_en": "Answered and closed",
         "category": "closed", "is_final": True},
    ],
    "transitions": [
        {"code": "forward", "label_zh": "开具工作联系单转相关部门",
         "label_en": "Forward with a work contact order", "sources": ["received"],
         "target": "under_review", "permission": "tickets.forward_ticket",
         "required_fields": ["responsible_department", "requested_action", "reply_due_at"],
         "effects": ["issue_contact_order"]},
        {"code": "adopt", "label_zh": "采纳", "label_en": "Adopt",
         "sources": ["under_review"], "target": "evaluated",
         "permission": "tickets.handle_ticket", "required_fields": ["evaluation"],
         "effects": ["notify_agent", "thank_customer"]},
        {"code": "decline", "label_zh": "不采纳", "label_en": "Decline",
         "sources": ["under_review"], "target": "evaluated",
         "permission": "tickets.handle_ticket", "required_fields": ["evaluation"],
         "effects": ["notify_agent"]},
        {"code": "reply", "label_zh": "答复客户并关闭", "label_en": "Answer and close",
         "sources": ["received", "evaluated"], "target": "closed",
         "permission": "tickets.reply_ticket", "required_fields": ["reply"]},
    ],
}  # fmt: skip
