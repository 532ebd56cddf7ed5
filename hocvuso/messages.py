"""What editors read, in Vietnamese or English: rule meanings, message wording and the words around them.

Checks write their messages in English (one place, the golden tests pin them); this module says them again
in Vietnamese. A message is matched by its rule and an English pattern whose groups are the facts (ids,
paths, numbers); the Vietnamese template puts the same facts in a Vietnamese sentence. A message without a
pattern yet is shown as the Vietnamese meaning of its rule followed by the English detail, so an editor
always reads what the problem is in Vietnamese, and nothing is ever lost.

The language: `--lang`, else the curriculum's source language when it is one of LANGUAGES, else English.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from .commands import Commands
    from .diagnostic import Diagnostic

LANGUAGES = ("vi", "en")

RULES_VI: dict[str, str] = {
    "yaml-syntax": "Tệp không đúng cú pháp YAML (thường do thụt lề, hoặc chữ có ':' hay ',' cần đặt trong ngoặc kép).",
    "yaml-split-text": "Chữ trong { } bị cắt ở dấu phẩy hoặc dấu hai chấm vì không đặt trong ngoặc kép.",
    "yaml-duplicate-key": "Một khoá xuất hiện hai lần trong cùng một khối; YAML sẽ lặng lẽ chỉ giữ lần cuối.",
    "file-unreadable": "Không đọc được tệp.",
    "file-not-regular": "Một tệp của chương trình học, hoặc thứ gì đó trong thư mục bài, là liên kết, ống hoặc "
                        "thiết bị: chỉ tệp thường mới được đọc và xuất bản.",
    "file-too-large": "Tệp lớn hơn mức mà bất kỳ bài học hay danh sách thật nào cần.",
    "yaml-alias": "Không được dùng neo và bí danh YAML (vài dòng có thể nở ra thành hàng tỉ giá trị).",
    "file-encoding": "Tệp không được lưu bằng mã UTF-8.",
    "missing-file": "Thiếu một tệp mà chương trình học cần.",
    "front-matter": "Bài học phải bắt đầu bằng phần đầu (front matter) nằm giữa hai dòng '---'.",
    "schema": "Một giá trị sai kiểu hoặc sai dạng, hoặc thiếu một khoá bắt buộc.",
    "unknown-key": "Một khoá mà lược đồ không biết (thường do gõ nhầm); khoá này bị bỏ qua.",
    "unknown-language": "Tệp được đặt tên theo một ngôn ngữ không có trong config.yml.",
    "lesson-folder": "Mã bài khác tên thư mục của bài.",
    "duplicate-id": "Hai mục cùng loại trùng mã.",
    "unknown-competence": "Mã năng lực không có trong khung năng lực.",
    "unknown-domain": "Mã lĩnh vực không có trong khung năng lực.",
    "unknown-level": "Mã bậc không có trong khung năng lực.",
    "unknown-tier": "Một bậc thuộc nhóm bậc không có trong khung năng lực.",
    "unknown-framework": "Bảng đối chiếu nêu một khung năng lực chưa được nạp.",
    "unknown-audience": "Mã đối tượng không có trong audiences.yml.",
    "unknown-lesson": "Khoá học liệt kê một bài không tồn tại.",
    "unknown-prerequisite": "Bài học yêu cầu học trước một bài không tồn tại.",
    "unknown-course": "Khoá học nối tiếp một khoá không tồn tại.",
    "prerequisite-cycle": "Các bài yêu cầu lẫn nhau thành vòng tròn, nên không bài nào học trước được.",
    "course-audience": "Khoá học có một bài không dành cho đối tượng của khoá.",
    "course-order": "Khoá học xếp một bài trước bài phải học trước nó.",
    "course-duplicate-lesson": "Khoá học liệt kê cùng một bài hai lần.",
    "lesson-too-long": "Bài học dài hơn thời lượng cho phép trong config.yml.",
    "quiz-choices": "Câu hỏi có quá ít lựa chọn, hoặc một lựa chọn hai lần.",
    "quiz-single-answer": "Câu hỏi một đáp án hoặc đúng/sai không có đúng một đáp án đúng.",
    "quiz-multiple-answer": "Câu hỏi nhiều đáp án không có đáp án đúng nào.",
    "quiz-order": "Đáp án của câu hỏi sắp xếp không chứa mỗi lựa chọn đúng một lần.",
    "quiz-order-shown": "Câu hỏi sắp xếp hiện các bước đã đúng thứ tự sẵn.",
    "quiz-unknown-choice": "Đáp án hoặc lời câu hỏi nhắc tới một lựa chọn mà câu hỏi không có.",
    "quiz-unknown-question": "Tệp lời câu hỏi có lời cho một câu hỏi mà quiz.yml không có.",
    "quiz-competence": "Câu hỏi đánh giá một năng lực mà bài học không dạy.",
    "quiz-text-missing": "Một câu hỏi hoặc lựa chọn chưa có lời trong một ngôn ngữ mà bài đã viết.",
    "missing-source-text": "Bài học chưa có nội dung bằng ngôn ngữ gốc.",
    "translation-missing": "Bài học, câu hỏi hoặc từ điển chưa được dịch sang một ngôn ngữ (không bắt buộc: "
                           "trang hiện bản gốc kèm lời báo).",
    "translation-untracked": "Bản dịch không ghi nó dịch từ phiên bản nào của bản gốc.",
    "translation-outdated": "Bản gốc đã thay đổi sau khi được dịch.",
    "glossary-unknown-term": "Thuật ngữ không có trong từ điển của ngôn ngữ gốc.",
    "md-empty": "Bài học không có nội dung.",
    "md-placeholder": "Còn chữ giữ chỗ như TODO trong bài.",
    "md-heading-skip": "Tiêu đề nhảy cóc cấp, hoặc một phần dùng tiêu đề cấp 1.",
    "md-broken-link": "Liên kết trỏ tới tệp hoặc bài không tồn tại.",
    "md-broken-anchor": "Liên kết trỏ tới một tiêu đề không tồn tại.",
    "md-missing-image": "Thiếu tệp hình ảnh.",
    "md-image-alt": "Hình ảnh chưa có lời mô tả cho người không nhìn thấy.",
    "md-image-size": "Hình ảnh lớn hơn dung lượng cho phép trong config.yml.",
    "md-summary-missing": "Bài học chưa có tóm tắt (summary), câu hiện trong danh sách bài và kết quả tìm kiếm.",
    "text-wrong-language": "Đoạn văn có vẻ viết bằng ngôn ngữ khác với ngôn ngữ của tệp.",
    "text-starter": "Còn nguyên câu mẫu do scripts/new_lesson.py viết sẵn: người học sẽ đọc câu chung chung này.",
    "text-not-nfc": "Chữ không ở dạng Unicode NFC, làm hỏng tìm kiếm và sắp xếp tiếng Việt.",
    "unsafe-html": "HTML mà bộ lọc sẽ xoá khỏi trang: thẻ, thuộc tính, lớp hoặc kiểu ngoài danh sách cho phép "
                   "(script, trình xử lý sự kiện, biểu mẫu, khung, SVG, kiểu che trang).",
    "unsafe-url": "Địa chỉ có giao thức khác https, http, mailto hoặc tel (javascript:, data:, file: ...), hoặc "
                  "địa chỉ nguồn không phải địa chỉ web thông thường.",
    "image-outside-lesson": "Bài học trỏ tới tệp ngoài thư mục của bài (../, đường dẫn tuyệt đối).",
    "image-format": "Nội dung hình không đúng định dạng mà tên tệp nói, hoặc không phải định dạng trang web dùng.",
    "image-dimensions": "Hình có nhiều điểm ảnh hơn màn hình điện thoại hiện được (quá 4096 mỗi cạnh hoặc 16 "
                        "megapixel).",
    "svg-unsafe": "Hình SVG chứa script, trình xử lý sự kiện, HTML, kiểu, DOCTYPE hoặc tham chiếu tới tệp khác.",
    "external-resource": "Có thứ sẽ được tải từ máy chủ khác.",
    "html-in-text": "Trường chữ thường (tiêu đề, lời câu hỏi, từ điển, khoá học, đối tượng) chứa HTML, sẽ hiện "
                    "nguyên văn.",
    "hidden-character": "Ký tự ẩn đổi chiều chữ hoặc ký tự điều khiển, có thể dùng để nguỵ trang một địa chỉ.",
    "handout-layout": "Bản in có lỗi trình bày: tiêu đề nằm một mình cuối trang, câu hỏi hay bảng bị cắt sang "
                      "trang sau, trang cuối gần như trống, hoặc lời dặn cách trả lời in hai lần.",
    "handout-reference": "Phiếu học tập in ra nhắc tới một phần của bài không có trên giấy (\"xem phần trên\").",
    "teacher-timing": "Các hoạt động trong phần dành cho giáo viên không khớp buổi học 45 và 90 phút.",
    "teacher-mismatch": "Bản dịch phần dành cho giáo viên có hoạt động hoặc số phút khác bản ngôn ngữ gốc.",
    "link-text-mismatch": "Chữ của liên kết ghi một địa chỉ web nhưng liên kết lại mở trang khác.",
    "lesson-too-wordy": "Bài học cơ bản dài quá 600 âm tiết: người mới học khó theo kịp.",
    "quiz-explanation-missing": "Câu hỏi chưa có phần giải thích vì sao đáp án đúng.",
    "quiz-feedback-missing": "Có lựa chọn chưa có lời nhận xét (vì sao đúng hay sai).",
    "quiz-longest-answer": "Trong bài, đáp án đúng thường dài hơn hẳn các lựa chọn khác: người học đoán được.",
    "quiz-order-untaught": "Câu hỏi sắp xếp có nhiều bước hơn danh sách đánh số dài nhất trong bài.",
    "too-deep": "Danh sách hoặc trích dẫn lồng nhau quá sâu.",
    "too-much-html": "Bài học chứa quá nhiều HTML thô, làm treo việc dựng trang.",
    "coverage-untaught": "Một đối tượng phải đạt một bậc năng lực mà không bài nào cho đối tượng đó dạy.",
    "coverage-unassessed": "Không câu hỏi nào kiểm tra một năng lực mà một đối tượng phải đạt.",
    "handout-too-long": "Tài liệu in cho người học của bài cần hơn hai trang A4.",
    "handout-image": "Hình trong tài liệu in bị thiếu, không tải được hoặc quá lớn so với trang.",
}

# Per rule: (English pattern of the message, Vietnamese template). Groups are the facts, kept as written.
_MESSAGES_VI: dict[str, list[tuple[str, str]]] = {
    "translation-outdated": [(r"out of date: (\S+) changed since it was translated",
                              r"bản dịch đã cũ: \1 đã sửa sau khi dịch")],
    "translation-untracked": [(r"does not say which version of (\S+) it translates",
                               r"bản dịch không ghi nó theo phiên bản nào của \1")],
    "translation-missing": [
        (r"lesson '(.+)' has no (.+) \((\S+)\) translation$", r"bài '\1' chưa có bản dịch \2 (\3)"),
        (r"the quiz of lesson '(.+)' has no (.+) \((\S+)\) wording$",
         r"câu hỏi của bài '\1' chưa có lời \2 (\3)"),
        (r"there is no (.+) glossary$", r"chưa có từ điển \1"),
        (r"glossary term '(.+)' has no (.+) entry$", r"thuật ngữ '\1' chưa có mục \2"),
    ],
    "missing-source-text": [(r"lesson '(.+)' has no text in the source language \((\S+)\)",
                             r"bài '\1' chưa có nội dung bằng ngôn ngữ gốc (\2)")],
    "md-broken-link": [(r"link to '(.+)', which does not exist$", r"liên kết tới '\1', nơi không tồn tại")],
    "md-broken-anchor": [
        (r"link to '#(.+)', but no heading on this page has it$", r"liên kết tới '#\1' nhưng trang này không có "
                                                                    r"tiêu đề đó"),
        (r"link to '(.+)', but that lesson has no heading '#(.+)'$", r"liên kết tới '\1' nhưng bài đó không có "
                                                                     r"tiêu đề '#\2'"),
    ],
    "md-missing-image": [(r"image '(.+)' of question '(.+)' not found$", r"không tìm thấy hình '\1' của câu hỏi '\2'"),
                         (r"image '(.+)' not found$", r"không tìm thấy hình '\1'")],
    "md-image-alt": [(r"image '(.+)' has no alt text$", r"hình '\1' chưa có lời mô tả (alt)")],
    "md-image-size": [(r"image '(.+)' is (\d+) KB, over the (\d+) KB budget$",
                       r"hình '\1' nặng \2 KB, quá mức \3 KB")],
    "md-placeholder": [(r"placeholder text left in the lesson: '(.*)'$", r"còn chữ giữ chỗ trong bài: '\1'")],
    "md-empty": [(r"lesson '(.+)' has no text in (\S+)$", r"bài '\1' chưa có nội dung trong \2")],
    "md-heading-skip": [
        (r"level-1 heading '(.+)': the lesson title is already the page heading$",
         r"tiêu đề cấp 1 '\1': tên bài đã là tiêu đề cấp 1 của trang"),
        (r"heading '(.+)' jumps from level (\d) to (\d)$", r"tiêu đề '\1' nhảy từ cấp \2 lên cấp \3"),
    ],
    "md-summary-missing": [(r"lesson '(.+)' has no summary$", r"bài '\1' chưa có tóm tắt (summary)")],
    "text-wrong-language": [(r"this paragraph looks like (.+), not (.+)$", r"đoạn này có vẻ là \1, không phải \2")],
    "text-starter": [(r"starter text from new_lesson\.py left unchanged: '(.*)'$",
                      r"câu mẫu của new_lesson.py chưa được thay: '\1'")],
    "text-not-nfc": [(r"text is not in Unicode NFC", r"chữ không ở dạng Unicode NFC (dấu bị tách rời)")],
    "unknown-audience": [(r"unknown audience '(.+)'$", r"không có đối tượng '\1'")],
    "unknown-competence": [(r"unknown competence '(.+)'$", r"không có năng lực '\1'")],
    "unknown-level": [(r"unknown level '(.+)'$", r"không có bậc '\1'")],
    "unknown-lesson": [(r"unknown lesson '(.+)'$", r"không có bài '\1'")],
    "unknown-prerequisite": [(r"unknown prerequisite '(.+)'$", r"không có bài học trước '\1'")],
    "unknown-course": [(r"unknown course '(.+)'$", r"không có khoá học '\1'")],
    "unknown-domain": [(r"unknown domain '(.+)'$", r"không có lĩnh vực '\1'")],
    "unknown-tier": [(r"unknown tier '(.+)'$", r"không có nhóm bậc '\1'")],
    "unknown-framework": [(r"unknown framework '(.+)'$", r"không có khung năng lực '\1'")],
    "unknown-key": [(r"unknown key '(.+)' at (\S+)$", r"khoá lạ '\1' tại \2")],
    "schema": [(r"missing required key '(.+)' at (\S+)$", r"thiếu khoá bắt buộc '\1' tại \2")],
    "yaml-duplicate-key": [(r"key '(.+)' appears twice in the same mapping \(first on line (\d+)\)$",
                            r"khoá '\1' xuất hiện hai lần trong cùng một khối (lần đầu ở dòng \2)")],
    "yaml-syntax": [(r"YAML syntax error: (.*)$", r"lỗi cú pháp YAML: \1")],
    "quiz-single-answer": [(r"single-choice question '(.+)' has (\d+) correct answers$",
                            r"câu hỏi một đáp án '\1' có \2 đáp án đúng")],
    "quiz-multiple-answer": [(r"multiple-choice question '(.+)' has no correct answer$",
                              r"câu hỏi nhiều đáp án '\1' không có đáp án đúng nào")],
    "quiz-unknown-choice": [(r"answer '(.+)' of question '(.+)' is not one of its choices$",
                             r"đáp án '\1' của câu hỏi '\2' không nằm trong các lựa chọn")],
    "quiz-text-missing": [(r"question '(.+)' has no wording in (\S+)$", r"câu hỏi '\1' chưa có lời trong \2"),
                          (r"choice '(.+)' of question '(.+)' has no text$",
                           r"lựa chọn '\1' của câu hỏi '\2' chưa có lời")],
    "quiz-competence": [(r"question '(.+)' assesses (\S+), which this lesson does not teach$",
                         r"câu hỏi '\1' đánh giá năng lực \2 mà bài này không dạy")],
    "lesson-too-long": [(r"lesson '(.+)' takes (\d+) minutes, more than the (\d+)-minute budget$",
                         r"bài '\1' mất \2 phút, quá mức \3 phút")],
    "course-order": [(r"lesson '(.+)' comes before its prerequisite '(.+)' in course '(.+)'$",
                      r"bài '\1' đứng trước bài phải học trước nó '\2' trong khoá '\3'")],
    "course-duplicate-lesson": [(r"lesson '(.+)' appears twice in course '(.+)'$",
                                 r"bài '\1' xuất hiện hai lần trong khoá '\2'")],
    "course-audience": [(r"lesson '(.+)' is in a course for '(.+)' but does not list that audience$",
                         r"bài '\1' nằm trong khoá cho '\2' nhưng không ghi đối tượng đó")],
    "prerequisite-cycle": [(r"prerequisites form a cycle: (.+)$", r"các bài học trước tạo thành vòng tròn: \1")],
    "lesson-folder": [(r"lesson id '(.+)' differs from its folder name '(.+)'$",
                       r"mã bài '\1' khác tên thư mục '\2'")],
    "file-encoding": [(r"file is not valid UTF-8", r"tệp không phải UTF-8 hợp lệ")],
    "front-matter": [(r"the file does not start with front matter", r"tệp không bắt đầu bằng phần đầu '---'")],
}

# Hints (text in parentheses) that recur; the rest are shown in English.
_HINTS_VI: list[tuple[str, str]] = [
    (r"^did you mean '(.+)'\?$", r"có phải ý bạn là '\1'?"),
    (r"^did you mean (.+)\?$", r"có phải ý bạn là \1?"),
    (r"^update the translation to match (\S+) \(see: (.+)\), then set translated_from: (\w+)$",
     r"sửa bản dịch cho khớp \1 (xem thay đổi: \2), rồi đặt translated_from: \3"),
    (r"^after checking it matches (\S+), add translated_from: (\w+)$",
     r"sau khi kiểm tra bản dịch khớp \1, thêm translated_from: \2"),
    (r"^optional: translate (\S+) into (\S+) and set translated_from: (\w+)$",
     r"không bắt buộc: dịch \1 sang \2 và đặt translated_from: \3; trước đó trang hiện bản gốc kèm lời báo"),
    (r"^translate (\S+) into (\S+)$", r"dịch \1 sang \2"),
    (r"^write (\S+) first; translations follow it$", r"viết \1 trước; bản dịch theo sau"),
    (r"^replace it with the real content$", r"thay bằng nội dung thật"),
    (r"^start sections with '## '$", r"bắt đầu mỗi phần bằng '## '"),
    (r"^use (#+) here so screen-reader users can follow the structure$",
     r"dùng \1 ở đây để người dùng trình đọc màn hình theo được cấu trúc"),
    (r"^describe what the picture shows: (.+)$", r"mô tả hình cho thấy gì: \1"),
    (r"^put the file in (\S+) or fix the name( \(names are case-sensitive\))?$",
     r"đặt tệp vào \1 hoặc sửa tên (phân biệt chữ hoa, chữ thường)"),
    (r"^anchors there: (.+)$", r"các neo ở đó: \1"),
    (r"^that page has no headings to link to$", r"trang đó không có tiêu đề nào để liên kết"),
    (r"^link to another lesson as \.\./lesson-id/ or \.\./lesson-id/vi\.md \(check the spelling\)$",
     r"liên kết tới bài khác dạng ../ma-bai/ hoặc ../ma-bai/vi.md (kiểm tra chính tả)"),
    (r"^did you mean the lesson '(.+)'\? link to it as (\S+)$", r"có phải ý bạn là bài '\1'? viết \2"),
    (r"^add a one-sentence summary: to the front matter$", r"thêm một câu summary: vào phần đầu (front matter)"),
    (r"^write the lesson below the front matter$", r"viết bài bên dưới phần đầu (front matter)"),
    (r"^learners pay per MB: resize it \(at most 800 px wide\) and save as WebP or SVG$",
     r"người học trả tiền theo MB: thu nhỏ hình (rộng tối đa 800 px) và lưu dạng WebP hoặc SVG"),
    (r"^give exactly one choice id in answer, or use type: multiple$",
     r"ghi đúng một mã lựa chọn trong answer, hoặc dùng type: multiple"),
    (r"^list at least one choice id in answer$", r"ghi ít nhất một mã lựa chọn trong answer"),
    (r"^use the id \(folder name\) of another lesson$", r"dùng mã (tên thư mục) của một bài khác"),
    (r"^rename the folder to '(.+)' or set id: (.+)$", r"đổi tên thư mục thành '\1' hoặc đặt id: \2"),
    (r"^add questions: (\S+): prompt: \.\.\. to (\S+)$", r"thêm questions: \1: prompt: ... vào \2"),
    (r"^split it into shorter lessons: adults learn best in short sessions$",
     r"chia thành các bài ngắn hơn: người lớn học tốt nhất trong các buổi ngắn"),
    (r"^save the file as UTF-8 \(most editors: 'Save with encoding'\)$",
     r"lưu tệp bằng mã UTF-8 (trong hầu hết trình soạn thảo: 'Save with encoding')"),
    (r"^assess a competence listed in lesson\.yml, or add it there$",
     r"đánh giá một năng lực có trong lesson.yml, hoặc thêm năng lực đó vào lesson.yml"),
    (r"^write this paragraph in (.+) \(or move it to the (\S+) file\)$",
     r"viết đoạn này bằng \1 (hoặc chuyển nó sang tệp \2)"),
    (r"^replace it with the lesson's own content$", r"thay bằng nội dung riêng của bài"),
    (r"^check indentation and quoting on this line and the one above; (.+)$",
     r"kiểm tra thụt lề và dấu ngoặc kép ở dòng này và dòng trên; chữ có ':' hoặc '#' cần đặt trong ngoặc kép"),
    (r"^keep one of them; YAML would silently drop the first$", r"giữ một; YAML sẽ lặng lẽ bỏ cái đầu"),
    (r"^keep it once$", r"chỉ giữ một lần"),
    (r"^move '(.+)' above '(.+)'$", r"chuyển '\1' lên trên '\2'"),
    (r"^use one of: (.+)$", r"dùng một trong: \1"),
]

_COMPILED_MESSAGES = {rule: [(re.compile(p), t) for p, t in pairs] for rule, pairs in _MESSAGES_VI.items()}
_COMPILED_HINTS = [(re.compile(p), t) for p, t in _HINTS_VI]

_WORDS = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "FAILED": "CÓ LỖI", "OK": "ĐẠT"},
    "en": {"error": "error", "warning": "warning", "FAILED": "FAILED", "OK": "OK"},
}


def rule_meaning(rule: str, lang: str) -> str:
    from .rules import RULES

    if lang == "vi" and rule in RULES_VI:
        return RULES_VI[rule]
    return RULES.get(rule, "")


def localize(d: Diagnostic, lang: str) -> tuple[str, str]:
    """(message, hint) of `d` in `lang`."""
    if lang != "vi":
        return d.message, d.hint
    message = None
    for pattern, template in _COMPILED_MESSAGES.get(d.rule, ()):
        if found := pattern.search(d.message):
            message = found.expand(template)
            break
    if message is None:
        meaning = RULES_VI.get(d.rule, "").rstrip(".")
        message = f"{meaning}: {d.message}" if meaning else d.message
    hint = d.hint
    for pattern, template in _COMPILED_HINTS:
        if found := pattern.search(d.hint):
            hint = found.expand(template)
            break
    return _names_vi(message), _names_vi(hint)


_LANGUAGE_NAMES_VI = {"Vietnamese": "tiếng Việt", "English": "tiếng Anh"}


def _names_vi(text: str) -> str:
    for english, vietnamese in _LANGUAGE_NAMES_VI.items():
        text = text.replace(f"bằng {english}", f"bằng {vietnamese}").replace(f"là {english}", f"là {vietnamese}")
        text = text.replace(f"phải {english}", f"phải {vietnamese}").replace(f"dịch {english}", f"dịch {vietnamese}")
        text = text.replace(f"lời {english}", f"lời {vietnamese}").replace(f"mục {english}", f"mục {vietnamese}")
        text = text.replace(f"điển {english}", f"điển {vietnamese}")
    return text


def severity_word(severity: str, lang: str) -> str:
    return _WORDS.get(lang, _WORDS["en"]).get(severity, severity)


def summary_line(errors: int, warnings: int, files: int, lang: str) -> str:
    if lang == "vi":
        verdict = "CÓ LỖI" if errors else "ĐẠT"
        return f"{verdict}: {errors} lỗi, {warnings} cảnh báo trong {files} tệp đã kiểm tra"
    verdict = "FAILED" if errors else "OK"
    return (f"{verdict}: {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''} in {files} files checked")


def more_line(rule: str, count: int, lang: str, total: int = 0, common: Sequence[tuple[str, int]] = ()) -> str:
    """The problems of one rule left out, summed up by cause: how many in all, and the values met most often
    (421 × unknown-level with 'CB1' ×300 says at once that the lessons use another framework's levels)."""
    values = ", ".join(f"'{value}' ×{n}" for value, n in common)
    if lang == "vi":
        cause = f" — tổng {total} chỗ; gặp nhiều nhất: {values}" if values else ""
        return f"… và {count} chỗ nữa cùng lỗi [{rule}]{cause} (xem hết: thêm --all)"
    cause = f" — {total} in all; most often: {values}" if values else ""
    return f"… and {count} more [{rule}]{cause} (show them all: add --all)"


def next_steps(errors: int, warnings: int, lang: str, commands: Commands) -> str:
    """What to do next, after the summary line of a run in a terminal or the commit hook: in the commands of the
    project it runs in (`make validate` here, `hocvuso validate` in a site of its own)."""
    guide = commands.rules  # the guide with the table of rule ids, if the project has one
    if lang == "vi":
        rules = f" Tra mã quy tắc trong {guide}." if guide else ""
        if errors:
            return (f"Tiếp theo: sửa từng lỗi ở tệp:dòng đã nêu, lưu, rồi chạy lại `{commands.validate}` (hoặc commit "
                    f"lại). Lỗi chặn commit và bản dựng; cảnh báo thì không.{rules}")
        if warnings:
            return f"Cảnh báo không chặn gì: có thể commit; sửa khi có thể.{rules}"
        return ""
    rules = f" Rule ids: {guide}." if guide else ""
    if errors:
        return (f"Next: fix each error at the file:line shown, save, and run `{commands.validate}` again (or commit "
                f"again). Errors block the commit and the build; warnings do not.{rules}")
    if warnings:
        return f"Warnings block nothing: you can commit; fix them when you can.{rules}"
    return ""


def message_language(root: Path | str, flag: str | None = None) -> str:
    """`flag` if given, else the source language of `root`/curriculum/config.yml when we have words for it."""
    if flag in LANGUAGES:
        return flag
    try:
        config = yaml.safe_load((Path(root) / "curriculum" / "config.yml").read_text("utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return "en"
    lang = config.get("source_language") if isinstance(config, dict) else None
    return lang if lang in LANGUAGES else "en"
