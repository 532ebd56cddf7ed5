"""Vietnamese-aware folding and anchors: the basis of search without diacritics and readable links."""

from __future__ import annotations

import pytest

from hocvuso.text import first_non_nfc, fold, slugify


@pytest.mark.parametrize(("typed", "folded"), [
    ("Dịch vụ công", "dich vu cong"), ("ĐĂNG NHẬP", "dang nhap"), ("mật khẩu", "mat khau"),
    ("chuyển tiền", "chuyen tien"), ("Nguyễn Thị Ưng", "nguyen thi ung"),
])
def test_fold_removes_every_mark_including_d_stroke(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_slug_keeps_d_from_d_stroke() -> None:
    # Stock Material turns this into "inh-danh-ien-tu"; ours stays readable.
    assert slugify("Định danh điện tử (VNeID)") == "dinh-danh-dien-tu-vneid"


def test_first_non_nfc_points_at_the_decomposed_character() -> None:
    assert first_non_nfc("ok\nKie\u0302\u0309m tra") == (2, 3)
    assert first_non_nfc("Kiểm tra") is None
