"""Consultation workflow (客户咨询流程): seed 001 三(一), step by step.

1. 客户来电 / 问题记录 — the agent greets the customer and records who asks what (``recorded``).
2. 查询解答 — the agent looks the answer up in the knowledge base; when it cannot be answered
   on the spot, the customer is told we will verify and reply, with a promised reply time that
   the SLA engine watches (``defer``: required ``promised_reply_at``).
3. 回复客户 — the answer is given clearly (``answer``).
4. 确认客户是否满意 — satisfied closes; still having questions goes back to answering, "until
   the customer is satisfied" (直至客户满意为止).
"""

from __future__ import annotations

DATA: dict[str, object] = {
    "type_code": "consultation",
    "version": 1,
    "label_zh": "咨询",
    "label_en": "Consultation",
    "states": [
        {"code": "recorded", "label_zh": "已记录", "label_en": "Recorded",
         "category": "new", "is_initial": True},
        {"code": "answering", "label_zh": "解答中（核实后回复）",
         "label_en": "Answering (verifying)", "category": "open"},
        {"code": "answered", "label_zh": "已答复待确认",
         "label_en": "Answered, awaiting confirmation", "category": "waiting_on_customer"},
        {"code": "closed", "label_zh": "已关闭", "label_en": "Closed",
         "category": "closed", "is_final": True},
    ],
    "transitions": [
        {"code": "answer", "label_zh": "答复客户", "label_en": "Answer the customer",
         "sources": ["recorded", "answering"], "target": "answered",
         "permission": "tickets.reply_ticket", "required_fields": ["reply"]},
        {"code": "defer", "label_zh": "暂无法答复，承诺回复时间",
         "label_en": "Cannot answer now: promise a reply", "sources": ["recorded"],
         "target": "answering", "permission": "tickets.reply_ticket",
         "required_fields": ["promised_reply_at"], "effects": ["set_promised_reply"]},
        {"code": "confirm_satisfied", "label_zh": "客户满意，关闭", "label_en": "Satisfied: close",
         "sources": ["answered"], "target": "closed", "permission": "tickets.reply_ticket",
         "required_fields": ["satisfaction"], "conditions": ["satisfied"],
         "effects": ["record_satisfaction"]},
        {"code": "still_questions", "label_zh": "仍有疑问，继续解答",
         "label_en": "Still has questions: keep answering", "sources": ["answered"],
         "target": "answering", "permission": "tickets.reply_ticket",
         "required_fields": ["satisfaction"], "conditions": ["not_satisfied"],
         "effects": ["record_satisfaction"]},
    ],
}  # fmt: skip
