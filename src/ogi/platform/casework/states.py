"""A case's states and event kinds: the vocabulary of the workflow, next to nothing else."""

from django.db import models


class State(models.TextChoices):
    REGISTERED = "registered", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    DECIDED = "decided", "已决定待送达"
    CLOSED = "closed", "已办结"


OPEN_STATES = frozenset(s for s in State if s is not State.CLOSED)


class EventKind(models.TextChoices):
    RECEIVED = "received", "登记收到申请"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTED = "corrected", "收到补正"
    CORRECTION_LAPSED = "correction_lapsed", "逾期未补正"
    CONSULTATION_SENT = "consultation_sent", "征求意见"
    CONSULTATION_ANSWERED = "consultation_answered", "收到意见"
    EXTENDED = "extended", "延期答复"
    FEE_NOTICE = "fee_notice", "收费通知"
    FEE_PAID = "fee_paid", "缴纳费用"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"
    DECIDED = "decided", "作出答复决定"
    DELIVERED = "delivered", "送达"
    WITHDRAWN = "withdrawn", "申请人撤回"
    DOCUMENT_ISSUED = "document_issued", "签发文书"


#: Events that record a step but change neither the state nor the deadline: ``workflow.derive`` skips them.
RECORD_ONLY = frozenset({EventKind.DOCUMENT_ISSUED})


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "当面"
    POST = "post", "邮寄"
    ONLINE = "online", "在线"
    FAX = "fax", "传真"
    ORAL = "oral", "口头（工作人员代为填写）"


class IdKind(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    OTHER = "other", "其他证件"
    NONE = "none", "未提供"
