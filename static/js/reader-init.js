/* Applies the reader's saved text size and colour theme to <html> before the
   page is painted. Loaded synchronously in <head>, so it must stay tiny; the
   controls themselves are in reader.js. */
(function (root) {
  "use strict";
  var size = null, theme = null;
  try {
    size = window.localStorage.getItem("cong.reader.size");
    theme = window.localStorage.getItem("cong.reader.theme");
  } catch (e) { /* storage blocked: defaults */ }
  if (/^(small|large|larger|largest)$/.test(size)) root.setAttribute("data-reader-size", size);
  if (/^(sepia|contrast|dark)$/.test(theme)) root.setAttribute("data-reader-theme", theme);
  root.setAttribute("data-reader-js", "");
}(document.documentElement));
