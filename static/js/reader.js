/* Reader controls of every public page: "Cỡ chữ" (text size) and "Màu nền" (colour
   theme) in the header, "In bài" (print) on articles. The choice lives on <html> as
   data-reader-size / data-reader-theme (styled in reader.css) and in localStorage,
   which reader-init.js reads on the next page before it is painted. Without storage
   (blocked or full) the choice lasts for this page. On a phone the controls wait in a
   panel opened by their button, over the top of the page; it closes when the reader
   scrolls the page, taps or clicks outside it, moves the focus out of it, or presses Esc
   (which puts the focus back on the button). */
(function () {
  "use strict";
  var SIZES = ["small", "normal", "large", "larger", "largest"];
  var SIZE_NAMES = {
    small: "nhỏ", normal: "vừa (mặc định)", large: "lớn", larger: "rất lớn", largest: "lớn nhất"
  };
  var THEME_NAMES = {
    "default": "mặc định", sepia: "nền vàng nhạt", contrast: "tương phản cao", dark: "nền tối"
  };
  var KEY = { size: "cong.reader.size", theme: "cong.reader.theme" };
  var DEFAULT = { size: "normal", theme: "default" };

  var root = document.documentElement;
  var box = document.querySelector("[data-reader-controls]");
  // Loaded once by base.html; a page that names the script again gets no second handler.
  if (!box || root.hasAttribute("data-reader-ready")) return;
  root.setAttribute("data-reader-ready", "");
  var toggle = box.querySelector("[data-reader-toggle]");
  // The words announced come from the template, which the page's language translated.
  var words = { size: "Cỡ chữ: ", theme: "Màu nền: " };
  (function readWords() {
    var names = (box.getAttribute("data-reader-size-names") || "").split("|");
    if (names.length === SIZES.length) {
      for (var n = 0; n < SIZES.length; n++) SIZE_NAMES[SIZES[n]] = names[n];
    }
    var themes = box.querySelectorAll("[data-reader-theme-choice]");
    for (var t = 0; t < themes.length; t++) {
      var label = themes[t].textContent.trim();
      THEME_NAMES[themes[t].getAttribute("data-reader-theme-choice")] = label.charAt(0).toLowerCase() + label.slice(1);
    }
    var sizeLabel = box.querySelector("#reader-size-label"), themeLabel = box.querySelector("#reader-theme-label");
    if (sizeLabel) words.size = sizeLabel.textContent.trim() + ": ";
    if (themeLabel) words.theme = themeLabel.textContent.trim() + ": ";
  }());
  var status = box.querySelector("[data-reader-status]");
  var sizeButtons = box.querySelectorAll("[data-reader-size-step]");
  var themeButtons = box.querySelectorAll("[data-reader-theme-choice]");
  var announceTimer = null;
  // The panel closes when the page scrolls by more than this from where it was opened.
  var SCROLL_CLOSES = 24;
  var scrollFrom = 0, settleUntil = 0;

  function valid(kind, value) {
    return kind === "size" ? SIZES.indexOf(value) >= 0 : THEME_NAMES.hasOwnProperty(value);
  }

  function current(kind) {
    var value = root.getAttribute("data-reader-" + kind);
    return valid(kind, value) ? value : DEFAULT[kind];
  }

  function store(kind, value) {
    try {
      if (value === DEFAULT[kind]) window.localStorage.removeItem(KEY[kind]);
      else window.localStorage.setItem(KEY[kind], value);
    } catch (e) { /* storage blocked: keep the choice for this page only */ }
  }

  function setPressed(button, pressed) {
    button.setAttribute("aria-pressed", pressed ? "true" : "false");
  }

  function render() {
    var size = current("size"), theme = current("theme"), index = SIZES.indexOf(size), i, b, step;
    for (i = 0; i < sizeButtons.length; i++) {
      b = sizeButtons[i];
      step = parseInt(b.getAttribute("data-reader-size-step"), 10);
      if (step === 0) setPressed(b, size === DEFAULT.size);
      // aria-disabled rather than disabled: the button keeps keyboard focus at the limit.
      else b.setAttribute("aria-disabled", (index + step < 0 || index + step >= SIZES.length) ? "true" : "false");
    }
    for (i = 0; i < themeButtons.length; i++) {
      b = themeButtons[i];
      setPressed(b, b.getAttribute("data-reader-theme-choice") === theme);
    }
  }

  function announce(text) {
    if (!status) return;
    // Emptied first so that the same text twice in a row is announced again.
    status.textContent = "";
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(function () { status.textContent = text; }, 100);
  }

  function apply(kind, value) {
    if (value === DEFAULT[kind]) root.removeAttribute("data-reader-" + kind);
    else root.setAttribute("data-reader-" + kind, value);
    render();
  }

  function choose(kind, value) {
    // A new size reflows the page and the browser may scroll to keep the reader's place
    // (in the next frames): that scroll is not the reader's and leaves the panel open.
    settleUntil = Date.now() + 250;
    apply(kind, value);
    store(kind, value);
    announce(kind === "size" ? words.size + SIZE_NAMES[value] : words.theme + THEME_NAMES[value]);
  }

  function isOpen() {
    return !!toggle && toggle.getAttribute("aria-expanded") === "true";
  }

  function setOpen(open) {
    if (!toggle) return;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    box.classList.toggle("is-open", open);
    if (open) scrollFrom = window.pageYOffset;
  }

  // Closed while the focus is in the panel: the focus goes back to the button rather than
  // to the page's start.
  function close(focusButton) {
    if (!isOpen()) return;
    var hadFocus = box.contains(document.activeElement) && document.activeElement !== toggle;
    setOpen(false);
    if (focusButton || hadFocus) toggle.focus({ preventScroll: true });
  }

  box.addEventListener("click", function (event) {
    var target = event.target, step, index;
    while (target && target !== box && target.tagName !== "BUTTON") target = target.parentNode;
    if (!target || target === box) return;
    if (target === toggle) {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    } else if (target.hasAttribute("data-reader-theme-choice")) {
      choose("theme", target.getAttribute("data-reader-theme-choice"));
    } else if (target.hasAttribute("data-reader-size-step")) {
      step = parseInt(target.getAttribute("data-reader-size-step"), 10);
      index = step === 0 ? SIZES.indexOf(DEFAULT.size) : SIZES.indexOf(current("size")) + step;
      choose("size", SIZES[Math.max(0, Math.min(SIZES.length - 1, index))]);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen()) close(true);
  });
  // pointerdown, not only click: a tap on text that is not a link or button gives no click
  // on every phone (iOS Safari).
  function closeOutside(event) {
    if (!box.contains(event.target)) close(false);
  }
  document.addEventListener("pointerdown", closeOutside);
  document.addEventListener("click", closeOutside);
  box.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) close(false);
  });
  window.addEventListener("scroll", function () {
    if (!isOpen()) return;
    if (Date.now() < settleUntil) scrollFrom = window.pageYOffset;
    else if (Math.abs(window.pageYOffset - scrollFrom) > SCROLL_CLOSES) close(false);
  }, { passive: true });

  var printButtons = document.querySelectorAll("[data-reader-print]");
  for (var p = 0; p < printButtons.length; p++) {
    printButtons[p].addEventListener("click", function () { window.print(); });
  }
  var printLines = document.querySelectorAll("[data-reader-print-line]");
  for (var q = 0; q < printLines.length; q++) printLines[q].removeAttribute("hidden");

  // Another tab changed the choice: follow it quietly.
  window.addEventListener("storage", function (event) {
    var kind = event.key === KEY.size ? "size" : event.key === KEY.theme ? "theme" : null;
    if (kind) apply(kind, valid(kind, event.newValue) ? event.newValue : DEFAULT[kind]);
  });

  render();
  box.removeAttribute("hidden");
}());
