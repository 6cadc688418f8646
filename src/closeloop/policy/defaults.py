"""Shipped default configuration for Closeloop: departments, complaint taxonomy, compensation
standards and SLA time limits.

These are shipped defaults loaded by the ``load_defaults`` management command and editable afterwards
in the admin; once loaded the database is the source of truth. Pure Python literals only (no Django
imports), so the data can be read by tools, tests and documentation without a configured project.

Sources: DESIGN.md section 1 (classify & grade, handle, compensation standards) and the seeds.
Amounts are CNY as decimal strings; ``parent``/``department``/``category`` values are codes.
"""

# Organisation tree; a parent always comes before its children.
DEPARTMENTS: list[dict[str, str | None]] = [
    {"code": "HQ", "name": "总部", "name_en": "Headquarters", "parent": None},
    {
        "code": "EXEC",
        "name": "总经理办公室（重大投诉专项小组）",
        "name_en": "General Manager's Office (Major-Complaint Task Group)",
        "parent": "HQ",
    },
    {"code": "SUP", "name": "监督稽核部", "name_en": "Supervision and Audit", "parent": "HQ"},
    {"code": "CS", "name": "客户服务中心", "name_en": "Customer Service Center", "parent": "HQ"},
    {"code": "CS-HOTLINE", "name": "热线组", "name_en": "Hotline Team", "parent": "CS"},
    {"code": "CS-ONLINE", "name": "在线客服组", "name_en": "Online Service Team", "parent": "CS"},
    {"code": "CS-CALLBACK", "name": "回访组", "name_en": "Follow-up Team", "parent": "CS"},
    {"code": "AS", "name": "售后服务部", "name_en": "After-sales Service", "parent": "HQ"},
    {"code": "AS-REPAIR", "name": "维修服务组", "name_en": "Repair Service Team", "parent": "AS"},
    {"code": "AS-INSTALL", "name": "安装服务组", "name_en": "Installation Service Team", "parent": "AS"},
    {"code": "ECOM", "name": "电商运营部", "name_en": "E-commerce Operations", "parent": "HQ"},
    {"code": "STORE", "name": "门店运营部", "name_en": "Store Operations", "parent": "HQ"},
    {"code": "LOG", "name": "物流部", "name_en": "Logistics", "parent": "HQ"},
    {"code": "LOG-WAREHOUSE", "name": "仓储组", "name_en": "Warehouse Team", "parent": "LOG"},
    {"code": "LOG-DELIVERY", "name": "配送组", "name_en": "Delivery Team", "parent": "LOG"},
    {"code": "TECH", "name": "技术部", "name_en": "Technology", "parent": "HQ"},
    {"code": "TECH-APP", "name": "应用运维组", "name_en": "Application Operations Team", "parent": "TECH"},
    {"code": "TECH-SEC", "name": "信息安全组", "name_en": "Information Security Team", "parent": "TECH"},
    {"code": "FIN", "name": "财务部", "name_en": "Finance", "parent": "HQ"},
    {
        "code": "FIN-SETTLE",
        "name": "结算对账组",
        "name_en": "Settlement and Reconciliation Team",
        "parent": "FIN",
    },
    {
        "code": "FIN-CREDIT",
        "name": "消费金融服务组",
        "name_en": "Consumer Finance Services Team",
        "parent": "FIN",
    },
    {"code": "QA", "name": "质量管理部", "name_en": "Quality Management", "parent": "HQ"},
    {"code": "QA-FOOD", "name": "食品安全组", "name_en": "Food Safety Team", "parent": "QA"},
    {"code": "MKT", "name": "市场部", "name_en": "Marketing", "parent": "HQ"},
    {"code": "PR", "name": "品牌公关部", "name_en": "Brand and Public Relations", "parent": "HQ"},
    {"code": "LEGAL", "name": "法务部", "name_en": "Legal Affairs", "parent": "HQ"},
    {"code": "HR", "name": "人力资源部", "name_en": "Human Resources", "parent": "HQ"},
]

