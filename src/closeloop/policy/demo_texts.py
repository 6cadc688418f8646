"""Demo and fallback texts for Closeloop: complaint examples per taxonomy leaf, mappings from the
public data sets in ``shared/data`` to taxonomy leaves, and name material for fake customers and staff.

Pure Python literals only (no Django imports). All texts are invented; they contain no real personal
data (no phone numbers, ID numbers or real names). Keys and mapping targets are leaf codes of
``closeloop.policy.defaults.CATEGORIES``.
"""

# Three complaint texts per leaf category code; emotion is calm / anxious / angry / disappointed.
FALLBACK_TEXTS: dict[str, list[dict[str, str]]] = {
    "PRODUCT-DEFECT-DOA": [
        {
            "title": "新买的电饭煲开箱内胆变形",
            "description": (
                "我上周三在贵公司App下单了一台399元的智能电饭煲，昨天签收后开箱发现内胆明显变形、"
                "盖子合不上。外箱完好没有压痕，应该是出厂时就有问题。"
            ),
            "demand": "希望尽快换一台新的，并上门取回坏件。",
            "emotion": "disappointed",
        },
        {
            "title": "电视到货屏幕有裂纹无法点亮",
            "description": (
                "前天送到的55寸电视，安装师傅通电后发现屏幕右下角有一道裂纹，根本点不亮。"
                "师傅说是屏幕出厂问题，让我自己找客服。这台电视花了3299元，周末还等着用。"
            ),
            "demand": "要求直接换新机，不接受维修。",
            "emotion": "angry",
        },
        {
            "title": "蓝牙耳机开箱一只不响",
            "description": (
                "昨天在星河广场店买的蓝牙耳机，回家拆封后左耳完全没声音，重新配对多次也不行。购买当天就坏，"
                "感觉出厂质检不严。"
            ),
            "demand": "请给我更换一副新耳机，最好能在门店直接换。",
            "emotion": "calm",
        },
    ],
    "PRODUCT-DEFECT-FAULT": [
        {
            "title": "洗衣机用了两个月脱水异响",
            "description": (
                "我家今年三月在东湖路店买的滚筒洗衣机，用了两个月左右，脱水时发出很大的撞击声，"
                "整台机器都在晃。已经按说明书调过水平脚，还是一样。"
            ),
            "demand": "请安排师傅上门检修，如属质量问题希望免费维修。",
            "emotion": "calm",
        },
        {
            "title": "手机充电口接触不良",
            "description": (
                "上个月买的云帆X5手机，最近充电要把线掰着角度才能充进去，有时充一晚上只有30%。"
                "我平时很爱惜，没进过水也没摔过。"
            ),
            "demand": "希望保修期内免费更换充电口或者换机。",
            "emotion": "anxious",
        },
        {
            "title": "空气炸锅加热管突然不热",
            "description": (
                "这台599元的空气炸锅刚用了五十多天，昨晚做饭时突然不加热了，指示灯正常但一点温度都没有。"
                "家里老人小孩天天要用，现在很不方便。"
            ),
            "demand": "要求尽快维修，维修期间能否提供备用机。",
            "emotion": "disappointed",
        },
    ],
    "PRODUCT-DEFECT-PERF": [
        {
            "title": "充电宝容量远低于标称",
            "description": (
                "商品页写着20000毫安时，我用测试仪测了三次，实际输出不到9000毫安时，"
                "给手机充一次半就没电了。这和标称值差得太多了。"
            ),
            "demand": "请给出检测说明，不合格就退货退款。",
            "emotion": "angry",
        },
        {
            "title": "笔记本电池续航不到一半",
            "description": (
                "说明书写续航10小时，我只开文档和网页、亮度调到一半，三个多小时就提示低电量。"
                "电脑是上周二收到的，价格5499元。"
            ),
            "demand": "希望检测电池是否有问题，若属实请换机。",
            "emotion": "disappointed",
        },
        {
            "title": "除湿机除湿量明显不足",
            "description": (
                "铭牌标注每天除湿12升，我家客厅开了一整天只有不到3升水，湿度计几乎没变化。梅雨季正需要用，"
                "很着急。"
            ),
            "demand": "请派人上门检测，不达标的话要退货。",
            "emotion": "anxious",
        },
    ],
    "PRODUCT-FOOD-EXPIRED": [
        {
            "title": "收到的牛奶已过期三天",
            "description": (
                "我前天在线上超市买了两箱纯牛奶共118元，今天打开发现按生产日期算已经过期三天了。"
                "还好孩子没喝，但这种情况太不应该。"
            ),
            "demand": "要求退款，并说明为什么会发出过期商品。",
            "emotion": "angry",
        },
        {
            "title": "门店面包临期未提示",
            "description": (
                "周日下午在滨江店买的吐司，回家才看到当天就到期，货架上没有任何临期提示，价格也是原价。"
                "虽然不是大事，但希望门店重视。"
            ),
            "demand": "希望退款，并在门店做好临期商品标识。",
            "emotion": "calm",
        },
        {
            "title": "进口饼干日期标签被覆盖",
            "description": (
                "买的进口饼干外包装上的中文标签正好贴在原日期上，撕开后发现原日期已经超过保质期两个月。"
                "怀疑是改了日期在卖，心里很不踏实。"
            ),
            "demand": "要求解释并按规定赔偿，否则我会向12315举报。",
            "emotion": "angry",
        },
    ],
    "PRODUCT-FOOD-SPOILED": [
        {
            "title": "收到的猕猴桃一半烂了",
            "description": (
                "上周四买了一箱猕猴桃，89元，今天开箱发现十几个已经软烂发霉，还有一股酒味。包装箱是好的，"
                "应该是发货时就不新鲜。"
            ),
            "demand": "请按烂果数量退款或者补发。",
            "emotion": "disappointed",
        },
        {
            "title": "酸奶保质期内有异味",
            "description": (
                "昨天在金桥店买的酸奶，离保质期还有一周，打开就有很重的酸臭味，明显变质了。"
                "可能是门店冷柜温度有问题。"
            ),
            "demand": "希望退款，并检查门店冷柜。",
            "emotion": "calm",
        },
        {
            "title": "洗发水打开后发黑有怪味",
            "description": (
                "网上买的洗发水一打开颜色发黑，闻起来像放坏了，跟以前买的完全不同。我已经用了一次，"
                "头皮有点痒。"
            ),
            "demand": "要退货退款，并说明这批货是否有问题。",
            "emotion": "anxious",
        },
    ],
    "PRODUCT-FOOD-FOREIGN": [
        {
            "title": "饼干里吃出金属片",
            "description": (
                "上周给孩子买的儿童饼干，吃的时候发现里面夹着一小片金属，好在孩子及时吐出来没有受伤。"
                "照片和剩下的饼干我都保留着。"
            ),
            "demand": "要求彻查生产批次，给出书面说明并赔偿。",
            "emotion": "angry",
        },
        {
            "title": "密封大米里有小虫",
            "description": (
                "上个月买的10斤装大米，还没吃完就发现里面有很多小黑虫。米袋一直是密封保存的，放在阴凉处。"
            ),
            "demand": "希望换一袋新米或者退款。",
            "emotion": "calm",
        },
        {
            "title": "黄桃罐头里发现头发",
            "description": (
                "昨晚打开在东湖路店买的黄桃罐头，发现里面有一根长头发。卫生太差了，全家都没了胃口。"
            ),
            "demand": "请退款并对生产厂家追责。",
            "emotion": "disappointed",
        },
    ],
    "PRODUCT-AUTH-COUNTERFEIT": [
        {
            "title": "自营护肤品疑似假货",
            "description": (
                "我在贵平台自营买的精华液，680元，和专柜买的对比，瓶身字体和气味都不一样，"
                "防伪码查询显示已被查询过多次。我怀疑是假货。"
            ),
            "demand": "要求出具正品证明，否则退一赔三，我已经准备向12315投诉。",
            "emotion": "angry",
        },
        {
            "title": "全新手机激活日期在半年前",
            "description": (
                "上周买的“全新”手机，查保修发现半年前就已经激活过，电池循环次数也不是零。"
                "这是把翻新机当新机卖。"
            ),
            "demand": "要求退货并按欺诈赔偿，不给说法我会起诉。",
            "emotion": "angry",
        },
        {
            "title": "运动鞋做工粗糙怀疑不是正品",
            "description": (
                "在城南店买的运动鞋，穿了两天发现鞋标车线歪斜，鞋盒上的条码扫不出来。不确定是不是正品，"
                "心里不踏实。"
            ),
            "demand": "请帮忙鉴定真伪，如果不是正品要退款。",
            "emotion": "anxious",
        },
    ],
    "PRODUCT-AUTH-MISMATCH": [
        {
            "title": "纯棉T恤实际是化纤",
            "description": (
                "商品页写着100%纯棉，收到后洗标写的是65%涤纶，穿上很不透气。价格159元，这和描述完全不符。"
            ),
            "demand": "要求退货退款，运费由商家承担。",
            "emotion": "disappointed",
        },
        {
            "title": "图书印刷与介绍不符",
            "description": (
                "买的精装版图书页面说是全彩印刷，收到是黑白的，还有好几页印得模糊看不清。书价128元，"
                "本来是送人的。"
            ),
            "demand": "希望换成页面描述的版本，否则退款。",
            "emotion": "calm",
        },
        {
            "title": "羽绒服颜色和图片差太多",
            "description": (
                "页面图片是浅米色，收到的是明显的土黄色，问客服说是“灯光色差”。差别太大了，完全不是一个颜色。"
            ),
            "demand": "要求退货，不接受仅补偿优惠券。",
            "emotion": "angry",
        },
    ],
    "SERVICE-ATTITUDE-RUDE": [
        {
            "title": "店员当众嘲讽我买不起",
            "description": (
                "上周六下午在星河广场店看手机，我多问了几个问题，店员说“买不起就别问那么多”，"
                "周围的人都在看。我从来没受过这种气。"
            ),
            "demand": "要求店员当面道歉，并告知对其处理结果。",
            "emotion": "angry",
        },
        {
            "title": "热线客服不耐烦直接挂电话",
            "description": (
                "昨天打热线咨询退款进度，刚说了两句客服就说“系统就这样你等着吧”，然后直接挂断。"
                "我再打又要排队二十分钟。"
            ),
            "demand": "希望规范客服用语，并有人主动回电处理我的退款。",
            "emotion": "angry",
        },
        {
            "title": "售后接待人员说话很冲",
            "description": (
                "前天送修时我只是问了一下维修要多久，接待人员很不耐烦地说“不知道，等通知”。"
                "这种态度让人很不舒服。"
            ),
            "demand": "希望改善服务态度，告诉我准确的维修时间。",
            "emotion": "disappointed",
        },
    ],
    "SERVICE-ATTITUDE-EVASIVE": [
        {
            "title": "客服和厂家互相推来推去",
            "description": (
                "我的热水器漏水，联系客服说要找厂家，厂家又说在你们平台买的要找平台，来回转了三次。"
                "一周过去了，没有任何人管。"
            ),
            "demand": "请明确一个负责人跟进到底。",
            "emotion": "angry",
        },
        {
            "title": "在线客服机械回复不解决问题",
            "description": (
                "连续三天在App找在线客服，每次都是同样的“已为您反馈，请耐心等待”。问题一点进展都没有，"
                "感觉在敷衍我。"
            ),
            "demand": "希望安排人工专员直接处理。",
            "emotion": "disappointed",
        },
        {
            "title": "门店让我去线上申请售后",
            "description": (
                "在门店买的吸尘器坏了，拿回门店店员说门店不管售后，让我去线上申请。"
                "线上客服又说门店购买的要找门店。"
            ),
            "demand": "请说清楚到底应该在哪里处理，并尽快解决。",
            "emotion": "anxious",
        },
    ],
    "SERVICE-PROCESS-UNKEPT": [
        {
            "title": "说好三天内回电一直没消息",
            "description": (
                "上周一投诉时，客服承诺三个工作日内回电给处理方案。现在已经过去八天了，一个电话都没有。"
            ),
            "demand": "请今天内回复处理方案。",
            "emotion": "angry",
        },
        {
            "title": "承诺补发的配件迟迟没到",
            "description": (
                "十天前客服确认漏发了充电器，答应马上补发，到现在连物流单号都没有。每次问都说“在安排”。"
            ),
            "demand": "尽快补发并告知单号。",
            "emotion": "disappointed",
        },
        {
            "title": "答应的差价补偿没有到账",
            "description": (
                "购买后第三天就降价了，客服当时答应补偿差价150元，说两天到账。现在一周过去了还没看到。"
            ),
            "demand": "请兑现承诺，把差价补给我。",
            "emotion": "calm",
        },
    ],
    "SERVICE-PROCESS-WAIT": [
        {
            "title": "热线排队四十分钟没人接",
            "description": (
                "今天上午打客服热线，排队等了四十多分钟，最后提示“坐席繁忙”自动挂断。我的订单问题很急，"
                "不知道还能找谁。"
            ),
            "demand": "希望增加人手，并尽快有人联系我。",
            "emotion": "anxious",
        },
        {
            "title": "在线客服一直显示排队中",
            "description": (
                "昨晚八点在App联系人工客服，显示前面还有99人。等了一个小时还是没接入，只能放弃。"
            ),
            "demand": "请提供其他能及时联系上的方式。",
            "emotion": "disappointed",
        },
        {
            "title": "预约维修要等两周",
            "description": (
                "家里空调不制冷，预约上门维修，最早的时间竟然在两周以后。现在天气这么热，家里还有老人。"
            ),
            "demand": "请加急安排，三天内上门。",
            "emotion": "anxious",
        },
    ],
    "SERVICE-AFTERSALES-WARRANTY": [
        {
            "title": "保修期内被要求自费维修",
            "description": (
                "冰箱买了十个月，冷藏室不制冷，维修师傅说是“人为损坏”要收我480元。问他依据是什么，"
                "他不给任何检测说明。"
            ),
            "demand": "要求出具检测报告，保修期内应免费维修。",
            "emotion": "angry",
        },
        {
            "title": "没有纸质发票就不给保修",
            "description": (
                "手机在保修期内出现故障，售后说没有纸质发票不能保修。可是我的订单记录在App里清清楚楚。"
            ),
            "demand": "请按电子订单记录给予保修。",
            "emotion": "calm",
        },
        {
            "title": "三包期内只修不换",
            "description": (
                "电动牙刷买了十天就不能充电，按规定可以换货。售后却只同意维修，还要寄回厂家等一个月。"
            ),
            "demand": "要求按三包规定直接换新。",
            "emotion": "disappointed",
        },
    ],
    "SERVICE-AFTERSALES-REPAIR": [
        {
            "title": "笔记本送修一个月还没修好",
            "description": (
                "电脑上个月六号送修，说十五个工作日内修好，现在一个多月了还在“等配件”。我工作要用，"
                "一直在借同事的电脑。"
            ),
            "demand": "要求本周内修好或者换新机。",
            "emotion": "angry",
        },
        {
            "title": "洗碗机同一问题修了三次",
            "description": (
                "洗碗机不排水，已经上门修了三次，每次修好用几天又坏。每次修都要请假在家等，我已经没有耐心了。"
            ),
            "demand": "要求换新或退货，不再接受维修。",
            "emotion": "angry",
        },
        {
            "title": "送修手表进度查不到",
            "description": "手表送修后系统一直显示“检测中”，快三周了。打电话问也说不清楚什么时候能修好。",
            "demand": "请告知具体进度和预计完成时间。",
            "emotion": "anxious",
        },
    ],
    "SERVICE-AFTERSALES-RETURN": [
        {
            "title": "七天无理由退货被拒",
            "description": (
                "上周五收到的吹风机，包装都没拆，申请七天无理由退货却被拒绝，理由是“该商品不支持”。"
                "商品页面并没有这样标注。"
            ),
            "demand": "要求按规定退货退款。",
            "emotion": "angry",
        },
        {
            "title": "吊牌都在却说不能退",
            "description": (
                "衣服试穿后不合适申请退货，吊牌都在，只是外包装塑料袋拆了。客服说包装不完整不能退，"
                "这说不过去。"
            ),
            "demand": "希望正常办理退货。",
            "emotion": "disappointed",
        },
        {
            "title": "退货取件一直没人来",
            "description": "退货申请审核通过四天了，预约的上门取件两次都没人来。再过两天就超出退货期限了。",
            "demand": "请尽快安排取件，并保证不因此影响退货。",
            "emotion": "anxious",
        },
    ],
    "SERVICE-ONSITE-RECEPTION": [
        {
            "title": "体验中心无人接待",
            "description": (
                "周末带家人去西溪体验中心看家电，店里四五个店员都在聊天玩手机。我们站了十分钟都没人过来讲解。"
            ),
            "demand": "希望加强门店接待管理。",
            "emotion": "disappointed",
        },
        {
            "title": "积分兑换的合作酒店体验很差",
            "description": (
                "用会员积分兑换了合作酒店两晚住宿，前台办入住等了半小时，房间空调不制冷。要求换房也被拒绝了。"
            ),
            "demand": "希望补偿积分，并核查合作酒店的服务质量。",
            "emotion": "angry",
        },
        {
            "title": "预约的到店讲解被放鸽子",
            "description": (
                "我在App预约了上周三下午两点到店体验智能家居，按时到了店员却说没收到预约。白跑一趟，"
                "让我改天再来。"
            ),
            "demand": "请核实预约系统，并重新安排讲解。",
            "emotion": "calm",
        },
    ],
    "SERVICE-ONSITE-INSTALL": [
        {
            "title": "安装热水器额外收了260元",
            "description": (
                "热水器上门安装时，师傅说必须换他带的阀门和管子，收了260元材料费。没给收费标准，也没开票。"
            ),
            "demand": "请公布收费标准，不合理部分退还。",
            "emotion": "angry",
        },
        {
            "title": "空调安装师傅两次爽约",
            "description": (
                "约了周六上午安装空调，等了一上午没人来，改到周日又没来。两次都没有任何人通知我。"
            ),
            "demand": "请确定准确的安装时间，并对爽约作出说明。",
            "emotion": "angry",
        },
        {
            "title": "油烟机装歪了没调好",
            "description": (
                "油烟机安装后明显歪斜，烟道口也没密封好，做饭时油烟往外冒。师傅装完就走了，也没让我验收。"
            ),
            "demand": "请重新上门调整安装。",
            "emotion": "calm",
        },
    ],
    "LOGISTICS-DELIVERY-LATE": [
        {
            "title": "承诺次日达三天没到",
            "description": (
                "买的婴儿奶粉页面写着次日达，我是周一下的单，到今天周四还没送到。孩子的奶粉快喝完了。"
            ),
            "demand": "请今天之内送到，并说明延误原因。",
            "emotion": "anxious",
        },
        {
            "title": "生日礼物没有按时送到",
            "description": (
                "特意选了指定日期配送的蛋糕和礼物，结果晚了一天才送到。生日已经过了，心意全没了。"
            ),
            "demand": "希望退还配送费并给予补偿。",
            "emotion": "disappointed",
        },
        {
            "title": "大件沙发超期一周未送",
            "description": "订的沙发约定上周六送货，到现在过了一周还没动静。我为了收货已经请了一天假。",
            "demand": "请确认送货时间并补偿误工损失。",
            "emotion": "angry",
        },
    ],
    "LOGISTICS-DELIVERY-STALLED": [
        {
            "title": "物流五天没有更新",
            "description": (
                "订单显示已发货，但物流信息停在“到达中转站”五天没有任何更新。里面是给老人买的血压计，急着用。"
            ),
            "demand": "请帮忙查询包裹位置。",
            "emotion": "anxious",
        },
        {
            "title": "物流突然显示退回",
            "description": "我没有拒收，物流却突然显示“退回发件地”。问客服也说不清是怎么回事。",
            "demand": "请查明原因，重新给我发货。",
            "emotion": "calm",
        },
        {
            "title": "发货单号查不到",
            "description": (
                "付款已经四天，订单状态是已发货，但给的单号在快递公司查不到任何信息。感觉根本没发货。"
            ),
            "demand": "请核实是否真的发货，否则退款。",
            "emotion": "disappointed",
        },
    ],
    "LOGISTICS-DELIVERY-DOORSTEP": [
        {
            "title": "没收到货却显示已签收",
            "description": (
                "昨天下午物流显示“本人签收”，可我一整天都在家，没人敲门也没人打电话。"
                "包裹里是一台899元的料理机。"
            ),
            "demand": "请尽快找到包裹，找不到就补发或退款。",
            "emotion": "angry",
        },
        {
            "title": "配送员谎称电梯坏了不送上楼",
            "description": (
                "买了两箱矿泉水，配送员打电话让我自己下楼搬，说电梯坏了不能送上门。可电梯明明是好的。"
            ),
            "demand": "希望按约定送货上门，并处理该配送员。",
            "emotion": "angry",
        },
        {
            "title": "包裹被放到驿站没通知",
            "description": (
                "快递没经过我同意就放到了小区外面的驿站，也没有短信通知。我过了三天才发现，生鲜都不新鲜了。"
            ),
            "demand": "以后请按地址送货上门。",
            "emotion": "calm",
        },
    ],
    "LOGISTICS-DELIVERY-COURIER": [
        {
            "title": "配送员索要上楼费",
            "description": (
                "配送员把洗衣机送到楼下，说上六楼要另加50元，不给就放楼下。订单上写着包送货上门。"
            ),
            "demand": "退还多收的钱，规范配送员行为。",
            "emotion": "angry",
        },
        {
            "title": "快递员野蛮扔包裹",
            "description": (
                "昨天下午我在楼下亲眼看到配送员把我的包裹从车上直接扔到地上。里面是一套玻璃杯，"
                "拆开后已经碎了两只。"
            ),
            "demand": "赔偿损坏的杯子，并对配送员进行教育。",
            "emotion": "angry",
        },
        {
            "title": "配送员电话里骂人",
            "description": (
                "今天上午配送员打电话时我正在开会，晚接了一会儿。他就在电话里骂骂咧咧，还说下次不给我送了。"
            ),
            "demand": "希望配送员向我道歉。",
            "emotion": "disappointed",
        },
    ],
    "LOGISTICS-PARCEL-BROKEN": [
        {
            "title": "外箱压扁台灯碎了",
            "description": (
                "今天签收的台灯外箱被压扁了一个角，打开发现灯罩碎成几块。配送员当时催着我签字，没让验货。"
            ),
            "demand": "请补发一台新台灯。",
            "emotion": "disappointed",
        },
        {
            "title": "鸡蛋运输碎了一半",
            "description": "在线上超市买了30枚鸡蛋，送到时碎了十几个。蛋液把同一袋里的其他东西都弄脏了。",
            "demand": "按碎的数量退款，并改进包装。",
            "emotion": "calm",
        },
        {
            "title": "显示器运输中屏幕破裂",
            "description": (
                "买的显示器包装外面有明显的破洞，里面屏幕碎了。价格1299元，我要求换货，客服却让我先自己寄回。"
            ),
            "demand": "请上门取件并直接换新，不要让我垫付运费。",
            "emotion": "angry",
        },
    ],
    "LOGISTICS-PARCEL-LOST": [
        {
            "title": "包裹丢了两周没结果",
            "description": (
                "物流显示半个月前就到了本市，后来客服说包裹丢了正在找。到现在快两周了，没有任何结果。"
            ),
            "demand": "请直接补发或退款。",
            "emotion": "angry",
        },
        {
            "title": "寄修平板在途中丢失",
            "description": (
                "寄回维修的平板在运输途中丢失，快递说要走理赔流程，但至今没人和我联系。平板价值2999元，"
                "里面还有工作资料。"
            ),
            "demand": "要求按实际价值赔偿。",
            "emotion": "anxious",
        },
        {
            "title": "丢件后让我自己找快递",
            "description": (
                "包裹确认丢失后，客服让我自己去找快递公司理赔。我是在你们这里买的东西，为什么要我去找快递。"
            ),
            "demand": "请你们负责处理，给我补发。",
            "emotion": "disappointed",
        },
    ],
    "LOGISTICS-PARCEL-WRONG": [
        {
            "title": "买黑色背包发来白色",
            "description": (
                "下单的是黑色运动背包，收到的是白色的，订单上写的明明是黑色。背包是给孩子开学用的。"
            ),
            "demand": "请换成黑色，来回运费由你们承担。",
            "emotion": "calm",
        },
        {
            "title": "三瓶洗衣液只收到两瓶",
            "description": "一个订单买了三瓶洗衣液，包裹里只有两瓶，发货单上却写着三瓶。包装是完好的。",
            "demand": "请补发少的一瓶。",
            "emotion": "calm",
        },
        {
            "title": "赠品和配件都没发",
            "description": (
                "买的咖啡机页面写着送量勺和清洁刷，收到只有机器本身。说明书上也写着应该有这些配件。"
            ),
            "demand": "请补发配件和赠品。",
            "emotion": "disappointed",
        },
    ],
    "BILLING-CHARGE-DUPLICATE": [
        {
            "title": "同一订单扣了两次钱",
            "description": (
                "昨天晚上付款时页面卡住，我又点了一次，结果银行卡被扣了两次共798元。订单却只有一个。"
            ),
            "demand": "请把多扣的399元退回。",
            "emotion": "anxious",
        },
        {
            "title": "取消订单后仍被扣款",
            "description": (
                "上周三下单后马上取消了订单，显示取消成功。但信用卡账单还是出现了这笔1250元的消费。"
            ),
            "demand": "要求立即退款。",
            "emotion": "angry",
        },
        {
            "title": "会员费被重复扣除",
            "description": "这个月的会员费被扣了两次，每次25元。钱虽然不多，但这是系统的问题。",
            "demand": "请退回重复扣的费用。",
            "emotion": "calm",
        },
    ],
    "BILLING-CHARGE-PRICE": [
        {
            "title": "结账价格比价签高",
            "description": (
                "在东湖路店买的洗衣粉，货架价签写29.9元，结账时收了39.9元。收银员说是价签没更新。"
            ),
            "demand": "按标价结算，退还多收的10元。",
            "emotion": "angry",
        },
        {
            "title": "下单后实付金额变了",
            "description": (
                "商品页显示到手价199元，提交订单后实付变成了229元。多出来的30元说不清是什么费用。"
            ),
            "demand": "请按页面价格结算，退还差价。",
            "emotion": "disappointed",
        },
        {
            "title": "满额包邮却收了运费",
            "description": "订单满99元应该包邮，结算时却收了12元运费。我截图了活动页面。",
            "demand": "退还运费。",
            "emotion": "calm",
        },
    ],
    "BILLING-CHARGE-HIDDEN": [
        {
            "title": "莫名开通了自动续费",
            "description": (
                "我只买过一次月卡会员，结果这三个月每个月都被自动扣了30元。购买时根本没有明显提示是自动续费。"
            ),
            "demand": "退还后两个月的费用并关闭自动续费。",
            "emotion": "angry",
        },
        {
            "title": "结算时多了一项服务费",
            "description": (
                "上周购买电视时，结算页多了一项199元的“安心服务费”。我没有主动选择，事后对账才发现被收了钱。"
            ),
            "demand": "退还服务费。",
            "emotion": "angry",
        },
        {
            "title": "免费安装却另收远程费",
            "description": "买的时候说免费安装，结果上门后又收了80元“远程费”。事先没有任何告知。",
            "demand": "请退还不合理的收费。",
            "emotion": "disappointed",
        },
    ],
    "BILLING-REFUND-DELAY": [
        {
            "title": "退款审核通过十天未到账",
            "description": (
                "退货已经被仓库签收，退款显示审核通过十天了，银行卡一直没收到这笔1580元。"
                "这是我下个月的房租钱。"
            ),
            "demand": "请核实退款状态，尽快到账。",
            "emotion": "anxious",
        },
        {
            "title": "退款一直显示处理中",
            "description": "退款申请提交半个月了一直显示“处理中”。问客服只说再等等，没有任何解释。",
            "demand": "给出明确的到账时间。",
            "emotion": "angry",
        },
        {
            "title": "退到已注销的银行卡",
            "description": "退款原路退回了我已经注销的银行卡，银行说会退回商户。但已经二十天了还没处理好。",
            "demand": "请改为退到我现在的账户。",
            "emotion": "calm",
        },
    ],
    "BILLING-REFUND-AMOUNT": [
        {
            "title": "退款少退了优惠券金额",
            "description": (
                "订单实付320元，退货后只退了280元，客服说优惠券分摊扣掉了。但我用的是全场通用券，整单都退了。"
            ),
            "demand": "请说明计算方法并补齐差额。",
            "emotion": "disappointed",
        },
        {
            "title": "质量问题退货还扣运费",
            "description": "因为质量问题退货，退款时却扣了15元运费。质量问题应该由商家承担运费。",
            "demand": "退还扣除的运费。",
            "emotion": "calm",
        },
        {
            "title": "部分退款金额不对",
            "description": (
                "一个订单里退了一件，按价格应该退129元，结果只退了99元。客服说不清少的30元是怎么来的。"
            ),
            "demand": "补退30元差额。",
            "emotion": "angry",
        },
    ],
    "BILLING-PREPAID-CARD": [
        {
            "title": "门店关闭储值卡余额无法使用",
            "description": "我在城南店办的储值卡还有860元余额，门店突然关门了。其他门店说这张卡不通用。",
            "demand": "要求退还余额，或者能在其他门店使用。",
            "emotion": "angry",
        },
        {
            "title": "预付的清洗套餐约不上",
            "description": "去年预付了1200元的家电清洗套餐，用了两次后，每次预约都说排满了。套餐快到期了。",
            "demand": "要么按约定提供服务，要么退还剩余费用。",
            "emotion": "disappointed",
        },
        {
            "title": "储值卡退余额要扣手续费",
            "description": "想把储值卡里剩下的500元退掉，门店说要扣20%手续费。办卡时根本没说过这个规定。",
            "demand": "全额退还余额。",
            "emotion": "angry",
        },
    ],
    "BILLING-PREPAID-POINTS": [
        {
            "title": "积分被突然清零",
            "description": "我攒了两年的一万多积分，这个月突然被清零了。之前没有收到任何通知。",
            "demand": "恢复我的积分。",
            "emotion": "angry",
        },
        {
            "title": "年卡会员权益单方面缩水",
            "description": (
                "我年初买的年卡会员写的是全年免运费，现在改成每月只有三次。改规则没有征得我的同意。"
            ),
            "demand": "按原来承诺的权益执行，或者退还部分会员费。",
            "emotion": "disappointed",
        },
        {
            "title": "积分兑换的商品一直不发货",
            "description": "上个月用3000积分兑换了一个保温杯，三周了还没发货。订单状态一直是“待出库”。",
            "demand": "请尽快发货或退回积分。",
            "emotion": "calm",
        },
    ],
    "BILLING-CREDIT-FEE": [
        {
            "title": "说好免息却收了手续费",
            "description": (
                "在门店买手机时店员说12期免息，后来账单显示每期都有手续费，一共多了360元。"
                "当时签字时没人解释。"
            ),
            "demand": "按免息执行，退还手续费。",
            "emotion": "angry",
        },
        {
            "title": "提前还款仍收全部利息",
            "description": (
                "我想一次性提前还清分期，系统显示还要付剩余全部期数的利息。合同里没有写清楚这一点。"
            ),
            "demand": "请说明收费依据，按实际使用期限计息。",
            "emotion": "calm",
        },
        {
            "title": "逾期一天违约金过高",
            "description": "因为银行卡余额不足，分期逾期了一天，结果被收了50元违约金。这个金额太高了。",
            "demand": "请减免违约金。",
            "emotion": "disappointed",
        },
    ],
    "BILLING-CREDIT-COLLECTION": [
        {
            "title": "催收电话打到单位领导",
            "description": (
                "我的分期只逾期了三天，催收人员就打电话给我单位领导和同事。现在我在单位很难做人。"
            ),
            "demand": "立即停止骚扰我身边的人并书面道歉，否则我会起诉。",
            "emotion": "angry",
        },
        {
            "title": "催收人员言语威胁",
            "description": "催收电话里说“不还钱就上门找你家人”。我已经说了发工资就还，他还是一直威胁。",
            "demand": "要求停止威胁，规范催收。",
            "emotion": "anxious",
        },
        {
            "title": "一天接到十几个催收电话",
            "description": "我已经和客服约定了还款日期，今天还是接到十几个催收电话。严重影响了正常工作。",
            "demand": "按约定还款计划执行，停止频繁催收。",
            "emotion": "angry",
        },
    ],
    "SYSTEM-APP-CRASH": [
        {
            "title": "App更新后一打开就闪退",
            "description": (
                "昨天更新到最新版本后，App一打开就闪退，重启手机、重新安装都没用。"
                "购物车里的东西明天活动就结束了。"
            ),
            "demand": "尽快修复，并告诉我怎么先下单。",
            "emotion": "anxious",
        },
        {
            "title": "网页版购物车白屏",
            "description": "用电脑打开官网，进入购物车后页面一片空白。换了两个浏览器都一样。",
            "demand": "请修复网页问题。",
            "emotion": "calm",
        },
        {
            "title": "小程序总是卡在加载页",
            "description": "最近一周小程序经常卡在加载页面，要反复退出好几次才能进去。用起来非常影响心情。",
            "demand": "希望改进小程序的稳定性。",
            "emotion": "disappointed",
        },
    ],
    "SYSTEM-APP-LOGIN": [
        {
            "title": "收不到登录验证码",
            "description": "今天换了新手机登录，验证码一直收不到，试了十几次。账户里还有没用完的余额。",
            "demand": "请帮我恢复登录。",
            "emotion": "anxious",
        },
        {
            "title": "账号被误封无法登录",
            "description": (
                "我的账号突然提示“存在异常已冻结”，我没有做过任何违规的事。里面还有待收货的订单。"
            ),
            "demand": "请解封账号并说明原因。",
            "emotion": "angry",
        },
        {
            "title": "人脸验证一直不通过",
            "description": "登录时要求人脸验证，我试了很多次都提示“非本人操作”。光线和角度都调整过了。",
            "demand": "请提供其他验证方式。",
            "emotion": "calm",
        },
    ],
    "SYSTEM-APP-FUNCTION": [
        {
            "title": "申请售后按钮点不了",
            "description": "订单详情页的“申请售后”按钮是灰的，点不动。可我的商品还在售后期内。",
            "demand": "修复功能，帮我提交售后。",
            "emotion": "disappointed",
        },
        {
            "title": "电子发票一直开不出来",
            "description": "订单完成半个月了，电子发票一直显示“开具中”。公司月底报销急用。",
            "demand": "尽快开具发票。",
            "emotion": "anxious",
        },
        {
            "title": "购物车价格显示错误",
            "description": "购物车里的商品显示99元，点进详情页是129元。不知道到底以哪个为准。",
            "demand": "请修复显示问题并说明实际价格。",
            "emotion": "calm",
        },
    ],
    "SYSTEM-APP-PAY": [
        {
            "title": "付款成功订单显示未支付",
            "description": (
                "微信已经扣款459元，App订单却显示“待支付”，还提示我十五分钟后自动取消。我不敢再付一次。"
            ),
            "demand": "请确认订单已支付，或立即退款。",
            "emotion": "anxious",
        },
        {
            "title": "秒杀时支付失败错过活动",
            "description": (
                "秒杀活动付款时一直提示“支付失败”，换了三种支付方式都不行。活动一结束马上就能付了。"
            ),
            "demand": "希望按活动价补给我。",
            "emotion": "angry",
        },
        {
            "title": "下单失败却扣了钱",
            "description": (
                "提交订单时提示库存不足、下单失败，但银行卡被扣了268元。订单列表里也找不到这笔订单。"
            ),
            "demand": "请退款。",
            "emotion": "calm",
        },
    ],
    "SYSTEM-OUTAGE-DOWN": [
        {
            "title": "大促当晚整个App打不开",
            "description": (
                "大促当晚零点整个App都打不开，我和身边的朋友都是这样。等恢复以后，限量优惠都没了。"
            ),
            "demand": "请给受影响的用户补偿。",
            "emotion": "angry",
        },
        {
            "title": "门店收银系统瘫痪四十分钟",
            "description": (
                "上周六下午在金桥店排队结账，收银系统全部宕机了四十分钟。购物车里的冷冻食品都化了。"
            ),
            "demand": "希望有应急预案，不要让顾客一直干等。",
            "emotion": "angry",
        },
        {
            "title": "自助收银机全部故障",
            "description": (
                "今天晚上滨江店的自助收银机全部故障，只开了一个人工收银台。排队的人一直排到了门口。"
            ),
            "demand": "尽快修复设备。",
            "emotion": "disappointed",
        },
    ],
    "SYSTEM-OUTAGE-DATA": [
        {
            "title": "历史订单记录全部消失",
            "description": "登录后发现我过去一年的订单记录全没了。里面有几个还在保修期内的电器。",
            "demand": "恢复我的订单记录，保修不受影响。",
            "emotion": "anxious",
        },
        {
            "title": "账户余额少了200元",
            "description": "账户余额昨天还是560元，今天变成了360元。账单里没有任何消费记录。",
            "demand": "查明原因，恢复余额。",
            "emotion": "angry",
        },
        {
            "title": "发票抬头变成别人的",
            "description": "我开的发票抬头变成了一个不认识的公司名称，税号也不对。报销被财务退了回来。",
            "demand": "重新开具正确的发票，并说明原因。",
            "emotion": "calm",
        },
    ],
    "MARKETING-FALSE-EXAGGERATE": [
        {
            "title": "宣称除甲醛实际没效果",
            "description": (
                "直播间说这款净化器“三天除甲醛99%”，我买回来用了两周，检测甲醛一点没降。花了2680元。"
            ),
            "demand": "退货退款，虚假宣传要按规定赔偿，否则向12315投诉。",
            "emotion": "angry",
        },
        {
            "title": "防脱洗发水毫无作用",
            "description": "广告说“28天防脱固发”，我坚持用了两瓶，掉发一点都没减少。感觉被广告骗了。",
            "demand": "希望退款。",
            "emotion": "disappointed",
        },
        {
            "title": "“全网最低价”其实不是",
            "description": "商品页写着“全网最低价”，我在其他平台看到同款便宜了80元。这种宣传很误导人。",
            "demand": "请撤下误导性宣传并退差价。",
            "emotion": "calm",
        },
    ],
    "MARKETING-FALSE-PRICE": [
        {
            "title": "大促先涨价再打折",
            "description": (
                "一周前看这款吸尘器是899元，大促时标“原价1599元，现价999元”，反而比之前还贵。这就是价格欺诈。"
            ),
            "demand": "要求退一赔三，不处理我就找媒体曝光。",
            "emotion": "angry",
        },
        {
            "title": "门店虚构原价",
            "description": (
                "城南店标的“原价2999元限时1299元”，我当场就买了。回家查了历史价格，这款从来没有卖过2999元。"
            ),
            "demand": "按欺诈处理，退款并赔偿。",
            "emotion": "angry",
        },
        {
            "title": "“最后一天”折扣天天都有",
            "description": (
                "所谓“最后一天”的限时折扣，我连续两周每天看都是“最后一天”。这是在制造紧迫感骗人下单。"
            ),
            "demand": "要求停止这种宣传，并给予补偿。",
            "emotion": "disappointed",
        },
    ],
    "MARKETING-FALSE-GIFT": [
        {
            "title": "说好的赠品没有发",
            "description": (
                "购买冰箱时页面写送价值199元的保鲜盒套装，收货后一直没有赠品。客服说赠品已经送完了。"
            ),
            "demand": "补发赠品或者折现。",
            "emotion": "disappointed",
        },
        {
            "title": "好评返现不兑现",
            "description": "活动说好评返现30元，我按要求写了好评并上传截图。一直到现在都没有返现。",
            "demand": "兑现返现。",
            "emotion": "calm",
        },
        {
            "title": "价保承诺拒不执行",
            "description": (
                "页面写着“30天价保”，我买后第十天就降价了80元。申请价保却被告知不在活动范围，"
                "页面上根本没写例外。"
            ),
            "demand": "按承诺退还差价。",
            "emotion": "angry",
        },
    ],
    "MARKETING-PROMO-RULES": [
        {
            "title": "满减规则临时改了",
            "description": (
                "前一天看好的满300减50，第二天付款时变成了满400减50。活动页面也没有任何规则变更提示。"
            ),
            "demand": "按原规则补差价。",
            "emotion": "angry",
        },
        {
            "title": "抽中的奖品不给兑现",
            "description": (
                "参加门店周年庆抽奖抽中了一台电饭煲，现场说奖品没货让我等通知。一个月了也没消息。"
            ),
            "demand": "请兑现奖品。",
            "emotion": "disappointed",
        },
        {
            "title": "跨店满减规则看不懂",
            "description": (
                "跨店满减的规则写得太复杂，我算了半天以为能减100元，结果只减了30元。"
                "客服解释了半天我也没听懂。"
            ),
            "demand": "希望活动规则写清楚，并补偿差额。",
            "emotion": "calm",
        },
    ],
    "MARKETING-PROMO-COUPON": [
        {
            "title": "优惠券领了用不了",
            "description": "领了一张满200减30的券，下单时提示“不适用”。但商品页明明写着可用券。",
            "demand": "让券能正常使用，或给予补偿。",
            "emotion": "disappointed",
        },
        {
            "title": "有效期内的优惠券被作废",
            "description": "还有五天到期的优惠券突然不见了。客服说系统统一作废，没有任何通知。",
            "demand": "恢复优惠券。",
            "emotion": "angry",
        },
        {
            "title": "新人券领取后消失",
            "description": "注册时领的新人券，下单前就从账户里消失了。我是冲着新人券才注册的。",
            "demand": "请补发新人券。",
            "emotion": "calm",
        },
    ],
    "MARKETING-HARASS-CALL": [
        {
            "title": "退订后仍每天收到推销短信",
            "description": "我已经回复了退订，也打电话要求不要再发营销短信。可每天还是能收到两三条。",
            "demand": "立刻停止发送，并告诉我是怎么处理的。",
            "emotion": "angry",
        },
        {
            "title": "晚上十点还打推销电话",
            "description": "昨晚十点多接到推销会员卡的电话，孩子都睡了被吵醒。这已经是这周第三次了。",
            "demand": "不要再给我打推销电话。",
            "emotion": "angry",
        },
        {
            "title": "App推送太多关不掉",
            "description": "App每天推送十几条广告，半夜也会响。我在设置里关了推送，还是照样推。",
            "demand": "提供有效的关闭方式。",
            "emotion": "disappointed",
        },
    ],
    "MARKETING-HARASS-BUNDLE": [
        {
            "title": "下单默认勾选了延保",
            "description": "买洗衣机时页面默认勾选了一年延保，多付了99元。我没注意就直接付款了。",
            "demand": "退还延保费用，以后不要默认勾选。",
            "emotion": "angry",
        },
        {
            "title": "买手机被强制搭配耳机",
            "description": (
                "上周六在星河广场店买手机，店员说这款必须和耳机一起买才能拿货。我赶时间只好同意，"
                "多花了199元。"
            ),
            "demand": "退掉耳机的钱。",
            "emotion": "angry",
        },
        {
            "title": "机票订单捆绑了保险",
            "description": (
                "上个月用会员权益订了一张机票。付款后才发现订单里自动加了一份40元的保险，"
                "页面上并没有明显提示。"
            ),
            "demand": "退还保险费。",
            "emotion": "calm",
        },
    ],
    "SAFETY-PRODUCT-FIRE": [
        {
            "title": "充电宝充电时起火烫伤手",
            "description": (
                "昨晚给充电宝充电时突然冒烟起火，把书桌烧黑了一片，我的手也被烫伤了。去医院处理花了600多元。"
            ),
            "demand": "要求赔偿医疗费和财产损失，否则我会起诉并向媒体曝光。",
            "emotion": "angry",
        },
        {
            "title": "电暖器插头熔化冒焦味",
            "description": "电暖器开了两个小时，插头和插座都烧化了，屋里全是焦味。幸好家里有人及时断了电。",
            "demand": "请派人检测，召回同批次产品，并赔偿插座损失。",
            "emotion": "anxious",
        },
        {
            "title": "电动车电池充电鼓包发烫",
            "description": (
                "上个月在门店买的电动自行车，电池充电时发烫鼓包。我吓得赶紧拔了插头，不敢再用了。"
            ),
            "demand": "要求更换电池并做安全检测。",
            "emotion": "anxious",
        },
    ],
    "SAFETY-PRODUCT-ELECTRIC": [
        {
            "title": "热水器漏电洗澡时被电到",
            "description": (
                "昨天洗澡时手碰到热水器开关，突然被电了一下，手臂麻了好一会儿。家里还有老人孩子，太危险了。"
            ),
            "demand": "立即上门检测，彻底解决漏电问题并赔偿。",
            "emotion": "angry",
        },
        {
            "title": "婴儿推车折叠时夹伤手指",
            "description": (
                "给孩子买的婴儿推车折叠处没有防夹设计，我折叠时手指被夹出了血。要是夹到孩子后果不堪设想。"
            ),
            "demand": "要求退货，并对产品安全设计作出说明。",
            "emotion": "angry",
        },
        {
            "title": "落地扇网罩自己脱落",
            "description": "落地扇用了不到一个月，前网罩自己掉了，扇叶还在转。差点打到在旁边玩的孩子。",
            "demand": "更换合格产品，并检查同批次产品。",
            "emotion": "anxious",
        },
    ],
    "SAFETY-FOOD-ILLNESS": [
        {
            "title": "吃了熟食后全家腹泻",
            "description": (
                "上周六在滨江店买的卤味熟食，全家吃完当晚就开始上吐下泻，孩子还去医院挂了急诊。"
                "剩下的熟食和小票都留着。"
            ),
            "demand": "要求赔偿医疗费并彻查食品来源，不然我会向12315举报。",
            "emotion": "angry",
        },
        {
            "title": "用面霜后脸部过敏红肿",
            "description": (
                "用了新买的面霜第二天脸就红肿发痒，去医院诊断是接触性皮炎。花了三百多元医药费，"
                "这几天都没法上班。"
            ),
            "demand": "退款并赔偿医药费和误工损失。",
            "emotion": "anxious",
        },
        {
            "title": "喝了鲜榨果汁后肚子疼",
            "description": "昨天在金桥店买的鲜榨果汁，喝着有点发酸。喝完后肚子疼了一晚上，今天还没缓过来。",
            "demand": "希望查一下这批果汁，并退款。",
            "emotion": "disappointed",
        },
    ],
    "SAFETY-FOOD-ALLERGY": [
        {
            "title": "配料表没有标注花生",
            "description": (
                "孩子对花生过敏，我特意看了配料表没有花生才买的饼干。后来发现包装背面小字写着“含花生”，"
                "配料表里却没有。"
            ),
            "demand": "立即更正标签，排查同批次产品。",
            "emotion": "angry",
        },
        {
            "title": "散装熟食没有生产日期",
            "description": "门店散装熟食的标签上只有价格，没有生产日期和保质期。我问店员，店员也说不清楚。",
            "demand": "规范散装食品标签。",
            "emotion": "calm",
        },
        {
            "title": "进口巧克力没有中文标签",
            "description": "买的进口巧克力没有中文标签，看不懂成分表。怕孩子过敏，一直不敢吃。",
            "demand": "退款并补充中文标签。",
            "emotion": "disappointed",
        },
    ],
    "SAFETY-INJURY-STORE": [
        {
            "title": "门店地面湿滑摔伤膝盖",
            "description": (
                "昨天下午在星河广场店生鲜区，地面有水却没有任何警示牌，我滑倒摔伤了膝盖。"
                "去医院拍片花了800多元。"
            ),
            "demand": "要求赔偿医疗费和误工费。",
            "emotion": "angry",
        },
        {
            "title": "货架上的饮料砸伤孩子",
            "description": (
                "前天在东湖路店，高处货架上的一箱饮料掉下来砸到我孩子的头，起了个大包。现在还在医院观察，"
                "孩子一直说头晕。"
            ),
            "demand": "要求门店负责并赔偿，否则我会起诉。",
            "emotion": "angry",
        },
        {
            "title": "购物车把手断裂划伤手",
            "description": (
                "门店购物车的把手断了，断口锋利把我的手划了一道口子。店员只给了一张创可贴就不管了。"
            ),
            "demand": "赔偿并检查所有购物车。",
            "emotion": "disappointed",
        },
    ],
    "SAFETY-INJURY-SERVICE": [
        {
            "title": "安装空调打穿了暖气管",
            "description": (
                "上周四空调安装师傅在墙上打孔时打穿了暖气管，水漫了半个屋子。木地板全泡坏了，"
                "楼下邻居家也渗水了。"
            ),
            "demand": "赔偿地板和维修费用。",
            "emotion": "angry",
        },
        {
            "title": "送冰箱撞坏了门框",
            "description": (
                "配送员搬冰箱进门时把门框撞掉了一块漆，还磕坏了鞋柜的一角。当时他承认了，说会有人联系我。"
            ),
            "demand": "照价赔偿。",
            "emotion": "calm",
        },
        {
            "title": "维修后燃气灶漏气",
            "description": (
                "维修师傅修完燃气灶后家里一直有燃气味，我请燃气公司检查，说是接口没拧紧。这太危险了。"
            ),
            "demand": "追究责任，赔偿检测费用，并保证不再发生。",
            "emotion": "anxious",
        },
    ],
    "PRIVACY-LEAK-PERSONAL": [
        {
            "title": "刚下单就接到推销电话",
            "description": (
                "我上周刚在你们这里买了婴儿床，第二天就接到好几个推销婴儿用品的电话。"
                "对方准确说出了我买的东西和收货小区。"
            ),
            "demand": "查清信息泄露原因并给出说法，否则我会向监管部门举报。",
            "emotion": "angry",
        },
        {
            "title": "快递面单显示完整信息",
            "description": (
                "收到的快递面单上显示了我的完整手机号和详细地址，没有做任何隐藏处理。包裹放在驿站谁都能看到。"
            ),
            "demand": "改进面单隐私保护。",
            "emotion": "calm",
        },
        {
            "title": "收银台放着会员资料",
            "description": (
                "在门店办理业务时，看到收银台上放着一沓打印的会员资料，上面有姓名和电话。谁都可以随手翻看。"
            ),
            "demand": "立即整改，保护顾客信息。",
            "emotion": "anxious",
        },
    ],
    "PRIVACY-LEAK-SCAM": [
        {
            "title": "冒充客服骗走3000元",
            "description": (
                "有人自称是你们的客服，准确说出了我的订单号和商品，说商品有质量问题要给我退款，"
                "引导我转账3000元。我已经报警了。"
            ),
            "demand": "要求查明信息泄露源头并承担责任，否则我会起诉。",
            "emotion": "angry",
        },
        {
            "title": "收到假冒的理赔链接",
            "description": (
                "收到短信说我的快递丢失可以理赔，链接页面和你们的官网很像，要求填写银行卡信息。我没敢填。"
            ),
            "demand": "请确认是否为诈骗，并提醒其他用户。",
            "emotion": "anxious",
        },
        {
            "title": "诈骗电话知道我的退货信息",
            "description": "刚申请退货就接到电话，说退款失败需要下载另一个App操作。还好我没有相信。",
            "demand": "请加强数据保护，查清泄露原因。",
            "emotion": "anxious",
        },
    ],
    "PRIVACY-USE-OVERCOLLECT": [
        {
            "title": "App强制获取通讯录",
            "description": "新版App不给通讯录权限就无法使用。买东西为什么需要我的通讯录？",
            "demand": "取消强制授权。",
            "emotion": "angry",
        },
        {
            "title": "办会员卡必须刷脸",
            "description": "在门店办会员卡必须刷脸，不同意就不能办。我不想提供人脸信息。",
            "demand": "提供其他注册方式。",
            "emotion": "disappointed",
        },
        {
            "title": "退衣服要上传身份证",
            "description": "退一件衣服，客服要求我上传身份证正反面照片。我觉得完全没有必要。",
            "demand": "说明收集理由，不要过度收集。",
            "emotion": "calm",
        },
    ],
    "PRIVACY-USE-DELETE": [
        {
            "title": "找不到账号注销入口",
            "description": (
                "我想注销账号，在App里找了半天都找不到入口。客服说要提交申请，再等待审核三十天。"
            ),
            "demand": "尽快为我注销账户并删除个人信息。",
            "emotion": "disappointed",
        },
        {
            "title": "申请删除信息没有回复",
            "description": (
                "我一个月前通过客服邮箱申请删除我的个人信息。至今没有任何回复，连一封确认邮件都没有。"
            ),
            "demand": "按法律规定处理并书面答复。",
            "emotion": "angry",
        },
        {
            "title": "注销后仍收到营销短信",
            "description": "账号注销两个月了，还在收到你们的营销短信。说明我的信息根本没有删除。",
            "demand": "删除我的所有信息。",
            "emotion": "angry",
        },
    ],
    "PRIVACY-ACCOUNT-THEFT": [
        {
            "title": "账户余额被盗刷",
            "description": (
                "今天早上发现账户里的1200元余额被用来买了几张购物卡，收货地址在外地。这些都不是我操作的。"
            ),
            "demand": "冻结账户，追回损失。",
            "emotion": "anxious",
        },
        {
            "title": "积分被别人兑换了",
            "description": "我的两万积分被兑换成了商品，寄到了一个陌生地址。我从没收到过任何异地登录提醒。",
            "demand": "恢复积分。",
            "emotion": "angry",
        },
        {
            "title": "收货地址被篡改",
            "description": "我昨天下单后发现收货地址被改成了别的城市。我根本没有操作过，也没收到修改提醒。",
            "demand": "查明原因，确保账户安全。",
            "emotion": "anxious",
        },
    ],
    "PRIVACY-ACCOUNT-BIND": [
        {
            "title": "未经同意开通免密支付",
            "description": "查账单时发现账户开通了免密支付，每月自动扣款。我从来没有开通过这个功能。",
            "demand": "关闭免密支付，退还扣款。",
            "emotion": "angry",
        },
        {
            "title": "莫名被开通分期额度",
            "description": "收到短信说我的分期额度已开通，我从来没有申请过。担心会影响我的征信。",
            "demand": "立即注销该额度，并出具书面说明。",
            "emotion": "anxious",
        },
        {
            "title": "付款时被默认签约包月",
            "description": "上周付款时没看清，被默认签约了连续包月会员。这个月已经扣了一次费，我才发现。",
            "demand": "取消签约，退还费用。",
            "emotion": "disappointed",
        },
    ],
    "STORE-ENV-HYGIENE": [
        {
            "title": "试衣间地上全是垃圾",
            "description": (
                "上周日去城南店试衣服，试衣间地上全是吊牌和塑料袋。镜子也脏得看不清，根本没法试。"
            ),
            "demand": "加强门店卫生管理。",
            "emotion": "disappointed",
        },
        {
            "title": "熟食区看到老鼠",
            "description": (
                "昨晚在金桥店熟食区看到一只老鼠从柜台下跑过，非常恶心。以后都不敢在这里买熟食了。"
            ),
            "demand": "彻底消杀，并公布整改结果。",
            "emotion": "angry",
        },
        {
            "title": "门店卫生间长期没人打扫",
            "description": "东湖路店的卫生间气味很大，洗手池也堵了。看起来已经好几天没人打扫了。",
            "demand": "安排专人定时清洁。",
            "emotion": "calm",
        },
    ],
    "STORE-ENV-NOISE": [
        {
            "title": "门店音响声音太大",
            "description": "门店门口的音响从早上九点放到晚上十点，声音特别大。住在楼上的居民都受不了。",
            "demand": "降低音量，控制播放时间。",
            "emotion": "angry",
        },
        {
            "title": "仓库冷机夜间噪声扰民",
            "description": (
                "你们仓库的冷机每天晚上轰隆隆地响。我们住在隔壁小区，晚上根本睡不着，"
                "家里老人已经失眠好几天了。"
            ),
            "demand": "采取降噪措施。",
            "emotion": "angry",
        },
        {
            "title": "门店垃圾堆放散发异味",
            "description": "门店后门的垃圾桶经常满出来，天热的时候味道很大。小区居民每天都要从旁边经过。",
            "demand": "及时清运垃圾。",
            "emotion": "disappointed",
        },
    ],
    "STORE-ENV-FACILITY": [
        {
            "title": "门店直梯停用一个月",
            "description": (
                "滨江店的直梯停用快一个月了，也没有公告说什么时候修好。推婴儿车只能走扶梯，非常危险。"
            ),
            "demand": "尽快修复电梯。",
            "emotion": "disappointed",
        },
        {
            "title": "门店没有无障碍通道",
            "description": (
                "我平时坐轮椅，西溪体验中心入口只有台阶，没有无障碍通道。每次只能请人帮忙把我抬进去。"
            ),
            "demand": "增设无障碍设施。",
            "emotion": "calm",
        },
        {
            "title": "空调坏了店里闷热",
            "description": "店里空调坏了，三十多度的天气里面像蒸笼一样。排队的老人都快中暑了。",
            "demand": "尽快修好空调。",
            "emotion": "anxious",
        },
    ],
    "STORE-OPS-QUEUE": [
        {
            "title": "高峰期只开一个收银台",
            "description": "周末傍晚人最多的时候，金桥店只开了一个收银台。我排了半个多小时才结上账。",
            "demand": "高峰期多开收银通道。",
            "emotion": "angry",
        },
        {
            "title": "收银员多扫了一件商品",
            "description": "回家核对小票发现同一件商品被扫了两次，多收了45元。小票和商品我都保留着。",
            "demand": "退还多收的钱。",
            "emotion": "calm",
        },
        {
            "title": "结账时会员价没生效",
            "description": "结账时会员价没有生效，收银员说是系统问题让我找客服。客服又让我回门店处理。",
            "demand": "按会员价结算并退还差额。",
            "emotion": "disappointed",
        },
    ],
    "STORE-OPS-TAG": [
        {
            "title": "价签和商品对不上",
            "description": "货架上的价签写的是另一款商品的名称和价格，很容易让人误会。我差点拿错了。",
            "demand": "规范价签摆放。",
            "emotion": "calm",
        },
        {
            "title": "过期促销牌一直不撤",
            "description": "促销牌写着“第二件半价”，结账时却说活动已经结束了。牌子一直没撤。",
            "demand": "按促销牌价格结算，并及时撤牌。",
            "emotion": "angry",
        },
        {
            "title": "整排零食没有价签",
            "description": (
                "城南店整排的零食都没有价签，问店员也说不清楚价格。只能拿去收银台扫码才知道多少钱。"
            ),
            "demand": "补齐价签。",
            "emotion": "disappointed",
        },
    ],
    "STORE-PUBLIC-PARKING": [
        {
            "title": "消费满额仍收停车费",
            "description": (
                "门口写着购物满100元免费停车两小时，我消费了300多元。出场时还是被收了10元，"
                "收费员说要另外核销。"
            ),
            "demand": "退还停车费。",
            "emotion": "disappointed",
        },
        {
            "title": "送货车辆堵住小区出口",
            "description": "每天早上你们的送货车都停在小区出口卸货，堵得车都出不去。已经好几次上班迟到了。",
            "demand": "规范卸货时间和地点。",
            "emotion": "angry",
        },
        {
            "title": "停车场没有车位指引",
            "description": "星河广场店的地下停车场没有任何指引标识，找车位转了二十分钟。出口也很难找。",
            "demand": "增加车位和出口指引。",
            "emotion": "calm",
        },
    ],
    "STORE-PUBLIC-CONSTRUCTION": [
        {
            "title": "门店夜间装修吵得睡不着",
            "description": (
                "楼下门店这一周每天晚上施工到十二点多。电钻声吵得孩子没法睡觉，第二天上学都没精神。"
            ),
            "demand": "停止夜间施工。",
            "emotion": "angry",
        },
        {
            "title": "装修粉尘飘进小区",
            "description": "门店扩建施工没有遮挡，粉尘飘得到处都是。停在小区里的车上全是灰。",
            "demand": "做好防尘措施。",
            "emotion": "disappointed",
        },
        {
            "title": "施工围挡占用人行道",
            "description": "施工围挡把人行道全占了，行人只能走机动车道。早上送孩子上学经过这里很危险。",
            "demand": "调整围挡，留出安全通道。",
            "emotion": "anxious",
        },
    ],
}

