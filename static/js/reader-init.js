/* Applies the reader's saved text size and colour theme to <html> before the
   page is painted, and marks <html> with data-js so that the header's menu and search
   wait behind their buttons from the first paint (portal.css). Loaded synchronously in
   <head>, so it must stay tiny; the controls are in reader.js, the menu in site-menu.js. */
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
  root.setAttribute("data-js", "");
}(document.documentElement));
