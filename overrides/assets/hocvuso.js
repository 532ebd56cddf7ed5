/* Học vụ số: text size and read-aloud. ES2017, no framework, nothing sent anywhere. */
(function () {
  "use strict";
  var KEY = "hv-text-scale";
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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
