"""factory_boy factories for every model the tests touch."""
import hashlib

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from annotations.models import Review, Source, Stance
from verify.models import Article, ArticleStatus, Claim, Verdict


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """`UserFactory(role="editor")` puts the user in that group (and staff for editor/admin)."""
        if not create or not extracted:
            return
        self.groups.add(Group.objects.get_or_create(name=extracted)[0])
        self.__dict__.pop("_verity_role", None)
        self.is_staff = extracted in ("editor", "admin")
        self.is_superuser = extracted == "admin"
        self.save()


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = "The Meridian Ledger"
    raw_content = factory.Sequence(lambda n: f"Officials said on Monday that {n + 3} bridges were repaired.")
    cleaned_text = factory.LazyAttribute(lambda a: a.raw_content)
    content_hash = factory.LazyAttribute(lambda a: hashlib.sha256(a.raw_content.encode()).hexdigest())
    language = "en"
    status = ArticleStatus.DONE
    extractor_version = "test"


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    text = factory.Sequence(lambda n: f"As many as {11000 + n} North Korean troops could be stationed in the region.")
    sentence = factory.LazyAttribute(lambda c: c.text)
    start_char = factory.Sequence(lambda n: n * 100)
    end_char = factory.LazyAttribute(lambda c: c.start_char + len(c.text))
    sentence_index = factory.Sequence(lambda n: n)
    claimant = "reports"
    cue = "suggest"
    quantities = factory.LazyAttribute(
        lambda c: [{"value": 11000, "unit": "troops", "surface": "as many as 11,000 North Korean troops",
                    "approximate": True, "bound": "upper", "kind": "count"}]
    )
    entities = factory.LazyFunction(lambda: [{"text": "North Korean", "label": "NORP", "start": 0, "end": 12}])
    hedges = factory.LazyFunction(lambda: ["as many as", "could"])
    checkworthiness = 0.8
    verdict = Verdict.UNREVIEWED
    extractor_version = "test"
    extracted_text = factory.LazyAttribute(lambda c: c.text)
    extracted_claimant = factory.LazyAttribute(lambda c: c.claimant)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    claim = factory.SubFactory(ClaimFactory)
    reviewer = factory.SubFactory(UserFactory)
    verdict = Verdict.UNVERIFIED
    rationale = "No independent confirmation of the figure."


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    claim = factory.SubFactory(ClaimFactory)
    url = factory.Sequence(lambda n: f"https://example.org/source/{n}")
    title = "Ministry briefing"
    publisher = "Example Ministry"
    quote = "We cannot confirm the number."
    stance = Stance.CONTEXT
    added_by = factory.SubFactory(UserFactory)
