"""Demo knowledge articles: the laws agents cite most, two reply templates and two product guides.

Law texts are quoted from the statutes in force (消费者权益保护法 2013 修正, 产品质量法 2018 修正,
电子商务法 2019); check them against the official text before relying on them in a real reply.
"""

from closeloop.knowledge import services
from closeloop.knowledge.choices import ArticleKind
from closeloop.knowledge.models import Article
from closeloop.org.models import User
from closeloop.policy.models import Category

ARTICLES = [
    {
        "kind": ArticleKind.LAW,
        "title": "质量问题退货、更换、修理（消费者权益保护法第二十四条）",
        "legal_basis": "《消费者权益保护法》第二十四条",
        "category": "SERVICE-AFTERSALES",
        "tags": ["退货", "换货", "维修", "七日"],
        "body": (
            "经营者提供的商品或者服务不符合质量要求的，消费者可以依照国家规定、当事人约定退货，"
            "或者要求经营者履行更换、修理等义务。没有国家规定和当事人约定的，消费者可以自收到商品之日起"
            "七日内退货；七日后符合法定解除合同条件的，消费者可以及时退货，不符合法定解除合同条件的，"
            "可以要求经营者履行更换、修理等义务。\n"
            "依照前款规定进行退货、更换、修理的，经营者应当承担运输等必要费用。\n\n"
            "处理要点：\n"
            "- 先核实是否属于质量问题（检测报告、照片、维修记录）；\n"
            "- 收货七日内的质量问题，客户要求退货的应予办理，不得以“已拆封”为由拒绝；\n"
            "- 退换修产生的运费由我方承担。"
        ),
    },
    {
        "kind": ArticleKind.LAW,
        "title": "网购七日无理由退货（消费者权益保护法第二十五条）",
        "legal_basis": "《消费者权益保护法》第二十五条",
        "category": "SERVICE-AFTERSALES-RETURN",
        "tags": ["无理由退货", "网购", "七日", "退款"],
        "body": (
            "经营者采用网络、电视、电话、邮购等方式销售商品，消费者有权自收到商品之日起七日内退货，"
            "且无需说明理由，但下列商品除外：（一）消费者定作的；（二）鲜活易腐的；（三）在线下载或者"
            "消费者拆封的音像制品、计算机软件等数字化商品；（四）交付的报纸、期刊。\n"
            "除前款所列商品外，其他根据商品性质并经消费者在购买时确认不宜退货的商品，不适用无理由退货。\n"
            "消费者退货的商品应当完好。经营者应当自收到退回商品之日起七日内返还消费者支付的商品价款。"
            "退回商品的运费由消费者承担；经营者和消费者另有约定的，按照约定。"
        ),
    },
    {
        "kind": ArticleKind.LAW,
        "title": "欺诈行为三倍赔偿（消费者权益保护法第五十五条）",
        "legal_basis": "《消费者权益保护法》第五十五条",
        "category": "MARKETING-FALSE",
        "tags": ["欺诈", "虚假宣传", "三倍赔偿", "退一赔三"],
        "body": (
            "经营者提供商品或者服务有欺诈行为的，应当按照消费者的要求增加赔偿其受到的损失，增加赔偿的"
            "金额为消费者购买商品的价款或者接受服务的费用的三倍；增加赔偿的金额不足五百元的，为五百元。"
            "法律另有规定的，依照其规定。\n"
            "经营者明知商品或者服务存在缺陷，仍然向消费者提供，造成消费者或者其他受害人死亡或者健康严重"
            "损害的，受害人有权要求经营者依照本法第四十九条、第五十一条等法律规定赔偿损失，并有权要求"
            "所受损失二倍以下的惩罚性赔偿。\n\n"
            "处理要点：客户主张“退一赔三”时，须由法务复核是否构成欺诈（虚构事实或隐瞒真相并致客户误解），"
            "按重大投诉升级处理。"
        ),
    },
    {
        "kind": ArticleKind.LAW,
        "title": "销售者的修理、更换、退货和赔偿责任（产品质量法第四十条）",
        "legal_basis": "《产品质量法》第四十条",
        "category": "PRODUCT-DEFECT",
        "tags": ["产品质量", "三包", "追偿"],
        "body": (
            "售出的产品有下列情形之一的，销售者应当负责修理、更换、退货；给购买产品的消费者造成损失的，"
            "销售者应当赔偿损失：（一）不具备产品应当具备的使用性能而事先未作说明的；（二）不符合在产品或者"
            "其包装上注明采用的产品标准的；（三）不符合以产品说明、实物样品等方式表明的质量状况的。\n"
            "销售者依照前款规定负责修理、更换、退货、赔偿损失后，属于生产者的责任或者属于向销售者提供产品的"
            "其他销售者（以下简称供货者）的责任的，销售者有权向生产者、供货者追偿。\n\n"
            "处理要点：对客户先行承担，再按责任界定向厂家或供应商追偿，不得让客户自行找厂家。"
        ),
    },
    {
        "kind": ArticleKind.LAW,
        "title": "交付义务与运输风险（电子商务法第二十条、第十七条）",
        "legal_basis": "《电子商务法》第二十条、第十七条",
        "category": "LOGISTICS",
        "tags": ["电商", "物流", "快递", "破损", "丢件", "虚假宣传"],
        "body": (
            "第二十条：电子商务经营者应当按照承诺或者与消费者约定的方式、时限向消费者交付商品或者服务，"
            "并承担商品运输中的风险和责任。但是，消费者另行选择快递物流服务提供者的除外。\n"
            "第十七条：电子商务经营者应当全面、真实、准确、及时地披露商品或者服务信息，保障消费者的知情权"
            "和选择权。电子商务经营者不得以虚构交易、编造用户评价等方式进行虚假或者引人误解的商业宣传，"
            "欺骗、误导消费者。\n\n"
            "处理要点：快递破损、丢件由我方先行处理（补发或退款），再向物流服务商索赔；不得要求客户自行联系快递公司。"
        ),
    },
    {
        "kind": ArticleKind.REPLY_TEMPLATE,
        "title": "致歉回复模板",
        "legal_basis": "",
        "category": "SERVICE-ATTITUDE",
        "tags": ["致歉", "服务态度", "回复"],
        "body": (
            "{称呼}您好：\n"
            "关于您反映的{问题简述}，我们已经核实。由于我们{原因}，给您带来了不便和困扰，我们郑重向您道歉。\n"
            "针对此事，我们已{处理措施}，并将{改进措施}，避免同类问题再次发生。\n"
            "如您对处理结果还有任何疑问，请随时通过{联系方式}联系我们，我们将在{时限}内回复。\n"
            "再次感谢您的反馈与理解。"
        ),
    },
    {
        "kind": ArticleKind.REPLY_TEMPLATE,
        "title": "退款办理告知模板",
        "legal_basis": "《消费者权益保护法》第二十四条、第二十五条",
        "category": "BILLING-REFUND",
        "tags": ["退款", "回复", "到账时间"],
        "body": (
            "{称呼}您好：\n"
            "您的订单{订单号}的退款申请已审核通过，退款金额{金额}元，将原路退回至您的支付账户。\n"
            "一般情况下，退款在1至3个工作日内到账（银行卡支付以发卡行处理时间为准，最长不超过7个工作日）。\n"
            "如超过上述时间仍未到账，请回复本消息或拨打客服热线，我们将为您查询处理进度。\n"
            "依据：《消费者权益保护法》第二十四条、第二十五条。"
        ),
    },
    {
        "kind": ArticleKind.PRODUCT_GUIDE,
        "title": "燃气热水器无法点火：排查与上门检修",
        "legal_basis": "",
        "category": "PRODUCT-DEFECT",
        "tags": ["热水器", "无法点火", "上门检修", "到货即损"],
        "body": (
            "电话中先请客户确认：\n"
            "1. 燃气阀门是否打开，燃气表是否欠费；\n"
            "2. 电源（或电池）是否正常，显示屏有无故障代码（E1 点火失败、E2 意外熄火）；\n"
            "3. 水压是否过低，进水阀是否全开；\n"
            "4. 排烟管是否堵塞或安装不当。\n"
            "以上均正常仍无法点火的，按质量问题处理：收货七日内可退货或换新，七日后安排售后上门检测，"
            "24 小时内联系客户预约。点火器、比例阀等部件在保修期内免费更换。"
        ),
    },
    {
        "kind": ArticleKind.PRODUCT_GUIDE,
        "title": "手机黑屏、无法开机：排查与换机政策",
        "legal_basis": "《移动电话机商品修理更换退货责任规定》",
        "category": "PRODUCT-DEFECT-DOA",
        "tags": ["手机", "黑屏", "无法开机", "换机", "三包"],
        "body": (
            "请客户依次尝试：长按电源键 15 秒强制重启；连接原装充电器充电 30 分钟后再开机；"
            "检查屏幕是否有磕碰、进水痕迹。\n"
            "仍无法开机的：\n"
            "- 签收 7 日内出现性能故障，可选择退货、换货或修理；\n"
            "- 15 日内可选择换货或修理；\n"
            "- 一年保修期内免费修理；修理两次后仍无法正常使用的，可凭维修记录换机。\n"
            "到店或寄修前，提醒客户备份数据并关闭“查找手机”功能。"
        ),
    },
]


def demo_articles_load(actor: User) -> int:
    """Write and publish the demo articles that do not exist yet (matched by title); returns how
    many were written, so loading the demo twice adds nothing."""
    existing = set(Article.objects.values_list("title", flat=True))
    known = set(Category.objects.values_list("code", flat=True))
    written = 0
    for spec in ARTICLES:
        if spec["title"] in existing:
            continue
        article = services.article_create(
            actor=actor,
            kind=spec["kind"],
            title=spec["title"],
            body=spec["body"],
            legal_basis=spec["legal_basis"],
            category=spec["category"] if spec["category"] in known else None,
            tags=spec["tags"],
        )
        services.article_publish(article=article, actor=actor, version=article.version)
        written += 1
    return written
