"""Write tests/golden/<name>.yml from the cases below, with the validator's current output as `expect`.

Run it only when a message changed on purpose, then read every diff before committing: the golden files
are the reviewed specification of what editors see.  `python tests/regen_golden.py [name ...]`
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.golden_cases import apply_edits, report

HERE = Path(__file__).resolve().parent
L1 = "curriculum/lessons/hello-phone"
L2 = "curriculum/lessons/safe-pay"

TEACHER_VI = """objectives:
  knowledge: [Biết nút nguồn ở đâu.]
  skills: [Tự bật và tắt điện thoại.]
materials:
  teacher: [Một điện thoại để làm mẫu.]
activities:
  - title: Làm mẫu và thực hành
    minutes: [30, 70]
    goal: Người học tự bật máy.
    content: Nhấn giữ nút nguồn.
    product: Mỗi người bật được máy của mình.
    organise: [Làm mẫu một lần, rồi từng người tự làm.]
  - title: Tóm tắt
    minutes: [15, 20]
    goal: Nhớ lại các bước.
    content: Nhắc lại các bước.
    product: Người học nói lại được các bước.
    organise: [Hỏi từng người.]
"""

CASES: dict[str, tuple[str, list[dict[str, Any]]]] = {
    "yaml-syntax": ("bad indentation in lesson.yml", [
        {"file": f"{L1}/lesson.yml", "replace": ["duration: 20\n", "  duration: 20\n"]}]),
    "yaml-syntax-flow": ("a comma inside an unquoted flow mapping value", [
        {"file": f"{L1}/quiz.vi.yml", "replace": ["feedback: Đúng.}", "feedback: Đúng, rất tốt: giỏi.}"]}]),
    "yaml-duplicate-key": ("the same key twice", [
        {"file": f"{L1}/lesson.yml", "replace": ["duration: 20\n", "duration: 20\nduration: 25\n"]}]),
    "schema": ("wrong type and a missing required key", [
        {"file": f"{L1}/lesson.yml", "replace": ["duration: 20\n", "duration: twenty\n"]},
        {"file": f"{L2}/lesson.yml", "replace": ["audiences: [citizens, older-people]\n", ""]}]),
    "unknown-key": ("a key the schema does not know", [
        {"file": f"{L1}/lesson.yml", "replace": ["duration: 20\n", "duration: 20\nduraton: 25\n"]}]),
    "duplicate-id": ("two courses with the same id", [
        {"file": "curriculum/courses/basics-copy.yml",
         "write": "id: basics\naudience: citizens\nlevel: CB1\ntitle: {vi: Bản sao, en: Copy}\n"
                  "lessons: [hello-phone]\n"}]),
    "unknown-competence": ("a competence the framework lacks", [
        {"file": f"{L1}/lesson.yml", "replace": ['{id: "4.1", level: CB1}', '{id: "4.9", level: CB1}']}]),
    "unknown-level": ("a level the framework lacks", [
        {"file": f"{L1}/lesson.yml", "replace": ['{id: "4.1", level: CB1}', '{id: "4.1", level: CB3}']}]),
    "unknown-audience": ("a misspelt audience", [
        {"file": f"{L2}/lesson.yml", "replace": ["[citizens, older-people]", "[citizen, older-people]"]}]),
    "unknown-lesson": ("a course lists a missing lesson", [
        {"file": "curriculum/courses/basics.yml", "replace": ["[hello-phone, safe-pay]", "[hello-phon, safe-pay]"]}]),
    "unknown-prerequisite": ("a prerequisite that does not exist", [
        {"file": f"{L2}/lesson.yml", "replace": ["prerequisites: [hello-phone]", "prerequisites: [intro]"]}]),
    "unknown-course": ("a course follows a missing course", [
        {"file": "curriculum/courses/basics.yml", "replace": ["lessons:", "after: [advanced]\nlessons:"]}]),
    "unknown-domain": ("an audience requires a missing domain", [
        {"file": "curriculum/audiences.yml", "replace": ['{"0": CB1, "4": CB1}', '{"0": CB1, "4": CB1, "7": CB1}']}]),
    "unknown-tier": ("a level in a missing tier", [
        {"file": "curriculum/framework.yml", "replace": ["{id: CB2, rank: 2, tier: basic,",
                                                         "{id: CB2, rank: 2, tier: expert,"]}]),
    "unknown-framework": ("a crosswalk to a missing framework", [
        {"file": "curriculum/frameworks/digcomp.yml",
         "write": "id: digcomp\nname: {en: DigComp}\ncrosswalk_to: nope\nsource: [{title: DigComp, url: "
                  "https://example.org/d}]\nlevels: [{id: FO1, rank: 1, name: {en: F1}}]\ndomains:\n  - id: \"4\"\n"
                  "    name: {en: Safety}\n"
                  "    competences: [{id: \"4.1\", name: {en: Devices}, maps_to: [\"4.1\"]}]\n"}]),
    "prerequisite-cycle": ("two lessons require each other", [
        {"file": f"{L1}/lesson.yml", "replace": ["prerequisites: []", "prerequisites: [safe-pay]"]}]),
    "quiz-single-answer": ("a single-choice question with two answers", [
        {"file": f"{L1}/quiz.yml", "replace": ["answer: hold", "answer: [hold, tap]"]}]),
    "quiz-multiple-answer": ("a multiple-choice question with no answer", [
        {"file": f"{L2}/quiz.yml", "replace": ["answer: [nobody, me]", "answer: []"]}]),
    "quiz-order": ("an ordering answer that misses a step", [
        {"file": f"{L2}/quiz.yml", "replace": ["type: multiple", "type: order"]},
        {"file": f"{L2}/quiz.yml", "replace": ["answer: [nobody, me]", "answer: [nobody, me, me]"]}]),
    "quiz-order-shown": ("an ordering question already in order", [
        {"file": f"{L2}/quiz.yml", "replace": ["type: multiple", "type: order"]},
        {"file": f"{L2}/quiz.yml", "replace": ["answer: [nobody, me]", "answer: [bank, nobody, me]"]}]),
    "quiz-unknown-choice": ("an answer that is not a choice", [
        {"file": f"{L1}/quiz.yml", "replace": ["answer: hold", "answer: hlod"]}]),
    "quiz-choices": ("a question with one choice", [
        {"file": f"{L1}/quiz.yml", "replace": ["choices: [hold, tap]", "choices: [hold]"]}]),
    "quiz-competence": ("a question about a competence the lesson does not teach", [
        {"file": f"{L1}/quiz.yml", "replace": ['competence: "4.1"', 'competence: "4.2"']}]),
    "quiz-explanation-missing": ("a question that does not say why its answer is right", [
        {"file": f"{L1}/quiz.en.yml", "replace": ["    explanation: Holding the power button for a few seconds "
                                                  "starts the phone.\n", ""]}]),
    "quiz-feedback-missing": ("a wrong choice that does not say why it is wrong", [
        {"file": f"{L2}/quiz.en.yml", "replace": ["bank: {text: The bank, feedback: Banks never ask for an OTP "
                                                  "code.}", "bank: {text: The bank}"]}]),
    "quiz-longest-answer": ("both single-choice questions of a lesson have a much longer right answer", [
        {"file": f"{L1}/quiz.yml", "replace": ["questions:\n", "questions:\n  - id: shut-down\n    type: single\n"
                                               "    competence: \"0.1\"\n    level: CB1\n"
                                               "    choices: [hold, drop]\n    answer: hold\n"]},
        {"file": f"{L1}/quiz.vi.yml", "replace": ["questions:\n", "questions:\n  shut-down:\n"
                                                  "    prompt: Tắt điện thoại thế nào?\n    choices:\n"
                                                  "      hold: {text: Nhấn giữ nút nguồn rồi chọn Tắt nguồn, "
                                                  "feedback: Đúng.}\n"
                                                  "      drop: {text: Tháo pin, feedback: Không cần tháo pin.}\n"
                                                  "    explanation: Tắt bằng nút nguồn.\n"]},
        {"file": f"{L1}/quiz.en.yml", "replace": ["questions:\n", "questions:\n  shut-down:\n"
                                                  "    prompt: How do you switch the phone off?\n    choices:\n"
                                                  "      hold: {text: Hold the power button and choose Power off, "
                                                  "feedback: Right.}\n"
                                                  "      drop: {text: Pull out the battery, feedback: No need.}\n"
                                                  "    explanation: Use the power button.\n"]},
        # The English text records the new Vietnamese wording, so only the quiz problem is reported.
        {"file": f"{L1}/en.md", "replace": ["translated_from: gkhpilhfbicc", "translated_from: mfnfnimhjljg"]}]),
    "quiz-order-untaught": ("an ordering question with three steps in a lesson that teaches two", [
        {"file": f"{L2}/quiz.yml", "replace": ["type: multiple", "type: order"]},
        {"file": f"{L2}/quiz.yml", "replace": ["answer: [nobody, me]", "answer: [me, nobody, bank]"]}]),
    "quiz-text-missing": ("a question without English wording", [
        {"file": f"{L1}/quiz.en.yml", "replace": ["  lock:\n    prompt: You should set a screen lock.\n"
                                                  "    explanation: A screen lock protects the phone if it is lost.\n",
                                                  ""]}]),
    "quiz-unknown-question": ("wording for a question quiz.yml lacks", [
        {"file": f"{L2}/quiz.en.yml", "replace": ["questions:\n", "questions:\n  extra:\n    prompt: Why?\n"]}]),
    "translation-missing": ("a lesson without its required English text", [
        {"file": f"{L2}/en.md", "delete": True}]),
    "translation-outdated": ("the Vietnamese text changed after translation", [
        {"file": f"{L2}/vi.md", "replace": ["Kiểm tra tên người nhận.", "Kiểm tra kỹ tên người nhận."]}]),
    "translation-untracked": ("a translation that does not say what it follows", [
        {"file": f"{L2}/en.md", "replace": ["translated_from: onccoofglica\n", ""]}]),
    "missing-source-text": ("a lesson without Vietnamese text", [
        {"file": f"{L2}/vi.md", "delete": True}]),
    "glossary-unknown-term": ("an English term with no Vietnamese entry", [
        {"file": "curriculum/glossary/en.yml", "replace": ["terms:\n", "terms:\n  qr:\n    term: QR code\n"
                                                           "    definition: A square barcode.\n"]}]),
    "md-broken-link": ("a link to a lesson that does not exist", [
        {"file": f"{L1}/vi.md", "replace": ["../safe-pay/#luu-y-an-toan", "../safe-payy/"]}]),
    "md-broken-anchor": ("links to headings that do not exist", [
        {"file": f"{L1}/vi.md", "replace": ["../safe-pay/#luu-y-an-toan", "../safe-pay/#an-toan"]},
        {"file": f"{L2}/en.md", "replace": ["(#steps)", "(#step)"]}]),
    "md-missing-image": ("an image that is not there", [
        {"file": f"{L1}/vi.md", "replace": ["(phone.svg)", "(Phone.svg)"]}]),
    "md-image-alt": ("an image without alt text", [
        {"file": f"{L1}/en.md", "replace": ["![A phone with the power button on its right side]", "![]"]}]),
    "md-image-size": ("an image over the budget", [
        {"file": f"{L1}/phone.svg", "write": "<svg xmlns='http://www.w3.org/2000/svg'>" + " " * 3000 + "</svg>\n"}]),
    "md-heading-skip": ("a skipped heading level and a level-1 heading", [
        {"file": f"{L1}/vi.md", "replace": ["## Các bước", "#### Các bước"]},
        {"file": f"{L2}/vi.md", "replace": ["## Các bước", "# Các bước"]}]),
    "md-empty": ("a lesson text with nothing under the front matter", [
        {"file": f"{L2}/en.md", "write": "---\ntitle: Paying safely\nobjectives: [Pay.]\n"
                                         "translated_from: onccoofglica\n---\n\n"}]),
    "md-placeholder": ("placeholder text left in", [
        {"file": f"{L2}/en.md", "replace": ["Check the receiver's name.", "TODO: write this step"]}]),
    "text-not-nfc": ("tone marks typed as combining characters", [
        {"file": f"{L2}/vi.md", "replace": ["Kiểm tra tên", "Kiê\u0309m tra tên"]}]),
    "unsafe-html": ("a script tag, an inline handler, an attribute list and a page-covering style", [
        {"file": f"{L2}/en.md", "replace": ["## Safety notes\n", "## Safety notes\n\n<script>alert(1)</script>\n\n"
                                            "Click <b onclick=\"steal()\">here</b>.\n\n"
                                            "Read this first.\n{: autofocus onfocus=\"steal()\" }\n\n"
                                            "<div style=\"position:fixed;inset:0\">Your account is locked</div>\n"]}]),
    "unsafe-url": ("a javascript: link, one hidden by a character reference, and a bad source address", [
        {"file": f"{L2}/en.md", "replace": ["(#steps)", "(javascript:alert(1))"]},
        {"file": f"{L2}/en.md",
         "replace": ["## Steps\n", "## Steps\n\nSee <a href=\"&#106;avascript:x()\">this</a>.\n"]},
        {"file": f"{L2}/lesson.yml", "replace": ["url: https://example.org/source}",
                                                 "url: \"https://a.vn/\\\" onmouseover=\\\"x()\"}"]}]),
    "external-resource": ("a picture from another host", [
        {"file": f"{L2}/en.md", "replace": ["## Safety notes\n", "## Safety notes\n\n"
                                            "![A chart](https://cdn.example.com/chart.png)\n"]}]),
    "yaml-alias": ("a 1 KB 'billion laughs' of nested aliases in a quiz wording file", [
        {"file": f"{L2}/quiz.en.yml", "write": "a: &a [x, x, x, x, x, x, x, x, x]\n"
         + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
                   f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
                   for i in range(9))}]),
    "file-too-large": ("a lesson text of 70 KB", [
        {"file": f"{L2}/en.md", "replace": ["## Steps\n", "## Steps\n\n" + "Word " * 14_000 + "\n"]}]),
    "html-in-text": ("markup in a title, a quiz prompt written with YAML escapes, and a glossary definition", [
        {"file": f"{L2}/en.md", "replace": ["title: Paying safely", "title: Paying <img src=x onerror=alert(1)>"]},
        {"file": f"{L1}/quiz.en.yml", "replace": ["prompt: How do you switch on the phone?",
                                                  "prompt: \"How? \\u003cimg src=x onerror=alert(1)\\u003e\""]},
        {"file": "curriculum/glossary/en.yml", "replace": ["definition: A one-time code",
                                                           "definition: <b>A</b> one-time code"]}]),
    "link-text-mismatch": ("a link that shows an official address but opens another site", [
        {"file": f"{L2}/en.md", "replace": ["## Safety notes\n", "## Safety notes\n\n"
                                            "Check at [dichvucong.gov.vn](https://dichvucong-gov.vn.example.com/login)."
                                            "\n"]}]),
    "hidden-character": ("a right-to-left override that makes a fake address look real", [
        {"file": f"{L2}/en.md", "replace": ["1. Check the receiver's name.",
                                            "1. Check the receiver's name at vcb\u202env.moc.kcabnkv\u202c."]}]),
    "too-deep": ("a list nested forty levels deep", [
        {"file": f"{L2}/en.md", "replace": ["## Steps\n", "## Steps\n\n"
                                            + "".join("  " * i + "- a\n" for i in range(40))]}]),
    "too-much-html": ("thousands of unclosed tags (would make the build take minutes)", [
        {"file": f"{L2}/en.md", "replace": ["## Steps\n", "## Steps\n\n" + "<a " * 2000 + "\n"]}]),
    "coverage-untaught": ("older people must reach 4.2 CB2 but no lesson for them teaches it", [
        {"file": f"{L2}/lesson.yml", "replace": ["[citizens, older-people]", "[citizens]"]}]),
    "coverage-unassessed": ("the only question on 4.1 is removed", [
        {"file": f"{L1}/quiz.yml", "replace": ["  - id: lock\n    type: truefalse\n    competence: \"4.1\"\n"
                                               "    level: CB1\n    answer: true\n", ""]},
        {"file": f"{L1}/quiz.vi.yml", "replace": ["  lock:\n    prompt: Nên đặt khóa màn hình.\n    explanation: "
                                                  "Khóa màn hình bảo vệ điện thoại khi bị mất.\n", ""]},
        {"file": f"{L1}/quiz.en.yml", "replace": ["  lock:\n    prompt: You should set a screen lock.\n"
                                                  "    explanation: A screen lock protects the phone if it is lost.\n",
                                                  ""]}]),
    "missing-file": ("a lesson folder without lesson.yml", [
        {"file": "curriculum/lessons/draft/vi.md", "write": "---\ntitle: Nháp\nobjectives: [x]\n---\n\nNội dung.\n"}]),
    "lesson-folder": ("a lesson id that differs from its folder", [
        {"file": f"{L2}/lesson.yml", "replace": ["id: safe-pay", "id: safe-payment"]}]),
    "front-matter": ("a lesson text without front matter", [
        {"file": f"{L2}/en.md", "write": "## Steps\n\n1. Check the receiver's name.\n"}]),
    "unknown-language": ("a file for a language config.yml does not list", [
        {"file": f"{L2}/fr.md", "write": "---\ntitle: Payer\nobjectives: [x]\n---\n\nTexte.\n"}]),
    "file-encoding": ("a file saved in a legacy encoding", [
        {"file": f"{L2}/quiz.en.yml", "write_bytes_hex": "7175657374696f6e733a0a20207768"
                                                         "6f3a0a2020202070726f6d70743a2043e9\n"}]),
    "file-unreadable": ("a lesson text that is a folder", [
        {"file": f"{L2}/en.md", "delete": True}, {"file": f"{L2}/en.md/notes.txt", "write": "x"}]),
    "course-audience": ("a course with a lesson not meant for its audience", [
        {"file": "curriculum/courses/basics.yml", "replace": ["audience: citizens", "audience: older-people"]},
        {"file": f"{L2}/lesson.yml", "replace": ["[citizens, older-people]", "[citizens]"]}]),
    "course-order": ("a lesson before its prerequisite", [
        {"file": "curriculum/courses/basics.yml", "replace": ["[hello-phone, safe-pay]", "[safe-pay, hello-phone]"]}]),
    "course-duplicate-lesson": ("a lesson twice in a course", [
        {"file": "curriculum/courses/basics.yml", "replace": ["[hello-phone, safe-pay]",
                                                              "[hello-phone, safe-pay, hello-phone]"]}]),
    "lesson-too-wordy": ("a basic-level lesson with 649 syllables of text", [
        {"file": f"{L1}/vi.md", "replace": ["Một chiếc điện thoại.\n", "Một chiếc điện thoại. "
                                            + "Hãy sạc pin đầy trước khi học. " * 90 + "\n"]},
        {"file": f"{L1}/en.md", "replace": ["translated_from: gkhpilhfbicc", "translated_from: pdbbicnlnajm"]}]),
    "lesson-too-long": ("a lesson over the time budget", [
        {"file": f"{L1}/lesson.yml", "replace": ["duration: 20", "duration: 500"]}]),
    # Files of a lesson folder (hocvuso.assets): what the build would refuse to publish, and why.
    "file-not-regular": ("a picture and a lesson text that are links to files elsewhere, and a stray link", [
        {"file": f"{L2}/en.md", "symlink_to": "/etc/hostname"},
        {"file": f"{L1}/phone.svg", "symlink_to": "../../config.yml"},
        {"file": f"{L1}/notes.png", "symlink_to": "/etc/passwd"}]),
    "image-outside-lesson": ("a picture taken from another lesson's folder", [
        {"file": f"{L2}/chart.svg", "write": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n'},
        {"file": f"{L1}/en.md", "replace": ["(phone.svg)", "(../safe-pay/chart.svg)"]}]),
    "image-format": ("a .png file that is text", [
        {"file": f"{L1}/photo.png", "write": "this is not a picture\n"},
        {"file": f"{L1}/en.md", "replace": ["(phone.svg)", "(photo.png)"]}]),
    "image-dimensions": ("a PNG whose header claims 60000 × 60000 pixels", [
        {"file": f"{L1}/huge.png", "write_bytes_hex": "89504e470d0a1a0a0000000d494844520000ea600000ea6008020000000f"
                                                      "b0e2150000000849444154789c030000000001480689d20000000049454e44"
                                                      "ae426082"},
        {"file": f"{L1}/en.md", "replace": ["(phone.svg)", "(huge.png)"]}]),
    "svg-unsafe": ("an SVG picture with a script and an event handler", [
        {"file": f"{L1}/phone.svg", "write": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"\n'
                                             '     onload="steal()">\n<script>steal()</script>\n</svg>\n'}]),
    "md-summary-missing": ("a lesson without its one-sentence summary", [
        {"file": f"{L2}/vi.md", "replace": ["summary: Trả tiền trên điện thoại mà không bị lừa.\n", ""]}]),
    "text-wrong-language": ("an English sentence in vi.md, a Vietnamese copy in quiz.en.yml", [
        {"file": f"{L1}/vi.md", "replace": ["Một chiếc điện thoại.",
                                            "You need a phone that is charged and switched on."]},
        {"file": f"{L1}/quiz.en.yml", "write": "questions:\n  power:\n    prompt: Làm thế nào để bật điện thoại của "
                                                "bạn khi màn hình tắt?\n    choices:\n      hold: {text: Nhấn giữ nút "
                                                "nguồn vài giây}\n      tap: {text: Chạm vào màn hình một lần}\n"}]),
    "text-starter": ("starter sentences from new_lesson.py left in the lesson", [
        {"file": f"{L1}/vi.md", "replace": ["1. Nhấn giữ nút nguồn.", "1. Đọc hết các bước một lần trước khi làm."]}]),
    "md-broken-link-unlike": ("a link to a lesson id like no other (no suggestion)", [
        {"file": f"{L1}/en.md", "replace": ["(../safe-pay/", "(../banking-basics/"]}]),
    # Printing: these cases also write the handouts (see HANDOUT_CASES).
    "handout-too-long": ("a lesson whose learner handout needs three pages", [
        {"file": f"{L1}/en.md", "replace": ["2. See [how to pay safely]", "".join(
            f"{n}. Press the button and wait until the screen shows the next step.\n" for n in range(2, 60))
            + "60. See [how to pay safely]"]}]),
    "handout-image": ("an image taller than a printed page", [
        {"file": f"{L1}/phone.svg", "write": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="3000">'
                                             '<rect width="10" height="3000"/></svg>\n'}]),
    "handout-layout": ("a quiz prompt that prints two answering hints", [
        {"file": f"{L1}/quiz.en.yml", "replace": [
            "prompt: How do you switch on the phone?",
            "prompt: How do you switch on the phone? (Choose one) (Tick one box)"]}]),
    "teacher-timing": ("a teacher section whose activities do not fill the sessions", [
        {"file": f"{L1}/teacher.vi.yml",
         "write": TEACHER_VI.replace("minutes: [30, 70]", "minutes: [30, 60]").replace("minutes: [15, 20]",
                                                                                      "minutes: [0, 20]")}]),
    "teacher-mismatch": ("a translated teacher section with other minutes", [
        {"file": f"{L1}/teacher.vi.yml", "write": TEACHER_VI},
        {"file": f"{L1}/teacher.en.yml", "write": TEACHER_VI.replace("minutes: [30, 70]", "minutes: [25, 70]")
         .replace("minutes: [15, 20]", "minutes: [20, 20]")}]),
    "handout-reference": ("a printed step that points at a part of the lesson not on paper", [
        {"file": f"{L1}/en.md", "replace": ["1. Press and hold the power button.",
                                            "1. Press and hold the power button, as in the section above."]}]),
}
HANDOUT_CASES = {"handout-too-long", "handout-image", "handout-layout", "handout-reference"}


class _Literal(str):
    pass


def _literal(dumper: yaml.SafeDumper, data: _Literal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")


yaml.SafeDumper.add_representer(_Literal, _literal)


def run_case(edits: list[dict[str, Any]], handouts: bool = False, lang: str = "en") -> str:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(HERE / "fixtures" / "tiny", project)
        apply_edits(project, edits)
        return report(project, handouts=handouts, lang=lang)


def main(names: list[str]) -> None:
    for name, (description, edits) in CASES.items():
        if names and name not in names:
            continue
        printing = name in HANDOUT_CASES
        out = run_case(edits, printing)
        doc: dict[str, Any] = {"description": description, "edits": edits}
        if printing:
            doc["handouts"] = True
        doc["expect"] = _Literal(out)
        doc["expect_vi"] = _Literal(run_case(edits, printing, "vi"))
        (HERE / "golden" / f"{name}.yml").write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000), "utf-8")
        print(f"--- {name}\n{out}")


if __name__ == "__main__":
    main(sys.argv[1:])