# ``cat`` column of shared/data/reviews/online_shopping_10_cats.csv -> leaf code.
SHOPPING_CAT_TO_LEAF: dict[str, str] = {
    "书籍": "PRODUCT-AUTH-MISMATCH",
    "平板": "PRODUCT-DEFECT-FAULT",
    "手机": "PRODUCT-DEFECT-FAULT",
    "水果": "PRODUCT-FOOD-SPOILED",
    "洗发水": "PRODUCT-AUTH-COUNTERFEIT",
    "热水器": "SERVICE-ONSITE-INSTALL",
    "蒙牛": "PRODUCT-FOOD-SPOILED",
    "衣服": "PRODUCT-AUTH-MISMATCH",
    "计算机": "PRODUCT-DEFECT-PERF",
    "酒店": "SERVICE-ONSITE-RECEPTION",
}

# ``一级分类`` column of shared/data/gov_messages/messages_labeled.csv -> nearest leaf code.
GOV_CLASS_TO_LEAF: dict[str, str] = {
    "城乡建设": "STORE-PUBLIC-CONSTRUCTION",
    "环境保护": "STORE-ENV-NOISE",
    "交通运输": "LOGISTICS-DELIVERY-COURIER",
    "教育文体": "SERVICE-PROCESS-WAIT",
    "劳动和社会保障": "SERVICE-PROCESS-UNKEPT",
    "卫生计生": "SAFETY-INJURY-SERVICE",
    "商贸旅游": "BILLING-CHARGE-PRICE",
}

