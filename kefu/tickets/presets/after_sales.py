"""After-sales workflow (售后退换货流程): seed 002 第三章, step by step.

1. 受理 — the customer asks for a return or exchange; the agent learns whether it is a quality
   problem (须了解是否质量问题).
2. 拍照证实 — a quality claim needs the customer's photos before anything is approved
   (要求客户拍照证实); the clock pauses while we wait for them.
3. 核实 — the claim is reviewed: approved with the resolution, or rejected with a reason.
4. 登记 — the return order is recorded (准确统计记录退换货产品订单及相关信息).
A rejected claim can be reopened when the customer brings new evidence.
"""

from __future__ import annotations

DATA: dict[str, object] = {
    "type_code": "after_sales",
    "version": 1,
    "label_zh": "售后/退换货",
    "label_en": "After-sales return or exchange",
    "states": [
        {"code": "requested", "label_zh": "已受理", "label_en": "Requested",
         "category": "new", "is_initial": True},
        {"code": "awaiting_photos", "label_zh": "待客户拍照证实",
         "label_en": "Awaiting photo proof", "category": "waiting_on_customer"},
        {"code": "reviewing", "label_zh": "核实中", "label_en": "Under review",
         "category": "open"},
        {"code": "approved", "label_zh": "已同意，待退回商品", "label_en": "Approved",
         "category": "waiting_on_customer"},
        {"code": "completed", "label_zh": "已完成退换货", "label_en": "Return or exchange done",
         "category": "closed", "is_final": True},
        {"code": "rejected", "label_zh": "已驳回", "label_en": "Rejected",
         "category": "closed", "is_final": True},
    ],
    "transitions": [
        {"code": "request_photos", "label_zh": "质量问题，请客户拍照证实",
         "label_en": "Quality claim: ask for photos", "sources": ["requested"],
         "target": "awaiting_photos", "permission": "tickets.reply_ticket",
         "required_fields": ["claim_reason"], "conditions": ["quality_claim"],
         "effects": ["request_photo_evidence"]},
        {"code": "receive_photos", "label_zh": "收到照片", "label_en": "Photos received",
         "sources": ["awaiting_photos"], "target": "reviewing",
         "permission": "tickets.reply_ticket", "required_fields": ["photo_evidence"]},
        {"code": "review", "label_zh": "非质量问题，进入核实",
         "label_en": "Not a quality claim: review", "sources": ["requested"],
         "target": "reviewing", "permission": "tickets.reply_ticket",
         "required_fields": ["claim_reason"], "conditions": ["not_quality_claim"]},
        {"code": "approve_quality_claim", "label_zh": "确认质量问题，同意退换",
         "label_en": "Approve the quality claim", "sources": ["reviewing"],
         "target": "approved", "permission": "tickets.approve_return",
         "required_fields": ["photo_evidence", "resolution"], "conditions": ["quality_claim"]},
        {"code": "approve", "label_zh": "同意退换", "label_en": "Approve",
         "sources": ["reviewing"], "target": "approved",
         "permission": "tickets.approve_return", "required_fields": ["resolution"],
         "conditions": ["not_quality_claim"]},
        {"code": "reject", "label_zh": "驳回", "label_en": "Reject",
         "sources": ["reviewing"], "target": "rejected",
         "permission": "tickets.approve_return", "required_fields": ["reject_reason"]},
        {"code": "record_return", "label_zh": "登记退换货单", "label_en": "Record the return",
         "sources": ["approved"], "target": "completed",
         "permission": "tickets.reply_ticket", "required_fields": ["return_order"],
         "effects": ["record_return_order"]},
        {"code": "reopen", "label_zh": "补充证据，重新核实", "label_en": "Reopen with new evidence",
         "sources": ["rejected"], "target": "reviewing",
         "permission": "tickets.reopen_ticket", "required_fields": ["reopen_reason"],
         "effects": ["reopen_count"]},
    ],
}  # fmt: skip
