from closeloop.knowledge import selectors
from closeloop.knowledge.demo import ARTICLES, demo_articles_load
from closeloop.knowledge.models import Article


def test_demo_articles_are_published_once_and_found(staff):
    assert demo_articles_load(staff["admin"]) == len(ARTICLES)
    assert demo_articles_load(staff["admin"]) == 0
    assert Article.objects.filter(status="published").count() == len(ARTICLES)
    assert not Article.objects.filter(category__isnull=True).exists()

    found = selectors.articles_for_text("商家虚假宣传，我要求退一赔三", k=1)
    assert found[0].legal_basis == "《消费者权益保护法》第五十五条"
