"""Generated personal data in Chinese complaint phrasings, for the property tests and
bench/redaction_quality.py. Every function takes a `random.Random`, so hypothesis (`st.randoms()`) and
the benchmark draw from the same generators.

Each `Item` is one piece of personal data as it appears in the text and the strings that must not
survive redaction (`secrets`): the name itself, the number as written and as plain digits, the part
of an address below the district.
"""

import random
from dataclasses import dataclass

from closeloop.disclosure.redact import id_check_digit

SURNAMES = (
    "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤"
)
COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "司徒", "尉迟"]
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰玉萍红鹏辉华飞燕建国海波宁琳晓晨浩宇欣怡婷雪梅丹志军"
    "斌琴云凤洁慧颖俊博文"
)
MALE_TITLES = ["先生", "经理", "师傅"]

PROVINCES = [("浙江省", "杭州市", "西湖区"), ("广东省", "深圳市", "南山区"), ("江苏省", "南京市", "鼓楼区"),
             ("四川省", "成都市", "武侯区"), ("湖北省", "武汉市", "洪山区"), ("", "北京市", "朝阳区"),
             ("", "上海市", "浦东新区"), ("山东省", "青岛市", "市南区"),
             ("河南省", "郑州市", "金水区")]  # fmt: skip
ROADS = [
    "文三路",
    "中山路",
    "人民路",
    "解放大道",
    "建设路",
    "长江路",
    "科技园南路",
    "和平街",
    "新华大街",
    "学府路",
]
COMMUNITIES = ["阳光小区", "东方花园", "锦绣家园", "翠苑", "金色公寓", "幸福里小区", "万科城", "绿城桂花园"]

MOBILE_PREFIXES = [
    "130",
    "135",
    "138",
    "139",
    "147",
    "150",
    "152",
    "158",
    "166",
    "177",
    "181",
    "186",
    "189",
    "199",
]
AREA_CODES = ["010", "021", "020", "0755", "0571", "028", "027", "0532", "0371"]
CARD_PREFIXES = ["6222", "6228", "6217", "6212", "4367", "5187", "6259", "6225"]
EMAIL_DOMAINS = ["qq.com", "163.com", "126.com", "gmail.com", "sina.com", "outlook.com", "example.cn"]

FILLERS = [
    "我上个月在你们店里买的东西有质量问题，", "到现在都没有人处理，", "客服一直推脱，", "请尽快给我答复。",
    "我要求全额退款，", "快递三天了还没到，", "我已经打了好几次电话，", "态度非常差，", "希望你们重视。",
    "订单金额是1999元，", "于2023年10月1日下单，", "第2次投诉了。", "",
]  # fmt: skip


