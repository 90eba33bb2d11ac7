"""The statutory categories of proactive disclosure (Art. 20 (一)–(十五)); local ones (Art. 21) are rows."""

from __future__ import annotations

from django.db import models


class Article20(models.TextChoices):
    ITEM_1 = "1", "（一）行政法规、规章和规范性文件"
    ITEM_2 = "2", "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"
    ITEM_3 = "3", "（三）国民经济和社会发展规划、专项规划、区域规划及相关政策"
    ITEM_4 = "4", "（四）国民经济和社会发展统计信息"
    ITEM_5 = "5", "（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"
    ITEM_6 = "6", "（六）实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定"
    ITEM_7 = "7", "（七）财政预算、决算信息"
    ITEM_8 = "8", "（八）行政事业性收费项目及其依据、标准"
    ITEM_9 = "9", "（九）政府集中采购项目的目录、标准及实施情况"
    ITEM_10 = "10", "（十）重大建设项目的批准和实施情况"
    ITEM_11 = "11", "（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"
    ITEM_12 = "12", "（十二）突发公共事件的应急预案、预警信息及应对情况"
    ITEM_13 = "13", "（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"
    ITEM_14 = "14", "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果"
    ITEM_15 = "15", "（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"


class DocKind(models.TextChoices):
    """Documents whose lifecycle table 二 （一） counts."""

    NONE = "", "其他信息"
    REGULATION = "regulations", "规章"
    NORMATIVE = "normative_documents", "行政规范性文件"


class EndKind(models.TextChoices):
    REPEALED = "repealed", "废止"
    EXPIRED = "expired", "失效"