# Three-level taxonomy (一级 / 二级 / 三级). Leaves carry the default handling department and the
# classification guide (分类指引) that separates confusable types.
CATEGORIES: list[dict] = [
    {
        "code": "PRODUCT",
        "name": "产品质量",
        "name_en": "Product quality",
        "children": [
            {
                "code": "PRODUCT-DEFECT",
                "name": "质量缺陷",
                "name_en": "Quality defects",
                "children": [
                    {
                        "code": "PRODUCT-DEFECT-DOA",
                        "name": "到货即损坏",
                        "name_en": "Damaged or dead on arrival",
                        "department": "AS",
                        "guide": (
                            "签收开箱即发现商品损坏、无法开机或无法使用的选本类；"
                            "使用一段时间后才出现的故障请选“使用中故障”，"
                            "外箱明显压损属运输原因的请选“运输破损”。"
                        ),
                    },
                    {
                        "code": "PRODUCT-DEFECT-FAULT",
                        "name": "使用中故障",
                        "name_en": "Malfunction during use",
                        "department": "AS-REPAIR",
                        "guide": (
                            "商品正常使用一段时间后出现故障、失灵或部件损坏的选本类；"
                            "开箱即坏请选“到货即损坏”，维修后仍反复故障或维修超期请选“维修超期与反复维修”。"
                        ),
                    },
                    {
                        "code": "PRODUCT-DEFECT-PERF",
                        "name": "性能与标称不符",
                        "name_en": "Performance below specification",
                        "department": "QA",
                        "guide": (
                            "续航、容量、功率、速度等实测指标明显低于说明书或铭牌标称值的选本类；"
                            "广告宣传夸大功效请选“夸大宣传”。"
                        ),
                    },
                ],
            },
            {
                "code": "PRODUCT-FOOD",
                "name": "食品与日化品质",
                "name_en": "Food and consumables quality",
                "children": [
                    {
                        "code": "PRODUCT-FOOD-EXPIRED",
                        "name": "临期与过期",
                        "name_en": "Expired or near-expiry goods",
                        "department": "QA-FOOD",
                        "guide": (
                            "商品已过保质期、临期未提示或生产日期标注异常的选本类；"
                            "食用后出现身体不适请选“食用后身体不适”。"
                        ),
                    },
                    {
                        "code": "PRODUCT-FOOD-SPOILED",
                        "name": "变质与异味",
                        "name_en": "Spoiled or off-odour goods",
                        "department": "QA-FOOD",
                        "guide": (
                            "生鲜、乳品、日化用品在保质期内腐烂、发霉、变色或有异味的选本类；"
                            "已过保质期请选“临期与过期”，运输挤压破损请选“运输破损”。"
                        ),
                    },
                    {
                        "code": "PRODUCT-FOOD-FOREIGN",
                        "name": "异物",
                        "name_en": "Foreign matter",
                        "department": "QA-FOOD",
                        "guide": (
                            "商品内发现头发、金属、虫体等异物但未造成身体伤害的选本类；"
                            "误食后出现不适或受伤请选“食用后身体不适”。"
                        ),
                    },
                ],
            },
            {
                "code": "PRODUCT-AUTH",
                "name": "真伪与规格",
                "name_en": "Authenticity and specification",
                "children": [
                    {
                        "code": "PRODUCT-AUTH-COUNTERFEIT",
                        "name": "疑似假冒",
                        "name_en": "Suspected counterfeit",
                        "department": "QA",
                        "guide": (
                            "客户怀疑商品为假冒、翻新或非原厂正品的选本类，可能涉及欺诈；商品为真品但颜色、"
                            "型号与页面不一致请选“货不对板”。"
                        ),
                    },
                    {
                        "code": "PRODUCT-AUTH-MISMATCH",
                        "name": "货不对板",
                        "name_en": "Not as described",
                        "department": "ECOM",
                        "guide": (
                            "收到商品的型号、颜色、尺码、材质与商品页面描述不一致的选本类；"
                            "仓库拿错或少发请选“错发漏发”，怀疑假货请选“疑似假冒”。"
                        ),
                    },
                ],
            },
        ],
    },
    {
        "code": "SERVICE",
        "name": "服务态度与规范",
        "name_en": "Service attitude and conduct",
        "children": [
            {
                "code": "SERVICE-ATTITUDE",
                "name": "服务态度",
                "name_en": "Staff attitude",
                "children": [
                    {
                        "code": "SERVICE-ATTITUDE-RUDE",
                        "name": "态度恶劣",
                        "name_en": "Rude or disrespectful staff",
                        "department": "CS",
                        "guide": (
                            "客服、店员或售后人员出言不逊、辱骂、嘲讽、歧视的选本类；"
                            "快递员态度问题请选“配送员服务不规范”，造成受伤请选“门店内意外受伤”。"
                        ),
                    },
                    {
                        "code": "SERVICE-ATTITUDE-EVASIVE",
                        "name": "推诿敷衍",
                        "name_en": "Passing the buck",
                        "department": "CS",
                        "guide": (
                            "员工以“不归我管”“去找厂家”等理由推诿、反复转接或机械回复而不解决问题的选本类；"
                            "已作出承诺但未兑现请选“承诺未兑现”。"
                        ),
                    },
                ],
            },
            {
                "code": "SERVICE-PROCESS",
                "name": "服务流程",
                "name_en": "Service process",
                "children": [
                    {
                        "code": "SERVICE-PROCESS-UNKEPT",
                        "name": "承诺未兑现",
                        "name_en": "Promise not kept",
                        "department": "CS-CALLBACK",
                        "guide": (
                            "员工答应的回电、补发、补偿、上门时间等未按时兑现的选本类；"
                            "宣传的赠品或返现未兑现请选“赠品承诺未兑现”。"
                        ),
                    },
                    {
                        "code": "SERVICE-PROCESS-WAIT",
                        "name": "等待过久与难以接通",
                        "name_en": "Long waits or unreachable service",
                        "department": "CS-HOTLINE",
                        "guide": (
                            "热线长时间排队、在线客服无人应答、预约排期过长的选本类；"
                            "门店收银排队请选“排队与收银”。"
                        ),
                    },
                ],
            },
            {
                "code": "SERVICE-AFTERSALES",
                "name": "售后服务",
                "name_en": "After-sales service",
                "children": [
                    {
                        "code": "SERVICE-AFTERSALES-WARRANTY",
                        "name": "拒绝三包",
                        "name_en": "Warranty refused",
                        "department": "AS",
                        "guide": (
                            "在三包期或保修期内被拒绝免费修理、更换或被要求额外收费的选本类；"
                            "已受理维修但迟迟修不好请选“维修超期与反复维修”。"
                        ),
                    },
                    {
                        "code": "SERVICE-AFTERSALES-REPAIR",
                        "name": "维修超期与反复维修",
                        "name_en": "Repair overdue or repeated",
                        "department": "AS-REPAIR",
                        "guide": (
                            "送修后超过承诺时限未修好，或同一故障维修两次以上仍未解决的选本类；"
                            "首次出现的故障请选“使用中故障”。"
                        ),
                    },
                    {
                        "code": "SERVICE-AFTERSALES-RETURN",
                        "name": "退换货受阻",
                        "name_en": "Return or exchange obstructed",
                        "department": "AS",
                        "guide": (
                            "七日无理由退货或质量问题退换货申请被拒、取件不到位、流程繁琐的选本类；"
                            "退货已完成但钱款未到账请选“退款未到账”。"
                        ),
                    },
                ],
            },
            {
                "code": "SERVICE-ONSITE",
                "name": "到店与上门服务",
                "name_en": "In-store and on-site service",
                "children": [
                    {
                        "code": "SERVICE-ONSITE-RECEPTION",
                        "name": "到店接待与住宿服务",
                        "name_en": "Reception and hospitality service",
                        "department": "STORE",
                        "guide": (
                            "门店、体验中心、合作酒店的接待、讲解、入住服务不到位的选本类；"
                            "环境卫生问题请选“卫生脏乱”，员工辱骂请选“态度恶劣”。"
                        ),
                    },
                    {
                        "code": "SERVICE-ONSITE-INSTALL",
                        "name": "上门安装与服务",
                        "name_en": "On-site installation service",
                        "department": "AS-INSTALL",
                        "guide": (
                            "上门安装、调试、测量服务不规范、乱收材料费或爽约的选本类；"
                            "安装过程中造成人身伤害或财产损失请选“服务过程致伤致损”。"
                        ),
                    },
                ],
            },
        ],
    },
    {
        "code": "LOGISTICS",
        "name": "物流配送",
        "name_en": "Logistics and delivery",
        "children": [
            {
                "code": "LOGISTICS-DELIVERY",
                "name": "配送时效与服务",
                "name_en": "Delivery timeliness and service",
                "children": [
                    {
                        "code": "LOGISTICS-DELIVERY-LATE",
                        "name": "超时未送达",
                        "name_en": "Late delivery",
                        "department": "LOG-DELIVERY",
                        "guide": (
                            "超过承诺送达时间仍未收到商品的选本类；物流轨迹长时间不更新请选“物流信息停滞”，"
                            "显示已签收但本人未收到请选“未送货上门与虚假签收”。"
                        ),
                    },
                    {
                        "code": "LOGISTICS-DELIVERY-STALLED",
                        "name": "物流信息停滞",
                        "name_en": "Tracking stalled",
                        "department": "LOG",
                        "guide": (
                            "物流轨迹超过48小时无更新、单号查不到或显示异常退回的选本类；"
                            "已确认包裹丢失请选“包裹丢失”。"
                        ),
                    },
                    {
                        "code": "LOGISTICS-DELIVERY-DOORSTEP",
                        "name": "未送货上门与虚假签收",
                        "name_en": "Not delivered to door or false sign-off",
                        "department": "LOG-DELIVERY",
                        "guide": (
                            "配送员未送货上门、擅自放驿站或代签、未收到却显示已签收的选本类；"
                            "配送员态度差或索要费用请选“配送员服务不规范”。"
                        ),
                    },
                    {
                        "code": "LOGISTICS-DELIVERY-COURIER",
                        "name": "配送员服务不规范",
                        "name_en": "Courier misconduct",
                        "department": "LOG-DELIVERY",
                        "guide": (
                            "配送员态度恶劣、野蛮装卸、现场索要额外费用的选本类；"
                            "订单页面运费计算错误请选“标价与结算不符”。"
                        ),
                    },
                ],
            },
            {
                "code": "LOGISTICS-PARCEL",
                "name": "包裹异常",
                "name_en": "Parcel exceptions",
                "children": [
                    {
                        "code": "LOGISTICS-PARCEL-BROKEN",
                        "name": "运输破损",
                        "name_en": "Damaged in transit",
                        "department": "LOG",
                        "guide": (
                            "外包装有明显挤压、破损并导致商品损坏的选本类；"
                            "外包装完好但商品本身无法使用请选“到货即损坏”。"
                        ),
                    },
                    {
                        "code": "LOGISTICS-PARCEL-LOST",
                        "name": "包裹丢失",
                        "name_en": "Lost parcel",
                        "department": "LOG",
                        "guide": (
                            "物流确认丢件或长期无法查到下落的选本类；包裹仍在途中只是延误请选“超时未送达”。"
                        ),
                    },
                    {
                        "code": "LOGISTICS-PARCEL-WRONG",
                        "name": "错发漏发",
                        "name_en": "Wrong or missing items",
                        "department": "LOG-WAREHOUSE",
                        "guide": (
                            "仓库发错商品、少发件数或漏发赠品配件的选本类；"
                            "商品与页面描述本身不符请选“货不对板”。"
                        ),
                    },
                ],
            },
        ],
    },
    {
        "code": "BILLING",
        "name": "计费与退款",
        "name_en": "Billing and refunds",
        "children": [
            {
                "code": "BILLING-CHARGE",
                "name": "计费争议",
                "name_en": "Charging disputes",
                "children": [
                    {
                        "code": "BILLING-CHARGE-DUPLICATE",
                        "name": "重复扣款",
                        "name_en": "Duplicate charge",
                        "department": "FIN-SETTLE",
                        "guide": (
                            "同一订单被扣款两次及以上或取消订单后仍被扣款的选本类；"
                            "付款成功但订单未生成请选“支付与下单异常”。"
                        ),
                    },
                    {
                        "code": "BILLING-CHARGE-PRICE",
                        "name": "标价与结算不符",
                        "name_en": "Charged price differs from listed price",
                        "department": "FIN-SETTLE",
                        "guide": (
                            "结算金额高于页面标价、价签或约定价格，或运费计算错误的选本类；虚构原价、"
                            "先涨后降请选“价格欺诈”。"
                        ),
                    },
                    {
                        "code": "BILLING-CHARGE-HIDDEN",
                        "name": "隐性收费与自动续费",
                        "name_en": "Hidden fees and auto-renewal",
                        "department": "FIN",
                        "guide": (
                            "未明示的服务费、自动续费扣款、事先未告知的附加收费选本类；"
                            "下单时默认勾选附加商品请选“捆绑搭售”。"
                        ),
                    },
                ],
            },
            {
                "code": "BILLING-REFUND",
                "name": "退款",
                "name_en": "Refunds",
                "children": [
                    {
                        "code": "BILLING-REFUND-DELAY",
                        "name": "退款未到账",
                        "name_en": "Refund not received",
                        "department": "FIN-SETTLE",
                        "guide": (
                            "退款已审核通过但超过承诺时限未到账的选本类；退货申请本身被拒请选“退换货受阻”。"
                        ),
                    },
                    {
                        "code": "BILLING-REFUND-AMOUNT",
                        "name": "退款金额不符",
                        "name_en": "Refund amount incorrect",
                        "department": "FIN-SETTLE",
                        "guide": (
                            "退款到账金额少于应退金额，或对优惠分摊、运费扣减有争议的选本类；"
                            "尚未到账请选“退款未到账”。"
                        ),
                    },
                ],
            },
            {
                "code": "BILLING-PREPAID",
                "name": "预付与会员权益",
                "name_en": "Prepaid cards and membership",
                "children": [
                    {
                        "code": "BILLING-PREPAID-CARD",
                        "name": "储值卡与预付款",
                        "name_en": "Stored-value cards and prepayments",
                        "department": "FIN",
                        "guide": (
                            "储值卡、会员卡、预付服务费无法使用、无法退余额或门店关闭后无法兑付的选本类；"
                            "积分清零或会员权益缩水请选“积分与会员权益”。"
                        ),
                    },
                    {
                        "code": "BILLING-PREPAID-POINTS",
                        "name": "积分与会员权益",
                        "name_en": "Points and membership benefits",
                        "department": "MKT",
                        "guide": (
                            "积分被清零或扣减错误、会员等级或权益被单方面变更的选本类；"
                            "已领取的优惠券无法使用请选“优惠券无法使用”。"
                        ),
                    },
                ],
            },
            {
                "code": "BILLING-CREDIT",
                "name": "分期与消费金融",
                "name_en": "Instalments and consumer finance",
                "children": [
                    {
                        "code": "BILLING-CREDIT-FEE",
                        "name": "分期费用争议",
                        "name_en": "Instalment fees and interest",
                        "department": "FIN-CREDIT",
                        "guide": (
                            "分期手续费、利息、违约金计算不透明或与约定不符的选本类；"
                            "未经本人同意被开通分期请选“未经授权开通服务”。"
                        ),
                    },
                    {
                        "code": "BILLING-CREDIT-COLLECTION",
                        "name": "催收不当",
                        "name_en": "Improper debt collection",
                        "department": "FIN-CREDIT",
                        "guide": (
                            "催收时辱骂威胁、频繁骚扰、联系无关第三人的选本类，宜定为紧急；"
                            "仅对欠款金额有异议请选“分期费用争议”。"
                        ),
                    },
                ],
            },
        ],
    },
    {
        "code": "SYSTEM",
        "name": "系统与应用故障",
        "name_en": "System and application faults",
        "children": [
            {
                "code": "SYSTEM-APP",
                "name": "应用故障",
                "name_en": "App and website faults",
                "children": [
                    {
                        "code": "SYSTEM-APP-CRASH",
                        "name": "闪退与无法打开",
                        "name_en": "Crash or fails to open",
                        "department": "TECH-APP",
                        "guide": (
                            "App、小程序或网站闪退、白屏、卡死的选本类；"
                            "大范围用户都无法访问请选“平台服务中断”。"
                        ),
                    },
                    {
                        "code": "SYSTEM-APP-LOGIN",
                        "name": "登录与验证异常",
                        "name_en": "Login and verification problems",
                        "department": "TECH-APP",
                        "guide": (
                            "收不到验证码、无法登录、账号被误封的选本类；账号被他人盗用请选“账户被盗用”。"
                        ),
                    },
                    {
                        "code": "SYSTEM-APP-FUNCTION",
                        "name": "功能异常",
                        "name_en": "Feature malfunction",
                        "department": "TECH-APP",
                        "guide": (
                            "搜索、购物车、发票、售后入口等具体功能失灵或显示错误的选本类；"
                            "涉及付款环节请选“支付与下单异常”。"
                        ),
                    },
                    {
                        "code": "SYSTEM-APP-PAY",
                        "name": "支付与下单异常",
                        "name_en": "Payment and ordering errors",
                        "department": "TECH-APP",
                        "guide": (
                            "付款失败、付款成功但订单未生成或显示未支付的选本类；"
                            "订单正常但被扣两次请选“重复扣款”。"
                        ),
                    },
                ],
            },
            {
                "code": "SYSTEM-OUTAGE",
                "name": "服务中断与数据错误",
                "name_en": "Outages and data errors",
                "children": [
                    {
                        "code": "SYSTEM-OUTAGE-DOWN",
                        "name": "平台服务中断",
                        "name_en": "Platform outage",
                        "department": "TECH",
                        "guide": (
                            "平台、门店收银或自助设备较大范围无法使用的选本类，通常应定为紧急；"
                            "个别用户闪退请选“闪退与无法打开”。"
                        ),
                    },
                    {
                        "code": "SYSTEM-OUTAGE-DATA",
                        "name": "数据错误与丢失",
                        "name_en": "Data errors or loss",
                        "department": "TECH",
                        "guide": (
                            "订单记录、余额、发票信息等数据丢失或显示错误的选本类；"
                            "积分因规则调整被清零请选“积分与会员权益”。"
                        ),
                    },
                ],
            },
        ],
    },
    {
        "code": "MARKETING",
        "name": "营销与虚假宣传",
        "name_en": "Marketing and false advertising",
        "children": [
            {
                "code": "MARKETING-FALSE",
                "name": "虚假宣传",
                "name_en": "False advertising",
                "children": [
                    {
                        "code": "MARKETING-FALSE-EXAGGERATE",
                        "name": "夸大宣传",
                        "name_en": "Exaggerated claims",
                        "department": "MKT",
                        "guide": (
                            "广告、直播、详情页夸大功效或使用“最”“第一”等绝对化用语而与实际不符的选本类；"
                            "实测参数低于说明书标称请选“性能与标称不符”。"
                        ),
                    },
                    {
                        "code": "MARKETING-FALSE-PRICE",
                        "name": "价格欺诈",
                        "name_en": "Price fraud",
                        "department": "LEGAL",
                        "guide": (
                            "虚构原价、先涨后降、虚假限时折扣等价格欺诈的选本类，可能适用退一赔三；"
                            "单纯结算价高于标价请选“标价与结算不符”。"
                        ),
                    },
                    {
                        "code": "MARKETING-FALSE-GIFT",
                        "name": "赠品承诺未兑现",
                        "name_en": "Promised gifts not delivered",
                        "department": "MKT",
                        "guide": (
                            "宣传的赠品、返现、价保承诺未兑现的选本类；"
                            "员工个人答应的回电或补偿未兑现请选“承诺未兑现”。"
                        ),
                    },
                ],
            },
            {
                "code": "MARKETING-PROMO",
                "name": "促销活动",
                "name_en": "Promotions",
                "children": [
                    {
                        "code": "MARKETING-PROMO-RULES",
                        "name": "活动规则争议",
                        "name_en": "Promotion rule disputes",
                        "department": "MKT",
                        "guide": (
                            "满减、秒杀、抽奖规则不清、临时变更或中奖不兑现的选本类；"
                            "已领取的优惠券不能使用请选“优惠券无法使用”。"
                        ),
                    },
                    {
                        "code": "MARKETING-PROMO-COUPON",
                        "name": "优惠券无法使用",
                        "name_en": "Coupon cannot be used",
                        "department": "MKT",
                        "guide": (
                            "已领取的优惠券、代金券在有效期内无法使用或被异常作废的选本类；"
                            "会员积分问题请选“积分与会员权益”。"
                        ),
                    },
                ],
            },
            {
                "code": "MARKETING-HARASS",
                "name": "营销骚扰与搭售",
                "name_en": "Marketing harassment and bundling",
                "children": [
                    {
                        "code": "MARKETING-HARASS-CALL",
                        "name": "营销电话短信骚扰",
                        "name_en": "Unwanted marketing calls and messages",
                        "department": "MKT",
                        "guide": (
                            "未经同意或明确拒绝后仍收到营销电话、短信、推送的选本类；"
                            "怀疑个人信息被泄露给第三方请选“个人信息泄露”。"
                        ),
                    },
                    {
                        "code": "MARKETING-HARASS-BUNDLE",
                        "name": "捆绑搭售",
                        "name_en": "Bundled sales",
                        "department": "ECOM",
                        "guide": (
                            "下单时默认勾选延保、保险、会员等附加项目或强制搭售的选本类；"
                            "周期性自动扣款请选“隐性收费与自动续费”。"
                        ),
                    },
                ],
            },
        ],
    },
    {
        "code": "SAFETY",
        "name": "安全问题",
        "name_en": "Safety",
        "children": [
            {
                "code": "SAFETY-PRODUCT",
                "name": "产品安全",
                "name_en": "Product safety",
                "children": [
                    {
                        "code": "SAFETY-PRODUCT-FIRE",
                        "name": "起火爆炸与冒烟",
                        "name_en": "Fire, explosion or smoke",
                        "department": "QA",
                        "guide": (
                            "商品起火、爆炸、冒烟、异常发烫鼓包的选本类，应定为紧急，"
                            "有人员受伤或媒体关注定为重大；一般故障请选“使用中故障”。"
                        ),
                    },
                    {
                        "code": "SAFETY-PRODUCT-ELECTRIC",
                        "name": "漏电与机械伤害隐患",
                        "name_en": "Electric shock or mechanical hazard",
                        "department": "QA",
                        "guide": (
                            "商品漏电、锐边、夹手、部件脱落等可能伤人的隐患选本类；"
                            "已起火冒烟请选“起火爆炸与冒烟”。"
                        ),
                    },
                ],
            },
            {
                "code": "SAFETY-FOOD",
                "name": "食品安全",
                "name_en": "Food safety",
                "children": [
                    {
                        "code": "SAFETY-FOOD-ILLNESS",
                        "name": "食用后身体不适",
                        "name_en": "Illness after consumption or use",
                        "department": "QA-FOOD",
                        "guide": (
                            "食用或使用商品后出现腹泻、呕吐、皮肤过敏等身体不适的选本类，应定为紧急；"
                            "未食用仅发现变质请选“变质与异味”。"
                        ),
                    },
                    {
                        "code": "SAFETY-FOOD-ALLERGY",
                        "name": "过敏原与标签缺陷",
                        "name_en": "Allergen and labelling defects",
                        "department": "QA-FOOD",
                        "guide": (
                            "配料表、过敏原、生产日期、中文标签缺失或错误的选本类；"
                            "已出现过敏症状请选“食用后身体不适”。"
                        ),
                    },
                ],
            },
            {
                "code": "SAFETY-INJURY",
                "name": "人身与财产损害",
                "name_en": "Injury and property damage",
                "children": [
                    {
                        "code": "SAFETY-INJURY-STORE",
                        "name": "门店内意外受伤",
                        "name_en": "Injury in store",
                        "department": "STORE",
                        "guide": (
                            "顾客在门店内因地面湿滑、货架掉落、设施缺陷或冲突受伤的选本类，应定为紧急；"
                            "未造成伤害的设施问题请选“设施损坏与无障碍”。"
                        ),
                    },
                    {
                        "code": "SAFETY-INJURY-SERVICE",
                        "name": "服务过程致伤致损",
                        "name_en": "Injury or damage during service",
                        "department": "AS",
                        "guide": (
                            "上门安装、维修、配送等服务过程中造成人身伤害或财产损失的选本类；"
                            "单纯安装不规范请选“上门安装与服务”。"
                        ),
                    },
                ],
            },
        ],
    },
    {
        "code": "PRIVACY",
        "name": "隐私与信息安全",
        "name_en": "Privacy and information security",
        "children": [
            {
                "code": "PRIVACY-LEAK",
                "name": "信息泄露",
                "name_en": "Data leaks",
                "children": [
                    {
                        "code": "PRIVACY-LEAK-PERSONAL",
                        "name": "个人信息泄露",
                        "name_en": "Personal data leak",
                        "department": "TECH-SEC",
                        "guide": (
                            "客户怀疑订单、地址、电话等信息被泄露或在未授权场合被展示的选本类；"
                            "已因泄露遭受诈骗请选“冒充客服诈骗”。"
                        ),
                    },
                    {
                        "code": "PRIVACY-LEAK-SCAM",
                        "name": "冒充客服诈骗",
                        "name_en": "Scam by fake customer service",
                        "department": "TECH-SEC",
                        "guide": (
                            "有人冒充我司客服以退款、理赔等名义诱骗转账的选本类，应定为紧急并提示客户报警；"
                            "仅收到营销电话请选“营销电话短信骚扰”。"
                        ),
                    },
                ],
            },
            {
                "code": "PRIVACY-USE",
                "name": "信息处理合规",
                "name_en": "Data processing compliance",
                "children": [
                    {
                        "code": "PRIVACY-USE-OVERCOLLECT",
                        "name": "过度收集与强制授权",
                        "name_en": "Excessive collection or forced consent",
                        "department": "LEGAL",
                        "guide": (
                            "强制索取通讯录、定位、人脸、身份证等与服务无关信息的选本类；"
                            "无法注销或删除信息请选“注销与删除困难”。"
                        ),
                    },
                    {
                        "code": "PRIVACY-USE-DELETE",
                        "name": "注销与删除困难",
                        "name_en": "Account deletion difficulties",
                        "department": "TECH-APP",
                        "guide": (
                            "申请注销账号、删除个人信息、撤回同意被拒或无响应的选本类；"
                            "信息已被外泄请选“个人信息泄露”。"
                        ),
                    },
                ],
            },
            {
                "code": "PRIVACY-ACCOUNT",
                "name": "账户安全",
                "name_en": "Account security",
                "children": [
                    {
                        "code": "PRIVACY-ACCOUNT-THEFT",
                        "name": "账户被盗用",
                        "name_en": "Account takeover",
                        "department": "TECH-SEC",
                        "guide": (
                            "账号被他人登录、盗用余额或积分、篡改收货地址的选本类；"
                            "只是自己无法登录请选“登录与验证异常”。"
                        ),
                    },
                    {
                        "code": "PRIVACY-ACCOUNT-BIND",
                        "name": "未经授权开通服务",
                        "name_en": "Unauthorised activation of services",
                        "department": "FIN-CREDIT",
                        "guide": (
                            "未经本人同意被开通免密支付、分期额度、连续包月的选本类；"
                            "知情开通但对费用有异议请选“分期费用争议”或“隐性收费与自动续费”。"
                        ),
                    },
                ],
            },
        ],
    },
    {
        "code": "STORE",
        "name": "门店与环境",
        "name_en": "Stores and environment",
        "children": [
            {
                "code": "STORE-ENV",
                "name": "门店环境",
                "name_en": "Store environment",
                "children": [
                    {
                        "code": "STORE-ENV-HYGIENE",
                        "name": "卫生脏乱",
                        "name_en": "Poor hygiene",
                        "department": "STORE",
                        "guide": (
                            "门店、试衣间、卫生间、熟食区脏乱或有虫鼠的选本类；"
                            "在售商品本身变质请选“变质与异味”。"
                        ),
                    },
                    {
                        "code": "STORE-ENV-NOISE",
                        "name": "噪声异味与污染",
                        "name_en": "Noise, odour and pollution",
                        "department": "STORE",
                        "guide": (
                            "门店或仓库日常经营的噪声、油烟、异味、垃圾堆放影响顾客或周边居民的选本类；"
                            "装修施工扰民请选“装修施工扰民”。"
                        ),
                    },
                    {
                        "code": "STORE-ENV-FACILITY",
                        "name": "设施损坏与无障碍",
                        "name_en": "Broken facilities or accessibility",
                        "department": "STORE",
                        "guide": (
                            "电梯、空调、照明、无障碍通道、母婴室等设施损坏或缺失的选本类；"
                            "已造成人员受伤请选“门店内意外受伤”。"
                        ),
                    },
                ],
            },
            {
                "code": "STORE-OPS",
                "name": "门店运营",
                "name_en": "Store operations",
                "children": [
                    {
                        "code": "STORE-OPS-QUEUE",
                        "name": "排队与收银",
                        "name_en": "Queues and checkout",
                        "department": "STORE",
                        "guide": (
                            "门店收银排队过长、收银通道开放不足、扫码差错的选本类；"
                            "收银系统大面积故障请选“平台服务中断”。"
                        ),
                    },
                    {
                        "code": "STORE-OPS-TAG",
                        "name": "价签与陈列",
                        "name_en": "Price tags and displays",
                        "department": "STORE",
                        "guide": (
                            "价签缺失、价签与商品不对应、过期促销牌未撤的选本类；"
                            "已按高于价签的价格结算请选“标价与结算不符”。"
                        ),
                    },
                ],
            },
            {
                "code": "STORE-PUBLIC",
                "name": "周边与公共影响",
                "name_en": "Surroundings and public impact",
                "children": [
                    {
                        "code": "STORE-PUBLIC-PARKING",
                        "name": "停车与交通",
                        "name_en": "Parking and traffic",
                        "department": "STORE",
                        "guide": (
                            "门店停车收费、车位与指引不足、送货车辆占道堵路的选本类；"
                            "配送员个人服务问题请选“配送员服务不规范”。"
                        ),
                    },
                    {
                        "code": "STORE-PUBLIC-CONSTRUCTION",
                        "name": "装修施工扰民",
                        "name_en": "Renovation and construction nuisance",
                        "department": "STORE",
                        "guide": (
                            "门店装修、扩建、夜间施工造成噪声、粉尘、占道或安全隐患的选本类；"
                            "日常经营噪声请选“噪声异味与污染”。"
                        ),
                    },
                ],
            },
        ],
    },
]

