"""The fuller register: committee office, education, title, liaison group and a checked photo."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from members.models import LiaisonGroup, Member
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

GPS = 0x8825


def photo_with_gps(size=(2400, 1800)) -> bytes:
    image = Image.new("RGB", size, "orange")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[GPS] = {1: "N", 2: (34.0, 47.0, 0.0), 3: "E", 4: (113.0, 21.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _edit_data(client, member, **changes):
    form = client.get(reverse("members:edit", args=[member.pk])).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    data.update(changes)
    return data


def test_a_photo_is_stored_upright_small_and_without_its_location(staff_client):
    member = MemberFactory()
    original = photo_with_gps()
    assert GPS in Image.open(io.BytesIO(original)).getexif()
    data = _edit_data(staff_client, member, photo_upload=SimpleUploadedFile("me.jpg", original))
    assert staff_client.post(reverse("members:edit", args=[member.pk]), data).status_code == 302
    member.refresh_from_db()
    stored = Image.open(member.photo.open("rb"))
    assert max(stored.size) == 600
    assert GPS not in stored.getexif() and 0x010F not in stored.getexif()
    served = staff_client.get(reverse("members:photo", args=[member.pk]))
    assert served["Content-Type"] == "image/jpeg"


def test_a_renamed_file_is_refused_as_a_photo_and_the_form_is_kept(staff_client):
    member = MemberFactory(position="校长")
    data = _edit_data(
        staff_client,
        member,
        position="副校长",
        photo_upload=SimpleUploadedFile("me.jpg", b"MZ\x90\x00 not a picture" * 40),
    )
    response = staff_client.post(reverse("members:edit", args=[member.pk]), data)
    body = response.content.decode()
    assert "这不是可以识别的图片" in body and 'value="副校长"' in body
    member.refresh_from_db()
    assert not member.photo and member.position == "校长"


def test_a_chair_is_a_standing_member_whatever_the_box_says(staff_client):
    member = MemberFactory(is_standing=False)
    data = _edit_data(staff_client, member, office="vice_chair")
    data.pop("is_standing", None)
    staff_client.post(reverse("members:edit", args=[member.pk]), data)
    member.refresh_from_db()
    assert (member.office, member.is_standing) == ("vice_chair", True)


def test_the_register_filters_and_exports_the_new_fields(staff_client):
    group = LiaisonGroup.objects.create(name="京城路街道联络组")
    MemberFactory(
        name="甲", party="民盟盟员", education="masters", liaison_group=group, professional_title="高级教师"
    )
    MemberFactory(name="乙", party="中共党员", education="bachelor")
    for query, names in (
        ({"party": "民盟盟员"}, ["甲"]),
        ({"education": "bachelor"}, ["乙"]),
        ({"liaison_group": group.pk}, ["甲"]),
    ):
        page = staff_client.get(reverse("members:list"), query).context["list"].page
        assert [m.name for m in page] == names, query
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(staff_client.get(reverse("members:export")).content)).active.values)
    header = rows[0]
    first = dict(zip(header, next(r for r in rows[1:] if r[0] == "甲"), strict=False))
    assert (first["学历"], first["职称"], first["联络组"], first["党派"]) == (
        "硕士研究生",
        "高级教师",
        "京城路街道联络组",
        "民盟盟员",
    )


def test_the_dossier_pdf_carries_the_photo(staff_client):
    import subprocess
    import tempfile

    member = MemberFactory()
    data = _edit_data(
        staff_client, member, photo_upload=SimpleUploadedFile("me.jpg", photo_with_gps((400, 300)))
    )
    staff_client.post(reverse("members:edit", args=[member.pk]), data)
    pdf = staff_client.get(reverse("members:report_pdf", args=[member.pk, 2023])).content
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        images = subprocess.run(
            ["pdfimages", "-list", f.name], capture_output=True, text=True, check=True
        ).stdout
    assert len(images.strip().splitlines()) >= 3, "a header, a rule and at least one image"
    assert Member.objects.get(pk=member.pk).photo
