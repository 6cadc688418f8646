"""The articles most relevant to a complaint, from published articles only."""

from closeloop.knowledge import ranking, selectors, services
from tests.knowledge.conftest import DELIVERY_GUIDE, FRAUD_LAW

COMPLAINT = "网上买的电水壶收到才三天，我要退货，商家说拆封了不给退，七天无理由退货不算数吗？"


def test_the_relevant_article_ranks_first(write, staff):
    returns = write(publish=True)
    fraud = write(publish=True, **FRAUD_LAW)
    write(publish=True, **DELIVERY_GUIDE)

    found = selectors.articles_for_text(COMPLAINT, k=3)

    assert found[0] == returns
    assert selectors.articles_for_text("商家虚假宣传欺诈，要求退一赔三，三倍赔偿", k=1) == [fraud]
    assert selectors.ranking_engine() in {"nlp", "bigram"}


def test_drafts_and_retired_articles_are_not_suggested(write, staff):
    draft = write()
    retired = write(publish=True, title="旧版退货规定")
    services.article_retire(article=retired, actor=staff["supervisor"])
    assert selectors.articles_for_text(COMPLAINT) == []

    published = services.article_publish(article=draft, actor=staff["supervisor"])
    # Publishing saved the article, which cleared the cached index.
    assert selectors.articles_for_text(COMPLAINT) == [published]


def test_a_kind_narrows_the_suggestions(write):
    write(publish=True)
    guide = write(publish=True, **DELIVERY_GUIDE)
    assert selectors.articles_for_text("快递破损了要退货", k=3, kind="product_guide") == [guide]


def test_an_empty_text_suggests_nothing(write):
    write(publish=True)
    assert selectors.articles_for_text("   ") == []


def test_bigram_index_ranks_by_shared_bigrams_and_skips_excluded():
    index = ranking.BigramIndex(
        ["returns", "fraud", "delivery"],
        ["七日无理由退货 退款", "欺诈 三倍赔偿", "快递 破损 补发"],
    )
    assert [i for i, _ in index.query("我要退货退款")] == ["returns"]
    assert index.query("我要退货退款", exclude=["returns"]) == []
    assert {i for i, _ in index.query("快递破损，要求三倍赔偿", k=5)} == {"fraud", "delivery"}
    assert ranking.bigrams("ABC 退货") == ["退货", "abc"]