# Compensation standards (补偿标准): like cases get like remedies (同案同判). ``category`` is a
# level-1 or leaf code; a leaf row is more specific than its level-1 row. A plan outside the
# range needs approval. Rows without a statutory basis are goodwill and say so.
COMPENSATION_STANDARDS: list[dict[str, str]] = [
    {
        "category": "PRODUCT",
        "grade": "general",
        "remedy": "exchange",
        "min_amount": "0.00",
        "max_amount": "5000.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第二十四条；《中华人民共和国产品质量法》第四十条",
        "description": (
            "三包期内修理两次仍不能正常使用或主要部件故障的，免费更换同型号商品，来回运费由公司承担。"
        ),
    },
    {
        "category": "PRODUCT",
        "grade": "general",
        "remedy": "refund",
        "min_amount": "0.00",
        "max_amount": "5000.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第二十四条",
        "description": (
            "商品不符合质量要求的，自收货之日起七日内可退货，按实付金额退款；"
            "超过七日符合法定解除条件的亦可退货。"
        ),
    },
    {
        "category": "PRODUCT",
        "grade": "urgent",
        "remedy": "compensation",
        "min_amount": "100.00",
        "max_amount": "2000.00",
        "legal_basis": "《中华人民共和国产品质量法》第四十条",
        "description": "因质量问题给客户造成往返、误工等直接损失的，凭凭证核实后在区间内赔偿损失。",
    },
    {
        "category": "PRODUCT",
        "grade": "major",
        "remedy": "compensation",
        "min_amount": "2000.00",
        "max_amount": "100000.00",
        "legal_basis": "《中华人民共和国产品质量法》第四十条、第四十一条",
        "description": (
            "批量质量问题或已引发诉讼、舆情的，由重大投诉专项小组会同法务确定赔偿方案，超出区间须总经理审批。"
        ),
    },
    {
        "category": "PRODUCT-AUTH-COUNTERFEIT",
        "grade": "urgent",
        "remedy": "compensation",
        "min_amount": "500.00",
        "max_amount": "30000.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第五十五条第一款",
        "description": (
            "经鉴定为假冒或以翻新冒充新品的，构成欺诈：退还价款并按价款三倍增加赔偿，"
            "增加赔偿不足五百元的按五百元。"
        ),
    },
    {
        "category": "PRODUCT-FOOD-EXPIRED",
        "grade": "urgent",
        "remedy": "compensation",
        "min_amount": "1000.00",
        "max_amount": "10000.00",
        "legal_basis": "《中华人民共和国食品安全法》第一百四十八条第二款",
        "description": (
            "销售超过保质期等不符合食品安全标准的食品的，除退款外按价款十倍或损失三倍支付赔偿金，"
            "不足一千元的为一千元。"
        ),
    },
    {
        "category": "SERVICE",
        "grade": "general",
        "remedy": "apology",
        "min_amount": "0.00",
        "max_amount": "0.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第十四条",
        "description": "服务态度或服务规范问题经核实的，由当事员工所在部门负责人向客户电话或书面致歉。",
    },
    {
        "category": "SERVICE",
        "grade": "general",
        "remedy": "coupon",
        "min_amount": "10.00",
        "max_amount": "50.00",
        "legal_basis": "企业服务承诺（非法定补偿）",
        "description": "服务体验不佳的安抚性补偿，同一客户同一事项限发放一次。",
    },
    {
        "category": "SERVICE",
        "grade": "urgent",
        "remedy": "compensation",
        "min_amount": "50.00",
        "max_amount": "500.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第五十条",
        "description": (
            "员工辱骂、歧视等侵害客户人格尊严的，停止侵害、赔礼道歉并赔偿损失，同时告知对当事员工的处理结果。"
        ),
    },
    {
        "category": "SERVICE-AFTERSALES-RETURN",
        "grade": "general",
        "remedy": "refund",
        "min_amount": "0.00",
        "max_amount": "5000.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第二十五条",
        "description": (
            "网购商品七日无理由退货的，自收到退回商品之日起七日内返还已付价款；退回运费按约定承担，"
            "未约定的由客户承担。"
        ),
    },
    {
        "category": "SERVICE-AFTERSALES-REPAIR",
        "grade": "urgent",
        "remedy": "exchange",
        "min_amount": "0.00",
        "max_amount": "5000.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第二十四条；《部分商品修理更换退货责任规定》",
        "description": "三包期内同一故障修理两次仍不能正常使用或维修超期的，免费更换同型号同规格商品。",
    },
    {
        "category": "LOGISTICS",
        "grade": "general",
        "remedy": "coupon",
        "min_amount": "5.00",
        "max_amount": "50.00",
        "legal_basis": "企业服务承诺（非法定补偿）",
        "description": "未按承诺时效送达的，按延误时长发放运费券或优惠券。",
    },
    {
        "category": "LOGISTICS",
        "grade": "urgent",
        "remedy": "refund",
        "min_amount": "0.00",
        "max_amount": "5000.00",
        "legal_basis": "《中华人民共和国电子商务法》第二十条",
        "description": "包裹丢失或运输损毁的，运输风险由公司承担，按客户选择补发商品或按实付金额退款。",
    },
    {
        "category": "LOGISTICS",
        "grade": "urgent",
        "remedy": "compensation",
        "min_amount": "50.00",
        "max_amount": "1000.00",
        "legal_basis": "《中华人民共和国电子商务法》第二十条；《快递暂行条例》",
        "description": (
            "因延误、丢件给客户造成额外直接损失的，核实凭证后赔偿；向承运商的追偿不影响对客户的先行赔付。"
        ),
    },
    {
        "category": "LOGISTICS-PARCEL-BROKEN",
        "grade": "general",
        "remedy": "exchange",
        "min_amount": "0.00",
        "max_amount": "5000.00",
        "legal_basis": "《中华人民共和国电子商务法》第二十条",
        "description": "运输破损的免费补发或更换，上门取回破损件，客户无需垫付运费。",
    },
    {
        "category": "BILLING",
        "grade": "general",
        "remedy": "refund",
        "min_amount": "0.00",
        "max_amount": "5000.00",
        "legal_basis": "《中华人民共和国民法典》第九百八十五条",
        "description": "重复扣款、多收款项属于不当得利，核实后全额原路退回。",
    },
    {
        "category": "BILLING",
        "grade": "urgent",
        "remedy": "refund",
        "min_amount": "0.00",
        "max_amount": "20000.00",
        "legal_basis": "《中华人民共和国民法典》第九百八十五条",
        "description": "大额错扣或批量错扣的，二十四小时内启动原路退回并告知到账时间。",
    },
    {
        "category": "BILLING",
        "grade": "urgent",
        "remedy": "compensation",
        "min_amount": "50.00",
        "max_amount": "500.00",
        "legal_basis": "《中华人民共和国民法典》第五百七十七条",
        "description": "因错扣、退款延误导致客户产生透支利息、逾期费用等直接损失的，凭凭证赔偿。",
    },
    {
        "category": "BILLING-PREPAID-CARD",
        "grade": "general",
        "remedy": "refund",
        "min_amount": "0.00",
        "max_amount": "10000.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第五十三条",
        "description": (
            "以预收款方式提供商品或服务而未按约定提供的，按客户要求履行约定或退回预付款，"
            "并承担预付款利息和必要费用。"
        ),
    },
    {
        "category": "BILLING-CREDIT-COLLECTION",
        "grade": "urgent",
        "remedy": "apology",
        "min_amount": "0.00",
        "max_amount": "0.00",
        "legal_basis": "《中华人民共和国民法典》第一千零三十二条",
        "description": (
            "催收侵扰客户私人生活安宁或联系无关第三人的，立即停止不当催收，书面致歉并核查催收机构。"
        ),
    },
    {
        "category": "BILLING-CHARGE-PRICE",
        "grade": "general",
        "remedy": "refund",
        "min_amount": "0.00",
        "max_amount": "1000.00",
        "legal_basis": "《中华人民共和国价格法》第十三条",
        "description": "结算价高于标价或收取未标明费用的，按标价结算并退还差额。",
    },
    {
        "category": "SYSTEM",
        "grade": "general",
        "remedy": "coupon",
        "min_amount": "5.00",
        "max_amount": "50.00",
        "legal_basis": "企业服务承诺（非法定补偿）",
        "description": "因系统故障影响下单或使用的，向受影响客户发放补偿券。",
    },
    {
        "category": "SYSTEM",
        "grade": "urgent",
        "remedy": "compensation",
        "min_amount": "20.00",
        "max_amount": "500.00",
        "legal_basis": "《中华人民共和国电子商务法》第三十条",
        "description": (
            "平台未能保证稳定运行，导致客户错过限时活动价格或产生直接损失的，按活动价差或实际损失补偿。"
        ),
    },
    {
        "category": "SYSTEM-APP-PAY",
        "grade": "urgent",
        "remedy": "refund",
        "min_amount": "0.00",
        "max_amount": "5000.00",
        "legal_basis": "《中华人民共和国民法典》第九百八十五条",
        "description": "付款成功但订单未生成或下单失败的，二十四小时内原路退款或按原价补建订单。",
    },
    {
        "category": "SYSTEM",
        "grade": "major",
        "remedy": "service_improvement",
        "min_amount": "0.00",
        "max_amount": "0.00",
        "legal_basis": "《中华人民共和国电子商务法》第三十条",
        "description": "大面积服务中断须发布公告、提交故障复盘报告并限期落实整改，整改结果向客户说明。",
    },
    {
        "category": "MARKETING",
        "grade": "general",
        "remedy": "refund",
        "min_amount": "0.00",
        "max_amount": "5000.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第二十条",
        "description": "宣传与实际不符、客户要求退货的，予以退货退款。",
    },
    {
        "category": "MARKETING",
        "grade": "urgent",
        "remedy": "compensation",
        "min_amount": "500.00",
        "max_amount": "30000.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第五十五条第一款",
        "description": (
            "虚假宣传、价格欺诈构成欺诈的，退还价款并按价款三倍增加赔偿，增加赔偿不足五百元的按五百元。"
        ),
    },
    {
        "category": "MARKETING-FALSE-GIFT",
        "grade": "general",
        "remedy": "compensation",
        "min_amount": "0.00",
        "max_amount": "500.00",
        "legal_basis": "《中华人民共和国民法典》第五百零九条",
        "description": "宣传的赠品、返现、价保未兑现的，补发赠品或按赠品价值、承诺金额折现。",
    },
    {
        "category": "MARKETING-HARASS-CALL",
        "grade": "general",
        "remedy": "apology",
        "min_amount": "0.00",
        "max_amount": "0.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第二十九条第三款",
        "description": "客户拒绝后仍发送商业性信息的，立即将其加入营销免打扰名单并致歉。",
    },
    {
        "category": "MARKETING",
        "grade": "major",
        "remedy": "compensation",
        "min_amount": "500.00",
        "max_amount": "100000.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第五十五条；《中华人民共和国广告法》第五十六条",
        "description": "虚假广告影响面广或已引发监管、媒体关注的，由专项小组统一制定退赔方案。",
    },
    {
        "category": "SAFETY",
        "grade": "general",
        "remedy": "exchange",
        "min_amount": "0.00",
        "max_amount": "5000.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第十九条",
        "description": "发现商品存在安全隐患的，主动告知并召回，免费更换或退货。",
    },
    {
        "category": "SAFETY",
        "grade": "urgent",
        "remedy": "compensation",
        "min_amount": "1000.00",
        "max_amount": "50000.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第四十九条",
        "description": "造成人身伤害的，赔偿医疗费、护理费、交通费等合理费用及因误工减少的收入。",
    },
    {
        "category": "SAFETY-FOOD-ILLNESS",
        "grade": "urgent",
        "remedy": "compensation",
        "min_amount": "1000.00",
        "max_amount": "50000.00",
        "legal_basis": "《中华人民共和国食品安全法》第一百四十八条",
        "description": (
            "食用不符合食品安全标准的食品受到损害的，赔偿损失，并可按价款十倍或损失三倍支付赔偿金，"
            "不足一千元的为一千元。"
        ),
    },
    {
        "category": "SAFETY-INJURY-STORE",
        "grade": "urgent",
        "remedy": "compensation",
        "min_amount": "500.00",
        "max_amount": "50000.00",
        "legal_basis": (
            "《中华人民共和国消费者权益保护法》第十八条第二款；《中华人民共和国民法典》第一千一百九十八条"
        ),
        "description": (
            "经营场所未尽安全保障义务致客户受伤的，赔偿医疗费、误工费等损失，并先行垫付就医费用。"
        ),
    },
    {
        "category": "SAFETY",
        "grade": "major",
        "remedy": "compensation",
        "min_amount": "10000.00",
        "max_amount": "500000.00",
        "legal_basis": (
            "《中华人民共和国消费者权益保护法》第四十九条、第五十五条第二款；"
            "《中华人民共和国民法典》第一千一百七十九条"
        ),
        "description": (
            "造成严重人身损害的按法定项目赔偿；明知缺陷仍提供致严重损害的，"
            "另承担所受损失二倍以下的惩罚性赔偿。"
        ),
    },
    {
        "category": "PRIVACY",
        "grade": "general",
        "remedy": "service_improvement",
        "min_amount": "0.00",
        "max_amount": "0.00",
        "legal_basis": "《中华人民共和国个人信息保护法》第四十七条",
        "description": "依客户请求删除个人信息或注销账户、撤回授权，并书面告知处理结果。",
    },
    {
        "category": "PRIVACY",
        "grade": "urgent",
        "remedy": "compensation",
        "min_amount": "500.00",
        "max_amount": "10000.00",
        "legal_basis": "《中华人民共和国个人信息保护法》第六十九条",
        "description": "个人信息权益受损且公司不能证明自己没有过错的，按客户损失或公司获益确定赔偿。",
    },
    {
        "category": "PRIVACY-ACCOUNT-THEFT",
        "grade": "urgent",
        "remedy": "refund",
        "min_amount": "0.00",
        "max_amount": "20000.00",
        "legal_basis": "《中华人民共和国个人信息保护法》第五十一条",
        "description": "账户被盗用造成的余额、积分及订单损失，核实后先行恢复或退还，并协助客户报警。",
    },
    {
        "category": "PRIVACY",
        "grade": "major",
        "remedy": "compensation",
        "min_amount": "1000.00",
        "max_amount": "100000.00",
        "legal_basis": "《中华人民共和国个人信息保护法》第五十七条、第六十九条",
        "description": "批量信息泄露的，立即采取补救措施并通知受影响客户，由专项小组确定统一赔偿方案。",
    },
    {
        "category": "STORE",
        "grade": "general",
        "remedy": "apology",
        "min_amount": "0.00",
        "max_amount": "0.00",
        "legal_basis": "GB/T 19012-2019《质量管理 顾客满意 组织投诉处理指南》",
        "description": "门店环境、运营问题经核实的，由门店店长向客户致歉并说明整改措施。",
    },
    {
        "category": "STORE",
        "grade": "general",
        "remedy": "coupon",
        "min_amount": "10.00",
        "max_amount": "100.00",
        "legal_basis": "企业服务承诺（非法定补偿）",
        "description": "门店服务体验不佳的安抚性补偿，可在任一门店使用。",
    },
    {
        "category": "STORE",
        "grade": "urgent",
        "remedy": "compensation",
        "min_amount": "100.00",
        "max_amount": "3000.00",
        "legal_basis": "《中华人民共和国消费者权益保护法》第十八条第二款",
        "description": "门店设施缺陷或管理疏漏造成客户财物损失的，核实后赔偿。",
    },
]

