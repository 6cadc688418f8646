"""The redaction engine: what each detector removes, what it must leave alone, and the span offsets."""

import subprocess
import sys
from pathlib import Path

import pytest

from closeloop.disclosure.policies import Gender, Kind, Party, policy_get
from closeloop.disclosure.redact import id_check_digit, id_valid, luhn_valid, redact
from tests.disclosure.personal_data import luhn_complete

PUBLIC = policy_get("public")
INTERNAL = policy_get("internal")
ROOT = Path(__file__).resolve().parents[2]


def an_id(first17: str = "11010519491231002") -> str:
    return first17 + id_check_digit(first17)


def a_card(prefix: str = "622202123456789") -> str:
    return luhn_complete(prefix)


def spans_of(text: str, policy=PUBLIC) -> list[tuple[str, str, str]]:
    result = redact(text, policy)
    return [(span.kind.value, text[span.start : span.end], span.replacement) for span in result.spans]


def test_gb11643_check_digit_and_luhn():
    assert id_check_digit("11010519491231002") == "X"
    assert id_valid("11010519491231002X") and not id_valid("110105194912310021")
    assert not id_valid("110105194913310025")  # no 13th month
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("手机13812341234，", "手机138****1234，"),
        ("电话 138-1234-1234 找我", "电话 138****1234 找我"),
        ("+86 139 1234 5678", "139****5678"),
        (f"身份证号{an_id()}。", "身份证号**************002X。"),
        (f"卡号{a_card()}", f"卡号************{a_card()[-4:]}"),
        ("邮箱zhang.san@example.com。", "邮箱z***@example.com。"),
        ("座机0571-87654321，", "座机0571-****4321，"),
        ("（010）62345678", "010-****5678"),
        ("车牌京A12345的车", "车牌京A*****的车"),
        ("新能源车粤BD12345", "新能源车粤B******"),
        ("护照E12345678", "护照*****5678"),
        ("微信号：zhangsan_88", "微信号：z*********8"),
        ("订单号：2023112312345678", "订单号：************5678"),
    ],
)
def test_personal_numbers_are_masked(text, expected):
    assert redact(text, PUBLIC).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "订单金额13800元，2023年11月23日下单，编号20231123000123",
        "110105194912310021 这串数字校验位不对",  # an 18-digit number that is not a valid ID
        "流水 4111111111111112 没有通过 Luhn",
        "型号15412345678不是手机号",  # 154 is not an allocated mobile prefix
        "3号到货，比分3-2",
    ],
)
def test_numbers_that_only_look_personal_are_kept(text):
    result = redact(text, PUBLIC)
    assert result.text == text and result.spans == ()


def test_a_cue_masks_a_number_that_fails_validation():
    assert redact("身份证号110105194912310021", PUBLIC).text == "身份证号**************0021"
    assert redact("卡号1234567890123", PUBLIC).text == "卡号*********0123"


def test_an_order_number_is_not_a_card_and_stays_when_the_policy_keeps_orders():
    text = f"订单号{a_card()}，手机13812341234"
    assert redact(text, INTERNAL).text == "订单号" + a_card() + "，手机138****1234"
    assert spans_of(text)[0][0] == "order"


def test_known_parties_become_surname_and_title():
    policy = PUBLIC.for_case(
        parties=(Party("张伟", Gender.MALE), Party("李秀英", Gender.FEMALE), Party("赵敏"))
    )
    text = "张伟和李秀英投诉，秀英说赵敏经理不管"
    assert redact(text, policy).text == "张先生和李女士投诉，李女士说赵经理不管"


def test_staff_are_named_by_role():
    policy = PUBLIC.for_case(staff={"王晓燕": "客服专员"})
    assert redact("王晓燕答应退款", policy).text == "客服专员答应退款"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我叫刘建国，要求退款", "我叫刘某某，要求退款"),
        ("客服周晓敏态度很差", "客服周某某态度很差"),
        ("店长王大明经理不处理", "店长王经理不处理"),
        ("欧阳娜娜女士表示不满", "欧阳女士表示不满"),
        ("张先生和李女士来过", "张先生和李女士来过"),
        ("请打到这张卡，我很高兴", "请打到这张卡，我很高兴"),
        ("Mr. John Smith called", "Mr. J. called"),
    ],
)
def test_names_without_a_known_party(text, expected):
    assert redact(text, PUBLIC).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我住在杭州市西湖区文三路138号东方花园3幢2单元501室，", "我住在杭州市西湖区***，"),
        ("送货到朝阳区建设路394号", "送货到朝阳区***"),
        ("家住阳光小区5栋302室", "家住***"),
        ("在万达广场店买的", "在***买的"),
        ("北京市海淀区的消费者", "北京市海淀区的消费者"),
        ("家住上海市徐汇区。", "家住上海市徐汇区。"),  # 徐 is a surname, 徐汇区 no person
        ("徐汇区的徐明表示不满", "徐汇区的徐某某表示不满"),
    ],
)
def test_addresses_are_cut_to_the_district(text, expected):
    assert redact(text, PUBLIC).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "退款已原路退回。",
        "我打了客服中心电话",
        "售后服务中心说要等",
        "维修中心没人接",
        "在网上商城买的",
        "在官方旗舰店买的",
        "送到小区门口就走了",
    ],
)
def test_words_for_a_kind_of_place_are_no_address(text):
    assert redact(text, PUBLIC).text == text


def test_internal_policy_masks_contacts_and_keeps_people_and_places():
    text = "我叫刘建国，住在朝阳区建设路394号，手机13812341234"
    assert redact(text, INTERNAL).text == "我叫刘建国，住在朝阳区建设路394号，手机138****1234"


