"""The catalogue of rule ids: stable names editors can search for, each with what it means.

Rule ids never change meaning once published; a new kind of problem gets a new id.
"""

from __future__ import annotations

RULES: dict[str, str] = {
    "yaml-syntax": "The file is not valid YAML (often indentation, or text with ':' or ',' that needs quotes).",
    "yaml-split-text": "Text inside { } was cut at a comma or colon because it was not in quotes.",
    "yaml-duplicate-key": "The same key appears twice in one mapping; YAML would silently keep only the last.",
    "file-unreadable": "The file could not be read.",
    "file-not-regular": "A curriculum file, or anything in a lesson folder, is a link, pipe or device: only regular "
                        "files are read or published.",
    "file-too-large": "A curriculum file is larger than any real lesson or list needs.",
    "yaml-alias": "YAML anchors and aliases are not allowed (a few lines of them can expand to billions of values).",
    "file-encoding": "The file is not saved as UTF-8.",
    "missing-file": "A file the curriculum needs is missing.",
    "front-matter": "A lesson text must start with front matter between '---' lines.",
    "schema": "A value has the wrong type or form, or a required key is missing.",
    "unknown-key": "A key the schema does not know (often a typo); it is ignored.",
    "unknown-language": "A file is named for a language that config.yml does not list.",
    "lesson-folder": "A lesson's id differs from its folder name.",
    "duplicate-id": "Two things of the same kind share an id.",
    "unknown-competence": "A competence code that the framework does not have.",
    "unknown-domain": "A domain code that the framework does not have.",
    "unknown-level": "A level id that the framework does not have.",
    "unknown-tier": "A level names a tier the framework does not have.",
    "unknown-framework": "A crosswalk names a framework that is not loaded.",
    "unknown-audience": "An audience id that audiences.yml does not have.",
    "unknown-lesson": "A course lists a lesson that does not exist.",
    "unknown-prerequisite": "A lesson requires a lesson that does not exist.",
    "unknown-course": "A course follows a course that does not exist.",
    "prerequisite-cycle": "Lessons require each other in a circle, so none could be taken first.",
    "course-audience": "A course includes a lesson that is not meant for the course's audience.",
    "course-order": "A course puts a lesson before one of its prerequisites.",
    "course-duplicate-lesson": "A course lists the same lesson twice.",
    "lesson-too-long": "A lesson is longer than the time budget in config.yml.",
    "lesson-too-wordy": "A basic-level (CB) lesson has more than 600 syllables (words) of body text in the source "
                        "language.",
    "quiz-choices": "A question has too few choices, or the same choice twice.",
    "quiz-single-answer": "A single-choice or true/false question does not have exactly one correct answer.",
    "quiz-multiple-answer": "A multiple-choice question has no correct answer.",
    "quiz-order": "An ordering question's answer is not every choice exactly once.",
    "quiz-order-shown": "An ordering question shows its steps already in the right order.",
    "quiz-unknown-choice": "An answer or a wording refers to a choice the question does not have.",
    "quiz-unknown-question": "A quiz wording file has text for a question quiz.yml does not have.",
    "quiz-competence": "A question assesses a competence its lesson does not teach.",
    "quiz-explanation-missing": "A question has no explanation of why its answer is right.",
    "quiz-feedback-missing": "A choice of a single-choice, multiple-choice or ordering question has no feedback.",
    "quiz-longest-answer": "In most single-choice questions of a lesson (at least two), the right answer is much the "
                           "longest option (1.25 times the longest wrong one or more), so it can be guessed.",
    "quiz-order-untaught": "An ordering question has more steps than any numbered list of its lesson: order only "
                           "sequences the lesson teaches.",
    "quiz-text-missing": "A question or choice has no wording in a language the lesson is written in.",
    "missing-source-text": "A lesson has no text in the source language.",
    "translation-missing": "A lesson, quiz or glossary has no text in a configured language (optional: the page "
                           "shows the source text with a notice).",
    "translation-untracked": "A translation does not record which version of the source it follows.",
    "translation-outdated": "The source text changed after the translation was made.",
    "glossary-unknown-term": "A glossary term that the source-language glossary does not have.",
    "md-empty": "A lesson text has no content.",
    "md-placeholder": "Placeholder text such as TODO is left in a lesson.",
    "md-heading-skip": "Headings skip a level, or a section uses a level-1 heading.",
    "md-broken-link": "A link points to a file or lesson that does not exist.",
    "md-broken-anchor": "A link points to a heading that does not exist.",
    "md-missing-image": "An image file is missing.",
    "md-image-alt": "An image has no text alternative for people who cannot see it.",
    "md-image-size": "An image is larger than the size budget in config.yml.",
    "md-summary-missing": "A lesson has no summary, the sentence shown in lesson lists and search results.",
    "text-wrong-language": "A paragraph seems to be written in another language than its file's.",
    "text-starter": "Starter text written by scripts/new_lesson.py is left unchanged: learners would read it.",
    "text-not-nfc": "Text is not in Unicode NFC, which breaks search and sorting of Vietnamese.",
    "unsafe-html": "HTML the sanitiser removes from the published page: a tag, attribute, class or style outside "
                   "the allow-list (scripts, handlers, forms, frames, SVG, styles that cover the page).",
    "unsafe-url": "An address with a scheme other than https, http, mailto or tel (javascript:, data:, file: ...), "
                  "or a source address that is not a plain web address.",
    "image-outside-lesson": "A lesson refers to a file outside its own folder (../, an absolute path).",
    "image-format": "A picture's content is not the format its name says, or not a format the site publishes.",
    "image-dimensions": "A picture has more pixels than a phone can show (over 4096 a side or 16 megapixels).",
    "svg-unsafe": "An SVG picture holds a script, an event handler, HTML, a style, a DOCTYPE or a reference to "
                  "another file.",
    "external-resource": "Something would be loaded from another host.",
    "html-in-text": "A plain-text field (title, quiz wording, glossary, course, audience) contains HTML, which "
                    "would be shown as written.",
    "link-text-mismatch": "A link's text shows one web address but the link opens another site.",
    "hidden-character": "Invisible direction-changing or control characters, which can disguise an address.",
    "too-deep": "Lists or quotes nested too deeply for a lesson (and for the renderer).",
    "too-much-html": "A lesson holds so much raw HTML that rendering it would stall the build.",
    "coverage-untaught": "An audience must reach a level in a competence that no lesson for it teaches.",
    "coverage-unassessed": "No quiz question checks a competence an audience must reach.",
    "handout-too-long": "A lesson's printed learner handout needs more A4 pages than two (or than its declared "
                        "handout_pages).",
    "handout-layout": "A printed handout has a layout fault: a heading alone at a page foot, a question or a table "
                      "cut across pages, a nearly empty last page, or an answering hint printed twice.",
    "handout-reference": "A printed learner handout points at a part of the lesson that is not on paper "
                         "(\"see above\").",
    "teacher-timing": "The activities of a teacher section do not add up to the 45- and 90-minute sessions.",
    "teacher-mismatch": "A translated teacher section plans other activities or minutes than the source language's.",
    "handout-image": "An image in a printed handout is missing, cannot be loaded or is too large for the page.",
}
