from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cppcc import access
from members.kinds import ActivityKind
from members.models import DossierEntry, Member, Sector, SpecialCommittee, Term
from members.validators import id_check_digit


def valid_id_number(n: int) -> str:
    first17 = f"410182{dt.date(1960, 1, 1) + dt.timedelta(days=n % 10000):%Y%m%d}{n % 1000:03d}"
    return first17 + id_check_digit(first17)


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ("number",)

    number = 6
    name = "第六届"
    start_date = dt.date(2021, 12, 20)
    is_current = True


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"界别{n}")


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpecialCommittee
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"专委会{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("name", locale="zh_CN")
    password = factory.PostGenerationMethodCall("set_password", "Passw0rd!x")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])
        if create:
            self.save()


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    name = factory.Faker("name", locale="zh_CN")
    gender = Member.Gender.FEMALE
    id_number = factory.Sequence(valid_id_number)
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    term = factory.SubFactory(TermFactory)
    joined_on = factory.LazyAttribute(lambda m: m.term.start_date)
    sector = factory.SubFactory(SectorFactory, name="经济界")
    committee = factory.SubFactory(CommitteeFactory, name="经济科技委员会")


def member_user(**kwargs):
    return UserFactory(role=access.MEMBER_GROUP, **kwargs)


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DossierEntry

    member = factory.SubFactory(MemberFactory)
    year = 2023
    date = factory.LazyAttribute(lambda e: dt.date(e.year, 5, 1))
    kind = ActivityKind.OTHER_DUTY
    title = factory.Sequence(lambda n: f"履职事项{n}")
