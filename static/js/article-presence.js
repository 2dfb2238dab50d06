/* Who else has this article open: the banner of an article's change page
   (templates/admin/news/article/presence.html), kept up to date without reloading.

   Every data-heartbeat-seconds the page tells the server it is still open (POST, with the
   CSRF token) and whether its form has changes not saved yet; the JSON answer
   (news/presence.py) names the others and says whether the article was saved since the
   page was opened. Leaving the page releases its session at once (navigator.sendBeacon on
   pagehide); coming back to it (the browser's back button) opens it again. A page left
   alone for data-idle-minutes stops beating until someone uses it again, so that an open
   tab does not keep a login session alive for ever. The server has already rendered the
   banner: nothing here is needed for the first warning. */
(function () {
  "use strict";

  var box = document.getElementById("article-presence");
  if (!box || !window.fetch || !window.FormData) return;

  var settings = box.dataset;
  var interval = Math.max(1, Number(settings.heartbeatSeconds) || 10) * 1000;
  var idleAfter = Math.max(1, Number(settings.idleMinutes) || 30) * 60 * 1000;
  var form = box.closest("form");
  var lastActivity = Date.now();
  var unsaved = false;
  var stopped = false;
  var timer = null;
  var shown = box.textContent.replace(/\s+/g, " ").trim();

  function formData(extra) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", settings.csrfToken);
    data.append("tab", settings.tab);
    Object.keys(extra).forEach(function (name) {
      data.append(name, extra[name]);
    });
    return data;
  }

  function isIdle() {
    return Date.now() - lastActivity > idleAfter;
  }

  function notice(text, modifier) {
    var paragraph = document.createElement("p");
    paragraph.className = "article-presence__notice" + (modifier ? " " + modifier : "");
    paragraph.textContent = text;
    return paragraph;
  }

  function newVersionNotice(newVersion) {
    var stale = notice(newVersion.message + " ", "article-presence__notice--new-version");
    var link = document.createElement("a");
    link.href = newVersion.reload_url;
    link.textContent = "Tải lại bài viết";
    stale.appendChild(link);
    return stale;
  }

  // A newer version matters most when saving: its notice is also shown above the save
  // buttons at the bottom of a long form (not a live region: the banner announces it).
  function showBesideSaveButtons(newVersion) {
    var rows = form ? form.querySelectorAll(".submit-row") : [];
    var bottom = rows.length ? rows[rows.length - 1] : null;
    var copy = document.getElementById("article-presence-save");
    if (copy) copy.remove();
    if (!newVersion || !bottom) return;
    copy = newVersionNotice(newVersion);
    copy.id = "article-presence-save";
    bottom.parentNode.insertBefore(copy, bottom);
  }

  // Replaces the banner's content only when its text changes: a screen reader announces
  // each change of the live region, not each heartbeat.
  function render(state) {
    var parts = [];
    if (state.new_version) {
      parts.push(newVersionNotice(state.new_version));
    }
    if (state.notices.length) {
      parts.push(notice(state.notices.join(" ")));
    }
    var text = parts.map(function (part) { return part.textContent; }).join(" ");
    if (text === shown) return;
    shown = text;
    box.replaceChildren.apply(box, parts);
    showBesideSaveButtons(state.new_version);
  }

  function schedule() {
    window.clearTimeout(timer);
    if (!stopped) timer = window.setTimeout(beat, interval);
  }

  function beat() {
    window.clearTimeout(timer);
    if (stopped || isIdle()) return; // starts again on the next key, click or scroll
    var data = formData({ version: settings.version, unsaved: unsaved ? "1" : "0" });
    fetch(settings.heartbeatUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": settings.csrfToken },
    })
      .then(function (response) {
        if (response.status === 403 || response.status === 404) {
          stopped = true; // no longer allowed to see the article: nobody is named any more
          render({ notices: [], new_version: null });
          return null;
        }
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        return response.ok && json ? response.json() : null; // e.g. logged out: try again later
      })
      .then(function (state) {
        if (state) render(state);
      })
      .catch(function () {
        // Offline for a moment: the next heartbeat tries again.
      })
      .then(schedule);
  }

  function release() {
    window.clearTimeout(timer);
    if (navigator.sendBeacon) {
      navigator.sendBeacon(settings.releaseUrl, formData({}));
    }
  }

  function activity() {
    var wasIdle = isIdle();
    lastActivity = Date.now();
    if (wasIdle && !stopped) beat();
  }

  if (form && settings.canEdit === "1") {
    var changed = function () {
      if (!unsaved) {
        unsaved = true;
        beat(); // the others learn it now, not in ten seconds
      }
    };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
  }
  ["keydown", "pointerdown", "wheel", "touchstart"].forEach(function (type) {
    document.addEventListener(type, activity, { passive: true, capture: true });
  });
  window.addEventListener("pagehide", release);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) beat(); // back from the browser's page cache: open again
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") beat();
  });
  // The server rendered who was there a moment ago; the first beat tells the others
  // nothing new, so it waits for its turn.
  schedule();
})();