def test_spans_point_into_the_input_and_rebuild_the_output():
    text = f"我叫刘建国，手机13812341234，身份证{an_id()}，邮箱a@b.cn，住在朝阳区建设路394号。谢谢"
    result = redact(text, PUBLIC)
    assert [span.kind for span in result.spans] == [
        Kind.NAME, Kind.MOBILE, Kind.ID_CARD, Kind.EMAIL, Kind.ADDRESS
    ]  # fmt: skip
    rebuilt, position = [], 0
    for span in result.spans:
        rebuilt += [text[position : span.start], span.replacement]
        position = span.end
    assert "".join([*rebuilt, text[position:]]) == result.text
    assert result.text.endswith("。谢谢") and result.text.startswith("我叫")


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("13812341234", Kind.MOBILE, "138****1234"),
        ("15412341234", Kind.MOBILE, "154****1234"),  # a personal field is masked, valid or not
        ("110105194912310021", Kind.ID_CARD, "**************0021"),
        ("杭州市西湖区文三路138号", Kind.ADDRESS, "杭州市西湖区***"),
        ("刘建国", Kind.NAME, "刘某某"),
    ],
)
def test_a_personal_field_is_masked_whole(value, kind, expected):
    assert redact(value, PUBLIC, field=kind).text == expected


def test_jieba_loads_quietly_and_caches_outside_the_source_tree(tmp_path):
    var = tmp_path / "var"
    script = "; ".join(
        [
            "from pathlib import Path",
            f"from django.conf import settings; settings.configure(VAR_DIR=Path({str(var)!r}))",
            "from closeloop.disclosure.policies import policy_get",
            "from closeloop.disclosure.redact import redact",
            "print(redact('客服周晓敏态度很差', policy_get('public')).text)",
        ]
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "客服周某某态度很差"
    assert done.stderr == ""
    assert (var / "cache" / "jieba.cache").is_file()
    assert not list((ROOT / "src").rglob("jieba*.cache"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Latin script: a capitalised handle, a lowercase name of four letters or more, a name after a
        # role, the Latin spelling in brackets after a Chinese one, a list with a name in it.
        ("魔兽选手Grubby夺冠", "魔兽选手G.夺冠"),
        ("在filip看来，纽约很美", "在F.看来，纽约很美"),
        ("主教练沃尔贝克（gertjanverbeek）表示满意", "主教练沃某某表示满意"),
        ("Moon与Grubby都没有宣布", "M.与G.都没有宣布"),
        # Transliterated names of two characters after a role or before a speech verb; a list.
        ("主教练布朗表示不满", "主教练布某某表示不满"),
        ("防守上，布丰、格罗索、马特拉齐都很稳", "防守上，布某某、格某某、马某某都很稳"),
        # Roles in front of a Chinese name; a speech verb after; a third given-name character that is
        # also a common word ending (中, 为).
        ("研究员赵路兴昨日表示", "研究员赵某某昨日表示"),
        ("91岁的吴冠中排名第二", "91岁的吴某某排名第二"),
        # A famous name jieba's dictionary knows as a frequent name (邓小平, 鲁迅).
        ("邓小平访问日本", "邓某某访问日本"),
    ],
)
def test_names_in_news_style_text(text, expected):
    assert redact(text, PUBLIC).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Apple的售后说iPhone要返厂，Nokia就不会",  # brands are not people
        "买的Nike鞋开胶了，wifi也连不上，USB口松动",
        "《Rage》这个游戏，Valve公司做的",  # a title, an organisation
        "Category: 产品质量\nDemand: 退货",  # the labels of a composed publication text
    ],
)
def test_latin_words_that_are_not_people_are_kept(text):
    assert [span for span in redact(text, PUBLIC).spans if span.kind is Kind.NAME] == []


def test_a_known_staff_member_wins_whole_over_a_guessed_name_around_the_cue():
    policy = PUBLIC.for_case(staff={"李志强": "Handler"})
    assert redact("师傅李志强上门", policy).text == "师傅Handler上门"


def test_the_engines_own_replacements_are_not_detected_again():
    policy = PUBLIC.for_case(staff={"李志强": "Handler"}, parties=(Party("王晓燕", Gender.FEMALE),))
    once = redact("王晓燕说师傅李志强上门两次，无名工作人员也来过", policy).text
    assert once == "王女士说师傅Handler上门两次，无名工作人员也来过"
    again = redact(once, policy)
    assert again.text == once and again.spans == ()


@pytest.mark.parametrize(
    "text",
    [
        "依据《消费者权益保护法》第二十四条退款",
        "依据消费者权益保护法第二十四条退款",
        "给予安抚补偿200元",
    ],
)
def test_laws_and_everyday_handling_words_are_not_names(text):
    # A publication cites the law it applied; 消费者权某某护法 would read as nonsense (and as a leak).
    assert redact(text, PUBLIC).text == text


def test_a_name_after_the_same_cue_is_still_masked():
    assert redact("消费者李明说已经退款", PUBLIC).text == "消费者李某某说已经退款"


def test_a_latin_name_at_the_start_of_a_line_is_masked_and_composed_labels_are_not():
    # A pasted chat log names a person before each colon; the composed draft's labels stay words.
    assert redact("客服说\nGrubby: 好的，马上退款", PUBLIC).text == "客服说\nG.: 好的，马上退款"
    labels = "Category: 产品质量\nDemand: 退货\nLegal basis: 消法\nFollow-up: 满意"
    assert redact(labels, PUBLIC).text == labels
