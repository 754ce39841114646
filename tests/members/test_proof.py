"""Members attach photos to the deeds they report; staff see them, filter the queue and confirm many."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from demo.research import _pdf
from members.models import DossierEntry, EntryAttachment
from tests.factories import EntryFactory, MemberFactory
from tests.members.test_register_fields import GPS, photo_with_gps

pytestmark = pytest.mark.django_db


def _report(client, **extra):
    data = {
        "kind": "public_service",
        "date": dt.date.today().isoformat(),
        "title": "协调解决小区路灯维修",
        "description": "与物业协商，三天内修好。",
        **extra,
    }
    return client.post(reverse("members:self_report"), data)


def test_photos_from_the_phone_are_kept_without_their_location(member_client, member):
    photos = [
        SimpleUploadedFile(f"IMG_{i}.jpg", photo_with_gps(), content_type="image/jpeg") for i in range(2)
    ]
    assert _report(member_client, proof=photos).status_code == 302
    entry = DossierEntry.objects.get(member=member)
    kept = list(entry.attachments.all())
    assert [a.kind for a in kept] == ["jpg", "jpg"]
    for attachment in kept:
        image = Image.open(attachment.file.open("rb"))
        assert max(image.size) == 1600 and GPS not in image.getexif()


def test_a_pdf_is_accepted_as_proof(member_client, member):
    assert _report(member_client, proof=[SimpleUploadedFile("证明.pdf", _pdf("证明"))]).status_code == 302
    assert EntryAttachment.objects.get().kind == "pdf"


def test_a_renamed_file_is_refused_and_nothing_is_saved(member_client, member):
    fake = SimpleUploadedFile("photo.jpg", b"MZ" + b"\0" * 500, content_type="image/jpeg")
    response = _report(member_client, proof=[SimpleUploadedFile("ok.jpg", photo_with_gps((200, 200))), fake])
    body = response.content.decode()
    assert "“photo.jpg”：这不是可以识别的图片" in body and "协调解决小区路灯维修" in body
    assert not DossierEntry.objects.exists() and not EntryAttachment.objects.exists()


def test_at_most_six_photos(member_client, member):
    photos = [SimpleUploadedFile(f"{i}.jpg", photo_with_gps((50, 50))) for i in range(7)]
    assert "最多上传 6 个文件" in _report(member_client, proof=photos).content.decode()


def test_staff_see_the_photos_and_another_member_cannot(member_client, member, staff_client, other_member):
    _report(member_client, proof=[SimpleUploadedFile("a.jpg", photo_with_gps((300, 200)))])
    attachment = EntryAttachment.objects.get()
    queue = staff_client.get(reverse("members:reviews")).content.decode()
    assert reverse("members:attachment", args=[attachment.pk]) in queue
    assert (
        staff_client.get(reverse("members:attachment", args=[attachment.pk]))["Content-Type"] == "image/jpeg"
    )
    from django.test import Client

    other = Client()
    other.force_login(other_member.user)
    assert other.get(reverse("members:attachment", args=[attachment.pk])).status_code == 404


def test_the_queue_filters_orders_and_confirms_many_at_once(staff_client, django_assert_max_num_queries):
    a, b = MemberFactory(name="甲委员"), MemberFactory(name="乙委员")
    visits = [
        EntryFactory(member=a, kind="visit", status="pending", date=dt.date(2023, m, 1)) for m in (3, 5, 7)
    ]
    deed = EntryFactory(member=b, kind="public_service", status="pending", date=dt.date(2023, 6, 1))
    page = (
        staff_client.get(reverse("members:reviews"), {"kind": "visit", "order": "-date"}).context["list"].page
    )
    assert [e.pk for e in page] == [visits[2].pk, visits[1].pk, visits[0].pk]
    found = staff_client.get(reverse("members:reviews"), {"q": "乙委"}).context["list"].page
    assert [e.pk for e in found] == [deed.pk]
    window = staff_client.get(reverse("members:reviews"), {"since": "2023-05-01", "until": "2023-06-30"})
    assert {e.pk for e in window.context["list"].page} == {visits[1].pk, deed.pk}

    ids = [e.pk for e in visits]
    # ...and the members' notices that their reports were confirmed: a fixed handful more (notify()).
    with django_assert_max_num_queries(18):
        staff_client.post(reverse("members:reviews_confirm"), {"entries": ids})
    assert set(DossierEntry.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"confirmed"}
    assert DossierEntry.objects.get(pk=deed.pk).status == "pending"


def test_the_queue_page_costs_the_same_whatever_the_number_of_photos(staff_client, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            entry = EntryFactory(kind="visit", status="pending")
            out = io.BytesIO()
            Image.new("RGB", (4, 4)).save(out, "JPEG")
            item = EntryAttachment(entry=entry, kind="jpg", size=1)
            item.file.save("x.jpg", SimpleUploadedFile("x.jpg", out.getvalue()), save=True)

    add(2)
    staff_client.get(reverse("members:reviews"))
    with django_assert_num_queries(7):  # with the bell's unread count
        staff_client.get(reverse("members:reviews"))
    add(8)
    with django_assert_num_queries(7):
        staff_client.get(reverse("members:reviews"))
