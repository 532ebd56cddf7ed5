/* Học vụ số service worker: pages a learner has visited (or saved) stay readable without a connection.
   Pages: network first, so corrections arrive as soon as there is signal; the cached copy when offline.
   Assets whose URL carries their content hash (`?v=…`, added to every stylesheet, script and image by
   hocvuso/fingerprint.py, or a hashed name like Material's main.57a0d79d.min.css): cache first, since a
   changed file is asked for under a new URL. Any other file: network first, like pages.
   The cache is named by the build (the build writes its id below), so every deploy installs a new worker;
   it keeps what is still valid from the old caches (pages, saved courses, hashed assets) and deletes them.
   Nothing leaves this site. */
"use strict";
var CACHE = "hv-build-dev";  // the build writes its id here (hocvuso/fingerprint.py)
var OURS = /^hv-/;
var HASHED = /[?&]v=[0-9a-zA-Z]+$|\.[0-9a-f]{8,}\.min\.(css|js)$/;

// Shown for a page that is neither online nor stored: our own page listing the saved courses, not the
// browser's error. Stored at install, so it is there from the first visit on.
var OFFLINE_PAGE = new URL("offline.html", self.location.href).href;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.add(new Request(OFFLINE_PAGE, {cache: "no-cache"})).catch(function () { /* retried next visit */ });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    var old = names.filter(function (name) { return OURS.test(name) && name !== CACHE; });
    return carryOver(old).then(function () {
      return Promise.all(old.map(function (name) { return caches.delete(name); }));
    });
  }).then(function () { return self.clients.claim(); }));
});

// What an old cache holds that is still right for this build: pages (fetched network-first anyway, and
// all a learner has offline until the next visit with signal) and files whose URL names their content.
function carryOver(names) {
  return caches.open(CACHE).then(function (current) {
    return Promise.all(names.map(function (name) {
      return caches.open(name).then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(requests.map(function (request) {
            return cache.match(request).then(function (response) {
              var page = /^text\/html/.test((response && response.headers.get("Content-Type")) || "");
              // The offline page: this build's own (stored at install) unless that failed.
              if (request.url === OFFLINE_PAGE) {
                return current.match(request).then(function (mine) { if (!mine && response) return current.put(request, response); });
              }
              if (response && (page || HASHED.test(request.url))) return current.put(request, response);
            });
          }));
        });
      });
    }));
  }).catch(function () { /* a full disk: the old copies are simply not kept */ });
}

// Keep one copy per file: a new version (another ?v=) replaces the old one. What this worker fetches for a
// page is not written once a newer worker has deleted this build's cache (re-creating it would leave it
// behind until the next deploy); what a learner asks to save always is.
function store(request, response, always) {
  return caches.has(CACHE).then(function (mine) {
    if (!mine && !always) return;
    return caches.open(CACHE).then(function (cache) {
      return cache.delete(request, {ignoreSearch: true}).then(function () { return cache.put(request, response); });
    });
  });
}

function fromNetwork(event, request) {
  return fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") event.waitUntil(store(request, response.clone()));
    return response;
  });
}

function fromCache(request) {
  return caches.match(request).then(function (hit) {
    // Offline and never stored in this version: any stored version (or the folder's index.html) beats nothing.
    return hit || caches.match(request, {ignoreSearch: true}).then(function (other) {
      return other || (request.mode === "navigate" ? caches.match(new URL("index.html", request.url).href) : null);
    });
  }).then(function (found) {
    if (found || request.mode !== "navigate" || request.url.split(/[?#]/)[0] === OFFLINE_PAGE) return found;
    // A redirect, not the page itself, so its relative links resolve from where it sits; ?from= lets it retry.
    return caches.match(OFFLINE_PAGE).then(function (page) {
      return page ? Response.redirect(OFFLINE_PAGE + "?from=" + encodeURIComponent(request.url), 302) : null;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode !== "navigate" && HASHED.test(request.url)) {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fromNetwork(event, request).catch(function (error) {
        return fromCache(request).then(function (other) { if (other) return other; throw error; });
      });
    }));
    return;
  }
  event.respondWith(fromNetwork(event, request).catch(function (error) {
    return fromCache(request).then(function (hit) { if (hit) return hit; throw error; });
  }));
});

// "Save this course for offline" (assets/hocvuso.js): the page sends the URLs, this worker stores them in the
// current build's cache; it answers "saving" at once, then true or false when done.
self.addEventListener("message", function (event) {
  var data = event.data, port = event.ports && event.ports[0];
  if (!port || !data || data.type !== "hv-save" || !Array.isArray(data.urls)) return;
  port.postMessage("saving");
  event.waitUntil(Promise.all(data.urls.map(function (url) {
    var request = new Request(new URL(String(url), self.location.href).href);
    if (new URL(request.url).origin !== self.location.origin) return Promise.reject(new Error("other host"));
    return fetch(request).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + request.url);
      return store(request, response, true);
    });
  })).then(function () { port.postMessage(true); }, function () { port.postMessage(false); }));
});
