/* Reader controls on the article page: "Cỡ chữ" (text size), "Màu chữ"
   (colour theme) and "In bài" (print). The choice lives on <html> as
   data-reader-size / data-reader-theme (styled in reader.css) and in
   localStorage, which reader-init.js reads on the next page before it is
   painted. Without storage (blocked or full) the choice lasts for this page. */
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
  if (!box) return;
  var status = box.querySelector("[data-reader-status]");
  var sizeButtons = box.querySelectorAll("[data-reader-size-step]");
  var themeButtons = box.querySelectorAll("[data-reader-theme-choice]");
  var announceTimer = null;

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
    apply(kind, value);
    store(kind, value);
    announce(kind === "size" ? "Cỡ chữ: " + SIZE_NAMES[value] : "Màu chữ: " + THEME_NAMES[value]);
  }

  box.addEventListener("click", function (event) {
    var target = event.target, step, index;
    while (target && target !== box && target.tagName !== "BUTTON") target = target.parentNode;
    if (!target || target === box) return;
    if (target.hasAttribute("data-reader-print")) {
      window.print();
    } else if (target.hasAttribute("data-reader-theme-choice")) {
      choose("theme", target.getAttribute("data-reader-theme-choice"));
    } else if (target.hasAttribute("data-reader-size-step")) {
      step = parseInt(target.getAttribute("data-reader-size-step"), 10);
      index = step === 0 ? SIZES.indexOf(DEFAULT.size) : SIZES.indexOf(current("size")) + step;
      choose("size", SIZES[Math.max(0, Math.min(SIZES.length - 1, index))]);
    }
  });

  // Another tab changed the choice: follow it quietly.
  window.addEventListener("storage", function (event) {
    var kind = event.key === KEY.size ? "size" : event.key === KEY.theme ? "theme" : null;
    if (kind) apply(kind, valid(kind, event.newValue) ? event.newValue : DEFAULT[kind]);
  });

  render();
  box.removeAttribute("hidden");
}());
