"""Articles as editors write them, and a clean retrieval index for every test."""

import pytest

from closeloop.knowledge import selectors, services
from closeloop.knowledge.models import Article

RETURNS_LAW = {
    "kind": "law",
    "title": "七日无理由退货",
    "body": "网购商品自收到之日起七日内退货，无需说明理由；经营者七日内返还价款。",
    "legal_basis": "《消费者权益保护法》第二十五条",
    "tags": ["退货", "七日"],
}
FRAUD_LAW = {
    "kind": "law",
    "title": "欺诈三倍赔偿",
    "body": "经营者有欺诈行为的，增加赔偿的金额为价款的三倍；不足五百元的，为五百元。",
    "legal_basis": "《消费者权益保护法》第五十五条",
    "tags": ["欺诈"],
}
DELIVERY_GUIDE = {
    "kind": "product_guide",
    "title": "快递破损处理",
    "body": "快递外包装破损、商品损坏的，先行补发或退款，再向物流公司索赔。",
    "legal_basis": "",
    "category": "LOGISTICS-PARCEL-BROKEN",
    "tags": [],
}


@pytest.fixture(autouse=True)
def _fresh_index():
    """Tests roll back without a post_save for the deleted rows: start each with no index."""
    selectors.index_clear()
    yield
    selectors.index_clear()


@pytest.fixture
def write(staff):
    def make(actor=None, *, publish: bool = False, **overrides) -> Article:
        fields = {**RETURNS_LAW, **overrides}
        actor = actor or staff["supervisor"]
        article = services.article_create(actor=actor, **fields)
        if publish:
            article = services.article_publish(article=article, actor=actor)
        return article

    return make