@dataclass(frozen=True)
class Item:
    kind: str
    text: str
    secrets: tuple[str, ...]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def chinese_name(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.1 else rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def name(rng: random.Random) -> Item:
    person = chinese_name(rng)
    phrasing = rng.choice([
        "我叫{n}，", "我是{n}，", "联系人：{n}，", "投诉人{n}反映，", "客服{n}态度很差，", "{n}先生说",
        "{n}女士表示", "店长{n}经理不处理，", "工作人员{n}说", "是{n}接待的我，", "快递员{n}没有送货上门，",
        "找到了{n}，", "{n}师傅上门维修，", "收货人{n}，", "本人{n}，", "业主{n}称", "顾客{n}要求退款，",
        "{n}说会给我答复，",
    ])  # fmt: skip
    return Item("name", phrasing.format(n=person), (person,))


def mobile(rng: random.Random) -> Item:
    number = rng.choice(MOBILE_PREFIXES) + _digits(rng, 8)
    written = rng.choice([
        number, f"{number[:3]}-{number[3:7]}-{number[7:]}", f"{number[:3]} {number[3:7]} {number[7:]}",
        f"+86 {number}", f"+86-{number}",
    ])  # fmt: skip
    phrasing = rng.choice(
        ["手机{p}，", "电话：{p}，", "联系方式{p}。", "请拨打{p}", "我的号码是{p}，", "{p}"]
    )
    return Item("mobile", phrasing.format(p=written), (written, number))


def landline(rng: random.Random) -> Item:
    area = rng.choice(AREA_CODES)
    local = rng.choice("23456789") + _digits(rng, 7 if len(area) == 3 else rng.choice((6, 7)))
    written = rng.choice(
        [f"{area}-{local}", f"({area}){local}", f"（{area}）{local}", f"{area} {local}", area + local]
    )
    phrasing = rng.choice(["座机{p}，", "家里电话{p}，", "固话：{p}。", "{p}"])
    return Item("landline", phrasing.format(p=written), (written, area + local, local))


def id_card(rng: random.Random) -> Item:
    region = rng.choice(["110105", "310104", "440305", "330106", "510107", "420111"])
    born = f"{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first17 = region + born + _digits(rng, 3)
    number = first17 + id_check_digit(first17)
    if number.endswith("X") and rng.random() < 0.3:
        number = number[:-1] + "x"
    phrasing = rng.choice(["身份证号{i}，", "身份证：{i}。", "证件号码{i}，", "{i}", "我的身份证是{i}，"])
    return Item("id_card", phrasing.format(i=number), (number, number[:14]))


def luhn_complete(partial: str) -> str:
    total = 0
    for i, d in enumerate(reversed(partial)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return partial + str((10 - total % 10) % 10)


def bank_card(rng: random.Random) -> Item:
    length = rng.choice((16, 16, 19))
    number = luhn_complete(rng.choice(CARD_PREFIXES) + _digits(rng, length - 5))
    written = number if rng.random() < 0.6 else " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    phrasing = rng.choice(["银行卡号{c}，", "退款到卡{c}。", "卡号：{c}，", "{c}", "请打到{c}这张卡，"])
    return Item("bank_card", phrasing.format(c=written), (written, number, number[:12]))


def email(rng: random.Random) -> Item:
    local = rng.choice(["zhang", "li.na", "wangwei", "chen_x", "user", "lucy"]) + _digits(
        rng, rng.randint(0, 4)
    )
    address = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
    phrasing = rng.choice(["邮箱{e}，", "请发邮件到{e}。", "E-mail: {e}，", "{e}", "我的邮箱是{e}"])
    return Item("email", phrasing.format(e=address), (address,))


def address(rng: random.Random) -> Item:
    province, city, district = rng.choice(PROVINCES)
    road = rng.choice(ROADS)
    number = f"{rng.randint(1, 999)}号"
    community = rng.choice(COMMUNITIES)
    room = rng.choice([
        f"{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(101, 2804)}室",
        f"{rng.randint(1, 30)}幢{rng.randint(101, 2804)}室",
        f"{rng.randint(1, 20)}号楼{rng.randint(1, 4)}单元",
    ])  # fmt: skip
    detail = rng.choice(
        [road + number + community + room, road + number, community + room, road + number + room]
    )
    prefix = rng.choice([province + city + district, city + district, district, ""])
    phrasing = rng.choice(
        ["我住在{a}，", "地址：{a}。", "送货地址是{a}，", "家住{a}", "{a}", "收货地址{a}，"]
    )
    secrets = [detail]
    if road in detail:
        secrets.append(road + number if number in detail else road)
    if community in detail:
        secrets.append(community)
    return Item("address", phrasing.format(a=prefix + detail), tuple(secrets))


GENERATORS = {
    "name": name,
    "mobile": mobile,
    "landline": landline,
    "id_card": id_card,
    "bank_card": bank_card,
    "email": email,
    "address": address,
}


def complaint(rng: random.Random, count: int = 3) -> tuple[str, list[Item]]:
    """A complaint text with `count` pieces of personal data between everyday complaint phrases."""
    items = [rng.choice(list(GENERATORS.values()))(rng) for _ in range(count)]
    parts = [rng.choice(FILLERS)]
    for item in items:
        # Two numbers or e-mails written without anything between them are one, to a reader too; an
        # address glued to an e-mail's end would extend its domain.
        if "".join(parts)[-1:].isascii() and (item.text[:1].isascii() or item.kind == "address"):
            parts.append("，")
        parts.append(item.text)
        parts.append(rng.choice(FILLERS))
    return "".join(parts), items


def leaks(redacted: str, items: list[Item]) -> list[str]:
    return [secret for item in items for secret in item.secrets if secret in redacted]
