"""Word lists of the demo customers (演示客户素材): places, companies, items, tags."""

from __future__ import annotations

from kefu.customers.choices import SourceChannel

CUSTOMER_COUNT = 2000
BATCH_SIZE = 500

# Mobile prefixes of China Mobile, China Unicom, China Telecom and China Broadnet.
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
    "150", "151", "152", "153", "155", "156", "157", "158", "159",
    "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
    "191", "193", "195", "196", "197", "198", "199",
)  # fmt: skip
MAIL_DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "139.com")
DISTRICTS = ("市南区", "市北区", "崂山区", "李沧区", "黄岛区", "城阳区")
STREETS = (
    "香港中路", "江西路", "山东路", "福州南路", "延安三路", "宁夏路", "燕儿岛路", "东海西路",
    "南京路", "辽阳西路", "深圳路", "海尔路", "金水路", "长江中路", "正阳路",
)  # fmt: skip
COMMUNITIES = ("海悦花园", "金色华庭", "锦绣山庄", "滨海名苑", "东方明珠小区", "书香门第", "阳光城")
COMPANY_PARTS = (
    ("海信", "海悦", "华润", "青啤", "金海", "东方", "瑞丰", "嘉禾", "恒通", "鲁信"),
    ("商贸", "科技", "置业", "餐饮", "文化传媒", "物流", "建设工程", "医疗器械"),
)
WINES = (
    ("轩尼诗VSOP", "瓶"),
    ("芝华士12年", "瓶"),
    ("人头马XO", "瓶"),
    ("百威啤酒", "打"),
    ("张裕干红", "瓶"),
    ("茅台飞天", "瓶"),
)
NOTES = (
    "喜欢安静的包厢",
    "每月会员日到店",
    "偏好下午来电，不要早上打扰",
    "对花生过敏",
    "常带家人周末来",
    "企业团建客户，年底有订场需求",
    "曾反映停车位不足",
    "",
)
SOURCE_WEIGHTS = (
    (SourceChannel.PHONE, 30),
    (SourceChannel.WALK_IN, 30),
    (SourceChannel.WECHAT, 15),
    (SourceChannel.REFERRAL, 10),
    (SourceChannel.WEB, 8),
    (SourceChannel.EVENT, 5),
    (SourceChannel.IMPORT, 2),
)

TAG_REGULAR = "老客户"
TAG_MEMBER = "会员"
TAG_COMPLAINED = "投诉过"
TAG_COMPANY = "企业客户"
TAG_DORMANT = "沉睡客户"
TAG_NEW = "新客户"
TAG_WINE = "存酒客户"
TAG_CARD = "储值卡客户"
TAGS = (
    TAG_REGULAR,
    TAG_MEMBER,
    TAG_COMPLAINED,
    TAG_COMPANY,
    TAG_DORMANT,
    TAG_NEW,
    TAG_WINE,
    TAG_CARD,
)

# Default grade thresholds, used when the database holds no grade rules.