# SLA defaults per grade (DESIGN.md §1). General complaints run on the business calendar: "24 h" to
# a first response is the next working day and resolution is 3 working days. Urgent and major ones
# run day and night, because a safety risk or a group incident does not wait for Monday.
SHIPPED_SLA: list[dict[str, str]] = [
    {
        "grade": "general",
        "clock": "business",
        "first_response": "1d",
        "resolution": "3d",
        "progress_update": "1d",
        "follow_up": "3d",
    },
    # High-value customers get priority (DESIGN §1 grade by customer value).
    {
        "grade": "general",
        "customer_tier": "high_value",
        "clock": "business",
        "first_response": "4h",
        "resolution": "2d",
        "progress_update": "1d",
        "follow_up": "3d",
    },
    {
        "grade": "urgent",
        "clock": "calendar",
        "first_response": "4h",
        "resolution": "24h",
        "progress_update": "8h",
        "follow_up": "3d",
    },
    # Major: the resolution clock is the time to an initial plan from the task group.
    {
        "grade": "major",
        "clock": "calendar",
        "first_response": "1h",
        "resolution": "24h",
        "progress_update": "4h",
        "follow_up": "3d",
    },
]

# The escalation chain of seed 002: warn at 80 % of the time, on breach notify the handler and the
# first-contact owner, 48 h past due a supervision order to the supervisor, 72 h to the department
# head; a major complaint goes to the executive task group at once.
SHIPPED_ESCALATION: list[dict] = [
    {
        "code": "response-warning",
        "name": "首次响应即将超时",
        "deadline": "response",
        "action": "warn",
        "percent": 80,
    },
    {
        "code": "resolution-warning",
        "name": "办理即将超时",
        "deadline": "resolution",
        "action": "warn",
        "percent": 80,
    },
    {
        "code": "response-breach",
        "name": "首次响应超时",
        "deadline": "response",
        "action": "breach",
        "after_minutes": 0,
    },
    {
        "code": "resolution-breach",
        "name": "办理超时",
        "deadline": "resolution",
        "action": "breach",
        "after_minutes": 0,
    },
    {
        "code": "progress-breach",
        "name": "进展未按时更新",
        "deadline": "progress",
        "action": "breach",
        "after_minutes": 0,
    },
    {
        "code": "follow-up-breach",
        "name": "回访超时",
        "deadline": "follow_up",
        "action": "breach",
        "after_minutes": 0,
    },
    {
        "code": "overdue-48h-supervisor",
        "name": "超时48小时升级至主管",
        "deadline": "resolution",
        "action": "escalate",
        "after_minutes": 48 * 60,
        "target_role": "supervisor",
        "order_due": "1d",
    },
    {
        "code": "overdue-72h-head",
        "name": "超时72小时升级至部门负责人",
        "deadline": "resolution",
        "action": "escalate",
        "after_minutes": 72 * 60,
        "target_role": "head",
        "order_due": "1d",
    },
    {
        "code": "major-task-group",
        "name": "重大投诉立即上报专项小组",
        "deadline": "response",
        "action": "escalate",
        "percent": 0,
        "grades": ["major"],
        "target_role": "executive",
        "order_due": "24h",
    },
]
