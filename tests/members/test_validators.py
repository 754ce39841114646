import pytest
from django.core.exceptions import ValidationError

from members.validators import validate_id_number, validate_phone


@pytest.mark.parametrize("value", ["11010519491231002X", "410182197605040012", "11010519491231002x"])
def test_it_accepts_identity_numbers_with_a_correct_check_digit(value):
    validate_id_number(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("110105194912310021", "id_checksum"),
        ("41018219760504001", "id_format"),
        ("4101821976050400AB", "id_format"),
    ],
)
def test_it_rejects_identity_numbers_that_are_malformed_or_mistyped(value, code):
    with pytest.raises(ValidationError) as exc:
        validate_id_number(value)
    assert exc.value.code == code


@pytest.mark.parametrize("value", ["12345678901", "1381234567", "138123456789", "1381234567a"])
def test_it_rejects_phone_numbers_that_are_not_mainland_mobiles(value):
    with pytest.raises(ValidationError):
        validate_phone(value)
