/* Học vụ số: text size and read-aloud. ES2017, no framework, nothing sent anywhere. */
(function () {
  "use strict";
  var KEY = "hv-text-scale";
  // The site root, from this script's own address (…/assets/hocvuso.js): pages sit at different depths.
  var me = document.currentScript && document.currentScript.src;
  var ROOT = me ? me.replace(/assets\/hocvuso\.js(\?.*)?$/, "") : "";
  var root = document.documentElement;

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: size just won't persist */ }
  }
  function applyScale(scale) {
    root.style.setProperty("--hv-scale", String(scale));
  }

  var saved = parseFloat(read(KEY));
  var scale = saved >= 0.8 && saved <= 2 ? saved : 1;
  applyScale(scale);

  function setup() {
    var tools = document.querySelector("[data-hv-tools]");
    if (!tools) return;
    tools.hidden = false;
    Array.prototype.forEach.call(tools.querySelectorAll("[data-hv-size]"), function (button) {
      button.addEventListener("click", function () {
        var step = parseInt(button.getAttribute("data-hv-size"), 10) * 0.15;
        scale = Math.min(2, Math.max(0.8, Math.round((scale + step) * 100) / 100));
        applyScale(scale);
        write(KEY, String(scale));
      });
    });
    setupSpeech(tools.querySelector("[data-hv-speak]"));
  }

  // Read aloud only when the browser has a voice for the language of the text shown.
  function setupSpeech(button) {
    if (!button || !("speechSynthesis" in window) || !window.SpeechSynthesisUtterance) return;
    var article = document.querySelector("article[lang]") || document.querySelector(".md-content");
    var lang = ((article && article.getAttribute("lang")) || root.lang || "").toLowerCase();
    function voiceFor() {
      var voices = window.speechSynthesis.getVoices();
      for (var i = 0; i < voices.length; i++) {
        if ((voices[i].lang || "").toLowerCase().indexOf(lang) === 0) return voices[i];
      }
      return null;
    }
    function offer() {
      if (voiceFor()) button.hidden = false;
    }
    offer();
    window.speechSynthesis.addEventListener("voiceschanged", offer);
    var speaking = false;
    button.addEventListener("click", function () {
      if (speaking) {
        window.speechSynthesis.cancel();
        return;
      }
      var text = (article && article.innerText) || "";
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      utterance.voice = voiceFor();
      utterance.onend = utterance.onerror = function () {
        speaking = false;
        button.textContent = "🔊 " + button.getAttribute("data-hv-speak-label");
      };
      speaking = true;
      button.textContent = "⏹ " + button.getAttribute("data-hv-stop-label");
      window.speechSynthesis.speak(utterance);
    });
  }

  // --- Self-check quizzes and progress -------------------------------------------------------------------
  // Progress lives in localStorage under one key: {lessonId: {best, total, at}}. Nothing is sent anywhere,
  // and stored data that is missing, corrupt or of another shape is simply ignored.
  var PROGRESS = "hv-progress";
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function loadProgress() {
    try {
      var data = JSON.parse(read(PROGRESS) || "{}");
      return data && typeof data === "object" && !Array.isArray(data) ? data : {};
    } catch (e) { return {}; }
  }
  function entry(data, id) {
    var e = data[id];
    return e && typeof e === "object" && typeof e.best === "number" && typeof e.total === "number" ? e : null;
  }
  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  function setupQuiz(section) {
    var id = section.getAttribute("data-hv-quiz");
    var t = function (k) { return section.getAttribute("data-t-" + k) || ""; };
    var forms = section.querySelectorAll("form.hv-question");
    var score = section.querySelector(".hv-score");
    var retry = section.querySelector("[data-hv-retry]");
    var results = {};

    function showBest() {
      var e = entry(loadProgress(), id);
      if (e) { score.hidden = false; score.textContent = fill(t("best"), {score: e.best, total: e.total}); }
    }

    function update() {
      var done = 0, right = 0;
      for (var k in results) { done++; if (results[k]) right++; }
      score.hidden = false;
      score.textContent = fill(t("score"), {score: right, total: forms.length});
      retry.hidden = false;
      if (done === forms.length) {
        var data = loadProgress(), old = entry(data, id);
        data[id] = {best: Math.max(right, old ? old.best : 0), total: forms.length, at: Date.now()};
        write(PROGRESS, JSON.stringify(data));
      }
    }

    each(forms, function (form) {
      var out = form.querySelector(".hv-result");
      form.querySelector("[data-hv-check]").hidden = false;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var ok = true, answered = false, chosen = [];
        if (form.getAttribute("data-type") === "order") {
          answered = true;
          each(form.querySelectorAll("select"), function (s) {
            if (!s.value) answered = false;
            if (s.value !== s.getAttribute("data-position")) ok = false;
          });
        } else {
          each(form.querySelectorAll("input"), function (input) {
            var correct = input.getAttribute("data-correct") === "1";
            if (input.checked) { answered = true; chosen.push(input); }
            if (input.checked !== correct) ok = false;
          });
        }
        if (!answered) { out.className = "hv-result"; out.textContent = t("none"); return; }
        results[form.id] = ok;
        each(form.querySelectorAll(".hv-choice"), function (l) { l.classList.remove("is-right", "is-wrong"); });
        var notes = chosen.map(function (input) {
          input.closest(".hv-choice").classList.add(input.getAttribute("data-correct") === "1" ? "is-right" : "is-wrong");
          var li = document.getElementById(form.id + "-fb-" + input.value);
          return li ? li.getAttribute("data-feedback") : "";
        }).filter(Boolean);
        out.className = "hv-result " + (ok ? "is-right" : "is-wrong");
        out.textContent = (ok ? "✔ " + t("right") : "✘ " + t("wrong")) + (notes.length ? " " + notes.join(" ") : "");
        var details = form.querySelector("details");
        if (details) details.open = true;  // the explanation teaches, right or wrong
        update();
      });
    });

    retry.addEventListener("click", function () {
      each(forms, function (form) {
        form.reset();
        var out = form.querySelector(".hv-result");
        out.textContent = "";
        out.className = "hv-result";
        form.querySelector("details").open = false;
        each(form.querySelectorAll(".hv-choice"), function (l) { l.classList.remove("is-right", "is-wrong"); });
      });
      results = {};
      retry.hidden = true;
      score.hidden = true;
      showBest();
      var first = forms[0] && forms[0].querySelector("input, select");
      if (first) first.focus();
    });
    showBest();
  }

  function showProgress() {
    var data = loadProgress();
    each(document.querySelectorAll("[data-hv-lesson]"), function (item) {
      var e = entry(data, item.getAttribute("data-hv-lesson")), tag = item.querySelector(".hv-done");
      if (!tag) return;
      tag.hidden = !e;
      if (e) tag.textContent = fill(tag.getAttribute("data-t"), {score: e.best, total: e.total});
    });
    each(document.querySelectorAll("[data-hv-lessons]"), function (card) {
      var ids = card.getAttribute("data-hv-lessons").split(" "), tag = card.querySelector(".hv-done");
      var done = ids.filter(function (i) { return entry(data, i); }).length;
      if (!tag) return;
      tag.hidden = !done;
      if (done) tag.textContent = fill(tag.getAttribute("data-t"), {done: done, total: ids.length});
    });
  }

  // Clearing progress takes two taps: the first only asks (in the page: no blocking dialog).
  function setupProgress() {
    each(document.querySelectorAll("[data-hv-reset]"), function (box) {
      var q = function (s) { return box.querySelector("[data-hv-reset-" + s + "]"); };
      var ask = q("ask"), confirm = q("confirm"), no = q("no");
      function show(open) {
        confirm.hidden = !open;
        ask.setAttribute("aria-expanded", String(open));
        q("status").textContent = "";
        (open ? no : ask).focus();
      }
      box.hidden = false;
      ask.addEventListener("click", function () { show(confirm.hidden); });
      no.addEventListener("click", function () { show(false); });
      q("yes").addEventListener("click", function () {
        var data = loadProgress();
        box.getAttribute("data-hv-reset").split(" ").forEach(function (i) { delete data[i]; });
        write(PROGRESS, JSON.stringify(data));
        show(false);
        showProgress();
        q("status").textContent = box.getAttribute("data-t-done");
      });
    });
    showProgress();
  }

  // --- The course being followed ----------------------------------------------------------------------------
  // A lesson in several courses shows that course's previous/next first: the one named in ?course=, else the
  // last course page opened (remembered here), else the page's own order.
  var COURSE = "hv-course";
  function setupPagers() {
    var course = document.querySelector("ol[data-hv-course]");
    if (course) write(COURSE, course.getAttribute("data-hv-course"));
    var box = document.querySelector("[data-hv-pagers]");
    if (!box) return;
    var wanted = (/[?&]course=([a-z0-9-]+)/.exec(location.search) || [])[1];
    if (wanted) write(COURSE, wanted);
    else wanted = read(COURSE);
    var main = box.querySelector("[data-hv-pager-main]"), rest = box.querySelector("[data-hv-pager-rest]");
    if (!wanted || !rest) return;
    var chosen = rest.querySelector('[data-hv-pager="' + wanted + '"]');
    if (!chosen) return;
    var first = main.firstElementChild;
    rest.insertBefore(first, rest.firstChild);
    main.appendChild(chosen);
  }

  // --- Offline ----------------------------------------------------------------------------------------------
  var online = location.protocol !== "file:" && "serviceWorker" in navigator && "caches" in window && ROOT &&
    !document.querySelector('meta[name="hv-offline"]');

  // The service worker stores the URLs in its own cache, named by the build (overrides/sw.js). It answers
  // "saving" at once (a worker from before this feature never does), then true or false.
  function saveOffline(registered, urls) {
    return registered.then(function () { return navigator.serviceWorker.ready; }).then(function (registration) {
      return new Promise(function (resolve, reject) {
        var channel = new MessageChannel();
        var silent = setTimeout(reject, 15000);
        channel.port1.onmessage = function (event) {
          clearTimeout(silent);
          if (event.data === true) resolve();
          else if (event.data !== "saving") reject();
        };
        registration.active.postMessage({type: "hv-save", urls: urls}, [channel.port2]);
      });
    });
  }

  function setupOffline() {
    if (!online) return;
    var registered = navigator.serviceWorker.register(ROOT + "sw.js");
    registered.catch(function () { /* offline use is a bonus */ });
    each(document.querySelectorAll("[data-hv-offline]"), function (button) {
      var status = button.parentNode.querySelector("[data-hv-offline-status]");
      button.hidden = false;
      button.addEventListener("click", function () {
        // The pages and images of the course, plus this page's styles and script (the same on every page).
        var urls = button.getAttribute("data-hv-offline").split(" ");
        each(document.querySelectorAll("link[rel=stylesheet], script[src], link[rel=icon]"), function (el) {
          urls.push(el.getAttribute("href") || el.getAttribute("src"));
        });
        urls = urls.map(function (u) { return new URL(u, location.href).href; });
        button.disabled = true;
        status.textContent = button.getAttribute("data-t-saving");
        saveOffline(registered, urls).then(function () {
          status.textContent = "✓ " + button.getAttribute("data-t-saved");
          rememberSaved(location.pathname, (document.querySelector("h1") || {}).textContent || document.title);
        }, function () {
          button.disabled = false;
          status.textContent = button.getAttribute("data-t-failed");
        });
      });
    });
  }

  // The offline page (offline.html, shown by sw.js for a page never stored) lists the courses saved here.
  var SAVED = "hv-saved";
  function loadSaved() {
    try {
      var list = JSON.parse(read(SAVED) || "[]");
      return Array.isArray(list) ? list.filter(function (c) { return c && typeof c.href === "string"; }) : [];
    } catch (e) { return []; }
  }
  function rememberSaved(href, title) {
    var list = loadSaved().filter(function (c) { return c.href !== href; });
    list.unshift({href: href, title: String(title).trim()});
    write(SAVED, JSON.stringify(list.slice(0, 50)));
  }
  function showSaved() {
    var list = document.querySelector("[data-hv-saved]");
    if (!list) return;
    var saved = loadSaved().filter(function (c) { return c.href.charAt(0) === "/" && c.href.charAt(1) !== "/"; });
    each(saved, function (c) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = c.href;
      a.textContent = c.title || c.href;
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = !saved.length;
    var none = document.querySelector("[data-hv-saved-none]");
    if (none) none.hidden = !!saved.length;
    var retry = document.querySelector("[data-hv-offline-retry]"), from = /[?&]from=([^&]+)/.exec(location.search);
    from = from && new URL(decodeURIComponent(from[1]), location.href);
    if (retry && from && from.origin === location.origin) { retry.href = from.href; retry.hidden = false; }
  }

  function start() {
    setup();
    setupOffline();
    each(document.querySelectorAll("[data-hv-quiz]"), setupQuiz);
    setupProgress();
    setupPagers();
    showSaved();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
