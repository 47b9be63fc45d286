"""Bench vocabulary (压测词库): Chinese words, names and sentence patterns. Pure: no Django.

Titles and descriptions are built from common two-character words (漏水, 投诉, 退款 …) and
three-character words (热水器, 物业费, 会员卡 …), so the search scenarios have real words to
look for. Every word list here is what the manifest offers the bench runner.
"""

from __future__ import annotations

# Things customers talk about (three characters).
OBJECTS_ZH3: tuple[str, ...] = (
    "热水器", "物业费", "会员卡", "洗衣机", "电冰箱", "燃气灶", "抽油烟", "停车场", "充电桩",
    "快递柜", "健身房", "游泳池", "电视机", "路由器", "净水器", "电梯间", "门禁卡", "储值卡",
    "优惠券", "积分卡", "保修卡", "电饭煲", "微波炉", "空气炉", "消毒柜", "排风扇",
)  # fmt: skip

# Objects and services (two characters).
OBJECTS_ZH2: tuple[str, ...] = (
    "空调", "发票", "门锁", "水管", "电梯", "暖气", "窗户", "地板", "马桶", "灯具", "网络",
    "宽带", "订单", "包裹", "快递", "账单", "押金", "车位", "房间", "床垫", "餐饮", "菜品",
    "包厢", "酒水", "手机", "电脑", "屏幕", "电池", "插座", "开关",
)  # fmt: skip

# Problems (two characters).
PROBLEMS_ZH2: tuple[str, ...] = (
    "漏水", "损坏", "故障", "异响", "噪音", "停电", "堵塞", "延误", "破损", "丢失", "错发",
    "少发", "过期", "变质", "失灵", "卡顿", "发霉", "掉漆", "断网", "渗水",
)  # fmt: skip

# What customers want (two characters).
ACTIONS_ZH2: tuple[str, ...] = (
    "维修", "退款", "退货", "换货", "赔偿", "补发", "更换", "检修", "上门", "核实", "处理",
    "解释", "开具", "补开", "办理", "查询", "咨询", "投诉", "建议", "回访",
)  # fmt: skip

# Feelings and circumstances (two characters).
CONTEXT_ZH2: tuple[str, ...] = (
    "紧急", "多次", "反复", "昨天", "今天", "上周", "周末", "晚上", "早上", "一直", "仍然",
    "至今", "严重", "影响", "不满", "着急", "希望", "尽快", "及时", "态度",
)  # fmt: skip

WORDS_ZH2: tuple[str, ...] = OBJECTS_ZH2 + PROBLEMS_ZH2 + ACTIONS_ZH2 + CONTEXT_ZH2
WORDS_ZH3: tuple[str, ...] = OBJECTS_ZH3

# Categories per work order type (分类), in rough order of frequency.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "consultation": ("产品咨询", "价格咨询", "会员权益", "营业时间", "使用方法", "政策咨询"),
    "complaint": ("服务态度", "产品质量", "售后问题", "收费争议", "环境卫生", "配送延误"),
    "repair": ("水电维修", "家电维修", "门窗维修", "网络故障", "公共设施"),
    "after_sales": ("质量问题", "尺寸不符", "错发漏发", "七天无理由", "外观破损"),
    "suggestion": ("服务改进", "产品建议", "环境改善", "流程优化"),
}

# Sentence patterns: {o} object, {p} problem, {a} action, {c} context, {w} zh3 object.
TITLES: dict[str, tuple[str, ...]] = {
    "consultation": ("{w}{a}", "咨询{o}{a}", "{w}怎么{a}", "{o}{a}时间"),
    "complaint": ("投诉{o}{p}", "{w}{p}{c}未{a}", "{o}{p}要求{a}", "对{a}{c}不满"),
    "repair": ("{w}{p}", "{o}{p}需{a}", "{w}{p}请{a}", "{o}{p}{c}"),
    "after_sales": ("{w}{p}申请{a}", "{o}{p}要求{a}", "申请{a}{w}"),
    "suggestion": ("建议改进{o}", "关于{w}的建议", "{o}{a}流程建议"),
}
DESCRIPTIONS: tuple[str, ...] = (
    "客户来电反映{w}{p}，{c}影响使用，希望{a}。",
    "客户表示{o}{p}，已经{c}联系过，要求尽快{a}{o}。",
    "{c}客户发现{w}出现{p}，询问能否{a}，并要求开具发票。",
    "客户称购买的{o}{p}，{c}不满意，要求{a}并回复处理结果。",
    "客户咨询{w}和{o}的{a}办法，希望客服及时答复。",
)

SURNAMES: tuple[str, ...] = (
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "欧阳", "司马",
)  # fmt: skip
GIVEN: tuple[str, ...] = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "玉兰", "建国",
    "志强", "海燕", "欣怡", "子涵", "浩然", "梓萱", "宇轩", "雨桐", "俊杰", "思远", "晓东",
    "丹", "鹏", "婷", "辉", "斌", "宁", "佳", "凯", "琳", "雪", "瑶",
)  # fmt: skip

# Mobile number prefixes (China Mobile, Unicom, Telecom): all valid ranges.
MOBILE_PREFIXES: tuple[str, ...] = (
    "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159",
    "178", "182", "183", "187", "188", "130", "131", "132", "155", "156", "166", "176", "185",
    "186", "133", "153", "173", "177", "180", "181", "189", "199",
)  # fmt: skip

# Knowledge articles: topics and sentences (the kb search scenario looks for these words).
KB_TOPICS: tuple[str, ...] = (
    "退款流程", "发票开具", "会员积分", "空调维修", "热水器保养", "物业费缴纳", "快递查询",
    "退换货政策", "门禁卡办理", "停车场收费", "宽带故障", "投诉处理", "储值卡使用",
)  # fmt: skip
KB_SENTENCES: tuple[str, ...] = (
    "客户询问{t}时，先核实身份和订单信息。",
    "{t}一般在三个工作日内完成，特殊情况需主管审批。",
    "如遇{o}{p}，请先安抚客户情绪，再登记工单并转责任部门。",
    "{w}相关问题可参考本文，必要时安排上门{a}。",
    "答复客户时说明{t}的条件、时限和所需材料。",
)
KB_WORDS: tuple[str, ...] = ("退款", "发票", "会员", "维修", "保养", "快递", "停车", "宽带")
