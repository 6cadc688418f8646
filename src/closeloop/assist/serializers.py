from rest_framework import serializers

from closeloop.org.models import Customer

TEXT_LIMIT = 20_000


class AnalyzeInput(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_LIMIT, help_text="The complaint as the customer told it.")
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    customer = serializers.PrimaryKeyRelatedField(
        queryset=Customer.objects.all(),
        required=False,
        allow_null=True,
        help_text="The customer's id: their tier and dedicated agent steer dispatch.",
    )
    category = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The leaf category already chosen, if any: dispatch follows it instead of the suggestion.",
    )


class Phrase(serializers.Serializer):
    kind = serializers.CharField()
    phrase = serializers.CharField()
    start = serializers.IntegerField(help_text="Offset into `text` of the response.")
    end = serializers.IntegerField()


class CategoryHint(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    confidence = serializers.FloatField()
    guide = serializers.CharField(help_text="The classification guide for confusable categories.")


class GradeHint(serializers.Serializer):
    suggested = serializers.CharField()
    reason = serializers.CharField()
    risks = Phrase(many=True)


class EmotionHint(serializers.Serializer):
    label = serializers.CharField()
    anger = serializers.FloatField()
    anxiety = serializers.FloatField()
    phrases = Phrase(many=True)
    escalate = serializers.BooleanField(help_text="At or above the policy's anger threshold.")


class DispatchHint(serializers.Serializer):
    department = serializers.CharField(allow_null=True)
    department_id = serializers.IntegerField(allow_null=True)
    handler = serializers.CharField(allow_null=True)
    handler_id = serializers.IntegerField(allow_null=True)
    reason = serializers.CharField()


class Remedy(serializers.Serializer):
    kind = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)


class SimilarCase(serializers.Serializer):
    number = serializers.CharField()
    title = serializers.CharField()
    category = serializers.CharField()
    score = serializers.FloatField()
    closed_at = serializers.DateTimeField(allow_null=True)
    plan = serializers.CharField(allow_blank=True)
    legal_basis = serializers.CharField(allow_blank=True)
    remedies = Remedy(many=True)
    satisfaction = serializers.IntegerField(allow_null=True)
    resolved = serializers.BooleanField(allow_null=True)


class Article(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    legal_basis = serializers.CharField(allow_blank=True)
    url = serializers.CharField()


class AnalyzeOutput(serializers.Serializer):
    text = serializers.CharField(help_text="The text analysed: the title, a line break, then the text.")
    categories = CategoryHint(many=True)
    grade = GradeHint()
    emotion = EmotionHint()
    dispatch = DispatchHint(allow_null=True)
    similar_cases = SimilarCase(many=True)
    articles = Article(many=True)
    models = serializers.DictField(
        child=serializers.IntegerField(), help_text="The trained model (id) behind each suggestion."
    )


class AccuracyRow(serializers.Serializer):
    kind = serializers.CharField()
    decisions = serializers.IntegerField()
    accepted = serializers.IntegerField()
    in_top3 = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)
    top3_rate = serializers.FloatField(allow_null=True)
