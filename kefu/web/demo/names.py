"""Chinese names for demo people (演示姓名): weighted common surnames, common given names."""

from __future__ import annotations

import random
from itertools import accumulate

# The most common surnames with their approximate share of the population (percent).
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 7.1), ("李", 7.0), ("张", 6.7), ("刘", 5.4), ("陈", 4.5), ("杨", 3.1), ("黄", 2.2),
    ("赵", 2.0), ("吴", 1.9), ("周", 1.9), ("徐", 1.5), ("孙", 1.5), ("马", 1.3), ("朱", 1.3),
    ("胡", 1.2), ("郭", 1.2), ("何", 1.2), ("高", 1.1), ("林", 1.1), ("罗", 0.9), ("郑", 0.9),
    ("梁", 0.9), ("谢", 0.8), ("宋", 0.8), ("唐", 0.8), ("许", 0.7), ("韩", 0.7), ("冯", 0.7),
    ("邓", 0.7), ("曹", 0.7), ("彭", 0.6), ("曾", 0.6), ("肖", 0.6), ("田", 0.6), ("董", 0.5),
    ("袁", 0.5), ("潘", 0.5), ("于", 0.5), ("蒋", 0.5), ("蔡", 0.5), ("余", 0.5), ("杜", 0.5),
    ("叶", 0.4), ("程", 0.4), ("苏", 0.4), ("魏", 0.4), ("吕", 0.4), ("丁", 0.4), ("任", 0.4),
    ("沈", 0.4), ("姚", 0.4), ("卢", 0.4), ("姜", 0.3), ("崔", 0.3), ("钟", 0.3), ("谭", 0.3),
    ("陆", 0.3), ("汪", 0.3), ("范", 0.3), ("金", 0.3), ("石", 0.3), ("廖", 0.3), ("贾", 0.3),
    ("夏", 0.3), ("韦", 0.3), ("付", 0.3), ("方", 0.3), ("白", 0.2), ("邹", 0.2), ("孟", 0.2),
    ("熊", 0.2), ("秦", 0.2), ("邱", 0.2), ("江", 0.2), ("尹", 0.2), ("薛", 0.2), ("闫", 0.2),
    ("段", 0.2), ("雷", 0.2), ("侯", 0.2), ("龙", 0.2), ("史", 0.2), ("陶", 0.2), ("黎", 0.2),
    ("贺", 0.2), ("顾", 0.2), ("毛", 0.2), ("郝", 0.2), ("龚", 0.2), ("邵", 0.2), ("万", 0.2),
    ("钱", 0.2), ("严", 0.1), ("武", 0.1), ("戴", 0.1), ("莫", 0.1), ("孔", 0.1), ("汤", 0.1),
    ("欧阳", 0.05), ("司马", 0.02), ("诸葛", 0.01),
)  # fmt: skip

MALE_CHARS = (
    "伟强磊军勇杰涛明超斌鹏辉华建平刚峰浩宇俊志文博鑫晨轩海林国东亮成龙飞凯健波洋"
    "振宏彬翔昊然哲睿阳旭坤锋斌毅诚泽"
)
FEMALE_CHARS = (
    "芳娜敏静丽艳娟霞秀燕玲婷雪慧颖琳倩欣佳怡梅莉晶萍红月璐悦思雨涵萱琪瑶洁蕾薇岚丹妍淑素媛晓"
)
NEUTRAL_CHARS = "文佳子晓一心嘉春安宁新永立天海金玉秋光"

_SURNAME_CUM = tuple(accumulate(weight for _, weight in SURNAMES))


def surname(rng: random.Random) -> str:
    return rng.choices([s for s, _ in SURNAMES], cum_weights=_SURNAME_CUM)[0]


def given_name(rng: random.Random, gender: str) -> str:
    """One or two characters; two-character names are the majority."""
    pool = MALE_CHARS if gender == "male" else FEMALE_CHARS if gender == "female" else ""
    pool = pool + NEUTRAL_CHARS
    if rng.random() < 0.3:
        return rng.choice(pool)
    first, second = rng.choice(pool), rng.choice(pool)
    while second == first:
        second = rng.choice(pool)
    return first + second


def person_name(rng: random.Random, gender: str) -> str:
    return surname(rng) + given_name(rng, gender)
