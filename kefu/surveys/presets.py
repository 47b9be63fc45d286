"""Shipped survey template (预置调查问卷): the customer satisfaction callback questionnaire.
Pure data."""

from __future__ import annotations

SHIPPED_NAME = "客户满意度回访问卷"
SHIPPED_INTRO = "感谢您选择我们的服务。请花一分钟告诉我们您的感受，您的意见将帮助我们改进服务。"

# (text, kind, options, required, overall)
SHIPPED_QUESTIONS: tuple[tuple[str, str, tuple[str, ...], bool, bool], ...] = (
    ("您对本次服务的总体满意度如何？", "satisfaction", (), True, True),
    ("处理速度是否及时？", "choice", ("非常及时", "比较及时", "一般", "较慢", "很慢"), True, False),
    ("客服人员的服务态度如何？", "satisfaction", (), False, False),
    ("您对我们还有哪些意见或建议？", "text", (), False, False),
)