# Material for fake customer names (surname + one or two given-name characters).
SURNAMES: list[str] = [
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "黄",
    "赵",
    "吴",
    "周",
    "徐",
    "孙",
    "马",
    "朱",
    "胡",
    "郭",
    "何",
    "高",
    "林",
    "罗",
    "郑",
    "梁",
    "谢",
    "宋",
    "唐",
    "许",
    "韩",
    "冯",
    "邓",
    "曹",
    "彭",
    "曾",
    "肖",
    "田",
    "董",
    "袁",
    "潘",
    "于",
    "蒋",
    "蔡",
]

GIVEN_NAME_CHARS: list[str] = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀",
    "霞",
    "平",
    "刚",
    "英",
    "华",
    "玉",
    "萍",
    "红",
    "鹏",
    "建",
    "文",
    "辉",
    "宇",
    "浩",
    "晨",
    "欣",
    "怡",
    "婷",
    "雪",
    "琳",
    "博",
    "俊",
    "思",
    "佳",
    "雨",
    "轩",
    "子",
    "涵",
    "然",
    "凯",
    "哲",
    "瑞",
    "嘉",
    "悦",
    "彤",
    "宁",
    "帆",
    "航",
    "颖",
    "诗",
    "梦",
    "远",
]

# Invented full names for demo staff accounts.
STAFF_NAMES: list[str] = [
    "王晓燕",
    "李振华",
    "张丽娟",
    "刘海涛",
    "陈静怡",
    "杨志强",
    "赵雅琴",
    "黄俊杰",
    "周婷婷",
    "吴浩然",
    "徐慧敏",
    "孙立伟",
    "马晓东",
    "朱佳琪",
    "胡文博",
    "郭雨桐",
    "何思远",
    "高雪梅",
    "林子涵",
    "罗欣怡",
    "郑国华",
    "梁诗雨",
    "谢明辉",
    "宋晓琳",
    "唐宇航",
    "许婉清",
    "韩振宇",
    "冯若彤",
    "邓家豪",
    "曹丹丹",
    "彭志刚",
    "曾美玲",
    "肖一鸣",
    "田欣然",
    "董泽宇",
    "袁梦洁",
    "潘建平",
    "于嘉欣",
    "蒋博文",
    "蔡晓萌",
]
