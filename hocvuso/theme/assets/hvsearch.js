/* Học vụ số search; the index is built by hocvuso/search.py (its docstring explains the design). ES2017,
   no framework. Nothing loads until the learner opens search; then docs.js, one shard per query word and the
   few title chunks of the results shown, as <script> files: fetch() is refused from file://. */
(function () {
  "use strict";
  // Same characters and folding as hocvuso/search.py (tokens) and hocvuso/text.py (fold); a test compares them.
  var WORD = /[0-9a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff]+/g;
  function fold(s) {
    return s.replace(/[đð]/gi, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC").toLowerCase();
  }
  // English plurals to the singular, as stem() in search.py (Harman's "S" stemmer).
  function stem(w) {
    if (w.length <= 3 || /[^\x00-\x7f]/.test(w)) return w;
    if (/ies$/.test(w) && !/[ea]ies$/.test(w)) return w.slice(0, -3) + "y";
    if (/es$/.test(w) && !/[aeo]es$/.test(w)) return w.slice(0, -1);
    if (/s$/.test(w) && !/(us|ss)$/.test(w)) return w.slice(0, -1);
    return w;
  }
  // While typing, the last word is a prefix (unless a space follows it); a one-letter prefix waits for more.
  // w.f is the index key (folded, stemmed in a stemmed language); w.m: typed with diacritics.
  function words(q, typing, stemmed) {
    var all = q.normalize("NFC").toLowerCase().match(WORD) || [], out = [], open = typing && /\S$/.test(q);
    all.forEach(function (t, i) {
      var f = stemmed ? stem(fold(t)) : fold(t), p = open && i === all.length - 1;
      if (f && !(p && f.length < 2) && !out.some(function (w) { return w.t === t; })) {
        out.push({t: t, f: f, p: p, m: fold(t) !== t});
      }
    });
    return out;
  }
  function shardOf(f) {
    var k = f.slice(0, 2);
    return /^[a-z0-9]+$/.test(k) ? k : "_";
  }
  window.hvSearch = {fold: fold, words: words, stem: stem};

  var form = document.querySelector("[data-hv-search]");
  if (!form) return;
  var input = form.querySelector("[data-hv-search-input]");
  var status = form.querySelector("[data-hv-search-status]");
  var list = form.querySelector("[data-hv-search-results]");
  var more = form.querySelector("[data-hv-search-more]");
  var root = (form.getAttribute("data-hv-root") || ".").replace(/\/?$/, "/");
  var dir = root + (form.getAttribute("data-hv-prefix") || "") + "search/";
  var version = form.getAttribute("data-hv-v");
  var queue = window.hvSearchData = window.hvSearchData || [];
  var got = {}, asked = {}, shown = 10, typing = true, focusAt = -1;
  // The search page carries the manifest: a query then needs only its words' shards and its results' chunks.
  var inline = form.getAttribute("data-hv-manifest");
  if (inline) got.docs = JSON.parse(inline);

  // The data of index file `k`, or nothing yet: then its <script> is added (once) and run() repeats on load.
  function need(k) {
    while (queue.length) { var e = queue.shift(); got[e[1]] = e[2]; }
    if (got[k]) return got[k];
    if (!asked[k]) {
      asked[k] = 1;
      var s = document.createElement("script");
      s.src = dir + k + ".js" + (version ? "?v=" + version : "");
      s.onload = run;
      s.onerror = function () { asked[k] = 0; say("failed"); };  // offline: the next keystroke retries
      document.head.appendChild(s);
    }
  }
  function say(k, n) {
    var text = k ? (status.getAttribute("data-" + k) || "").replace("{count}", n) : "";
    if (status.textContent !== text) status.textContent = text;  // announce changes only
  }
  // An offline copy has no server to turn a folder into its index.html.
  function href(url) {
    url = root + url;
    return location.protocol === "file:" ? url.replace(/\/(#|$)/, "/index.html$1") : url;
  }

  function run() {
    var meta = need("docs"), ws = words(input.value, typing, meta && meta.e), scores = null, wait = 0, rows = [];
    if (!ws.length) {
      list.textContent = "";
      list.hidden = true;
      if (more) more.hidden = true;
      return say("");
    }
    if (!meta) return say("loading");
    ws.forEach(function (w) {
      var k = shardOf(w.f), entries = meta.s.split(" ").indexOf(k) < 0 ? [] : need(k), found = {}, next = {};
      if (!entries) return (wait = 1);
      entries.forEach(function (e) {
        var whole = e[0] === w.f;
        if (!whole && !(w.p && e[0].indexOf(w.f) === 0)) return;
        for (var n = 1; n < e.length; n += 2) {
          var shape = e[n] || e[0], doc = 0;
          // Exact form of a word typed with diacritics: 16 outweighs every field weight (see search.py).
          var bonus = (w.m && (w.p ? shape.indexOf(w.t) === 0 : shape === w.t) ? 16 : 0) + (whole ? 1 : 0);
          e[n + 1].forEach(function (v) {
            doc += v >> 2;
            var s = bonus + 2 * (v & 3);
            if (!(found[doc] >= s)) found[doc] = s;
          });
        }
      });
      var from = scores || found;
      for (var d in from) if (d in found) next[d] = (scores ? scores[d] : 0) + found[d];
      scores = next;
    });
    if (wait) return say("loading");
    var ids = Object.keys(scores).map(Number).sort(function (a, b) { return scores[b] - scores[a] || a - b; });
    ids.slice(0, shown).forEach(function (id) {
      var chunk = need("docs" + Math.floor(id / meta.c));
      if (chunk) rows.push(chunk[id % meta.c]); else wait = 1;
    });
    if (wait) return say("loading");
    list.textContent = "";
    rows.forEach(function (r) {
      var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
      a.href = href(r[1]);
      a.textContent = r[0];
      p.textContent = r[2];
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
    list.hidden = !rows.length;
    if (more) more.hidden = ids.length <= shown;
    say(ids.length ? "results" : "none", ids.length);
    // After "more", focus moves to the first new result instead of staying on a button that may vanish.
    if (list.children[focusAt]) list.children[focusAt].firstChild.focus();
    focusAt = -1;
  }

  input.addEventListener("focus", run);  // loads docs.js only: the shards wait for words
  input.addEventListener("input", function () { typing = true; shown = 10; focusAt = -1; run(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); typing = false; run(); });
  if (more) more.addEventListener("click", function () { focusAt = shown; shown += 10; run(); });
  // Submitted before this script ran (the form then opens its action page with ?q=): search right away.
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; typing = false; run(); }
  // Typed (or focused) before this deferred script ran, as on a slow link: catch up.
  else if (input.value || document.activeElement === input) run();
})();
