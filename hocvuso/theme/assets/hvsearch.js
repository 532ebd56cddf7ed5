/* Học vụ số search; the index is built by hocvuso/search.py (its docstring explains the design). ES2017,
   no framework. Nothing loads until the learner opens search; then one shard per query word and the page files
   of the first results, as <script> files: fetch() is refused from file://. */
(function () {
  "use strict";
  // Same characters and folding as hocvuso/search.py (tokens) and hocvuso/text.py (fold); a test compares them.
  var CLASS = "0-9a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff";
  var WORD = new RegExp("[" + CLASS + "]+", "g");
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
  function key(t, stemmed) { return stemmed ? stem(fold(t)) : fold(t); }
  // While typing, the last word is a prefix (unless a space follows it); a one-letter prefix waits for more.
  // w.f is the index key (folded, stemmed in a stemmed language); w.m: typed with diacritics.
  function words(q, typing, stemmed) {
    var all = q.normalize("NFC").toLowerCase().match(WORD) || [], out = [], open = typing && /\S$/.test(q);
    all.forEach(function (t, i) {
      var f = key(t, stemmed), p = open && i === all.length - 1;
      if (f && !(p && f.length < 2) && !out.some(function (w) { return w.t === t; })) {
        out.push({t: t, f: f, p: p, m: fold(t) !== t});
      }
    });
    return out;
  }
  // The shard of a word: its first two letters, one more while that shard is split (meta.p; search.py: lookup_key).
  function shardOf(f, split) {
    var k = f.slice(0, 2);
    k = /^[a-z0-9]+$/.test(k) ? k : "_";
    while (split.indexOf(k) >= 0 && f.length > k.length && /^[a-z0-9]{3,4}$/.test(f.slice(0, k.length + 1))
           && f.slice(0, k.length + 1) !== "docs") {
      k = f.slice(0, k.length + 1);
    }
    return k;
  }
  // The words of a text as written that answer a query word: [start, end, word] (search.py: marks()).
  var MARK = new RegExp("[A-Z" + CLASS + "]+", "g");
  function marks(text, ws, stemmed) {
    var out = [], m, k, i;
    for (MARK.lastIndex = 0; (m = MARK.exec(text));) {
      for (k = key(m[0].normalize("NFC").toLowerCase(), stemmed), i = 0; i < ws.length; i++) {
        if (k === ws[i].f || (ws[i].p && k.indexOf(ws[i].f) === 0)) { out.push([m.index, MARK.lastIndex, i]); break; }
      }
    }
    return out;
  }
  // How many query words the marks between positions a and b hold.
  function count(found, a, b) {
    var seen = {};
    found.forEach(function (m) { if (m[0] >= a && m[1] <= b) seen[m[2]] = 1; });
    return Object.keys(seen).length;
  }
  // The snippet, as search.py's choose_snippet(), anchor() and excerpt().
  function snippet(rec, ws, stemmed) {
    var text = rec[2] || "", most = 0, at = 0, start = 0, end;
    rec.slice(2).forEach(function (t) {
      var n = count(marks(t, ws, stemmed), 0, t.length);
      if (n > most) { text = t; most = n; }
    });
    var found = most ? marks(text, ws, stemmed) : [];
    most = 0;
    found.forEach(function (m) {
      var n = count(found, m[0], m[0] + 120);
      if (n > most) { at = m[0]; most = n; }
    });
    if (text.length <= 160) return text;
    if (at > 40) { start = text.indexOf(" ", at - 40) + 1; if (start > at) start = at; }
    end = start + 160;
    if (end >= text.length) end = text.length;
    else if (text.lastIndexOf(" ", end) > start + 80) end = text.lastIndexOf(" ", end);
    return (start ? "…" : "") + text.slice(start, end).trim() + (end < text.length ? "…" : "");
  }
  window.hvSearch = {fold: fold, words: words, stem: stem, marks: marks, snippet: snippet, shard: shardOf};

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
  var got = {}, asked = {}, shown = 10, typing = true, focusAt = -1, drawn = "";
  // The search page carries the manifest and, on a site that is not too big, every title.
  var inline = form.getAttribute("data-hv-manifest");
  if (inline) got.docs = JSON.parse(inline);
  // Results further down get their snippet when they come into view.
  var watch = window.IntersectionObserver && new IntersectionObserver(function (seen) {
    seen.forEach(function (e) {
      if (e.isIntersecting) { watch.unobserve(e.target); need(e.target.getAttribute("data-hv-file")); }
    });
  });

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
  // `text` into `el`, its words that answer the query in <mark> elements: text nodes only, never markup.
  function fill(el, text, ws, stemmed) {
    var at = 0;
    el.textContent = "";
    marks(text, ws, stemmed).forEach(function (m) {
      el.appendChild(document.createTextNode(text.slice(at, m[0])));
      el.appendChild(document.createElement("mark")).textContent = text.slice(m[0], m[1]);
      at = m[1];
    });
    el.appendChild(document.createTextNode(text.slice(at)));
  }

  function run() {
    var meta = need("docs"), split = ((meta && meta.p) || "").split(" "), scores = null, wait = 0, keys = {};
    // A prefix that ends on a split shard waits for its next letter (search.py: SearchIndex.active).
    var ws = words(input.value, typing, meta && meta.e).filter(function (w) {
      return !(w.p && split.indexOf(shardOf(w.f, split)) >= 0);
    });
    if (!ws.length) {
      list.textContent = "";
      list.hidden = true;
      drawn = "";
      if (more) more.hidden = true;
      return say("");
    }
    if (!meta) return say("loading");
    ws.forEach(function (w) {
      var k = shardOf(w.f, split), has = meta.s.split(" ").indexOf(k) >= 0, entries = has ? need(k) : [], found = {}, next = {};
      if (has) keys[k] = 1;  // a word no page holds costs no request
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
    var top = ids.slice(0, shown), file = function (id) { return "docs" + Math.floor(id / meta.c); };
    // The first results' files come with the query (all when the page lacks the titles): meta.r files in all.
    var eager = meta.t ? Math.max(1, meta.r - Object.keys(keys).length) : top.length;
    top.slice(0, eager).forEach(function (id) { if (!need(file(id))) wait = 1; });
    if (wait && !meta.t) return say("loading");
    var draw = input.value + "\n" + typing + "\n" + top.join(" ");
    if (draw !== drawn) {
      drawn = draw;
      list.textContent = "";
      if (watch) watch.disconnect();
      top.forEach(function (id) {
        var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
        li.setAttribute("data-hv-file", file(id));
        p.style.minHeight = "3em";  // room for the snippet: only results really in view load theirs
        li.appendChild(a);
        li.appendChild(p);
        list.appendChild(li);
      });
    }
    top.forEach(function (id, i) {
      var li = list.children[i], a = li.firstChild, p = li.lastChild, chunk = got[file(id)];
      var rec = chunk && chunk[id % meta.c], row = meta.t ? meta.t[id] : rec;
      if (row && !a.textContent) { a.href = href(row[1]); fill(a, row[0], ws, meta.e); }
      if (rec && !li.hasAttribute("data-hv-done")) {
        li.setAttribute("data-hv-done", "");
        p.style.minHeight = "";
        fill(p, snippet(rec, ws, meta.e), ws, meta.e);
      } else if (!rec && i >= eager) {
        if (watch) watch.observe(li); else need(file(id));
      }
    });
    list.hidden = !top.length;
    if (more) more.hidden = ids.length <= shown;
    say(ids.length ? "results" : "none", ids.length);
    // After "more", focus moves to the first new result instead of staying on a button that may vanish.
    if (list.children[focusAt]) list.children[focusAt].firstChild.focus();
    focusAt = -1;
  }

  input.addEventListener("focus", run);  // loads docs.js only (when the page lacks the manifest)
  input.addEventListener("input", function () { typing = true; shown = 10; focusAt = -1; run(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); typing = false; run(); });
  if (more) more.addEventListener("click", function () { focusAt = shown; shown += 10; run(); });
  // Submitted before this script ran (the form then opens its action page with ?q=): search right away.
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; typing = false; run(); }
  // Typed (or focused) before this deferred script ran, as on a slow link: catch up.
  else if (input.value || document.activeElement === input) run();
})();
