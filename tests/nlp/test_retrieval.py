from closeloop.nlp.retrieval import SimilarIndex

CASES = {
    11: "热水器到货无法点火，客服一直推脱",
    12: "快递三天没送到，快递员电话打不通",
    13: "物业乱收费，物业费涨了一倍",
    14: "熱水器安裝後打不著火，要求退貨",
    15: "小区停车费太贵",
}


def build() -> SimilarIndex:
    return SimilarIndex().build(list(CASES), list(CASES.values()))


def test_most_similar_first_across_scripts():
    index = build()
    found = index.query("热水器点不着火，安装师傅推脱", k=2)
    assert {case_id for case_id, _ in found} == {11, 14}  # 14 was written in traditional characters
    assert 0 < found[1][1] <= found[0][1] <= 1
    assert index.query("快递员的电话一直打不通", k=1)[0][0] == 12


def test_exclude_and_no_overlap():
    index = build()
    assert [case_id for case_id, _ in index.query("物业费乱收费", k=3, exclude=[13])] != [13]
    assert 13 not in [case_id for case_id, _ in index.query("物业费乱收费", exclude=[13])]
    assert index.query("完全无关的天气预报 xyz") == []


def test_dumps_and_loads_round_trip():
    index = build()
    again = SimilarIndex.loads(index.dumps())
    assert again.query("快递没送到") == index.query("快递没送到")
    assert len(again) == 5


def test_an_empty_index_answers_nothing():
    assert SimilarIndex().build([], []).query("热水器") == []
