/* Học vụ số service worker: pages a learner has visited (or saved) stay readable without a connection.
   Pages: network first, so corrections arrive as soon as there is signal; the cached copy when offline.
   Assets (CSS, scripts, images): cache first, they change name or rarely. Nothing leaves this site. */
"use strict";
var CACHE = "hv-pages-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function fromNetwork(request) {
  return fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fromNetwork(request).catch(function () {
      return caches.match(request, {ignoreSearch: true}).then(function (hit) {
        return hit || caches.match(new URL("index.html", request.url).href);
      });
    }));
    return;
  }
  event.respondWith(caches.match(request).then(function (hit) { return hit || fromNetwork(request); }));
});
