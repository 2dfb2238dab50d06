/* The review thread of an article's admin page (templates/admin/news/article/review_*.html).

- Select a passage of the article's text (the editor, or the text of a read-only page) and
  press "Bình luận đoạn này" (beside the selection on a desktop, in the screen's corner on a
  phone): the passage becomes the quote of the comment being written.
- Press a quote in the thread: the passage is highlighted and scrolled to, when the text
  still has it; otherwise a note says it has changed since.
- Sending a comment leaves the page: when the article form has unsaved changes, ask first.
No inline script: the Content Security Policy forbids it. */
(function () {
  "use strict";

function start() {
  var composer = document.querySelector("[data-review-composer]");
  if (!composer) {
    return;
  }
  var quoteInput = composer.querySelector("[data-review-quote-input]");
  var preview = composer.querySelector("[data-review-quote-preview]");
  var previewText = composer.querySelector("[data-review-quote-text]");
  var textarea = composer.querySelector("textarea");
  var quoteButton = document.querySelector("[data-review-quote-button]");
  var missing = document.querySelector("[data-review-missing]");
  var articleForm = document.getElementById("article_form");
  var MAX_QUOTE = 1000;
  var lastQuote = "";
  var dirty = false;

  function bodyBox() {
    return document.querySelector("[data-review-body]") ||
      document.querySelector(".field-body .ck-editor__editable") ||
      document.querySelector(".field-rendered_body .readonly");
  }

  function normalize(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function selectionInBody() {
    var box = bodyBox();
    var selection = window.getSelection();
    if (!box || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return "";
    }
    var range = selection.getRangeAt(0);
    if (!box.contains(range.commonAncestorContainer)) {
      return "";
    }
    return normalize(selection.toString()).slice(0, MAX_QUOTE);
  }

  // On a desktop the button sits by the selection, just under its end; on a phone it stays in
  // the screen's corner, away from the phone's own selection handles and menu.
  var DESKTOP = window.matchMedia("(min-width: 768px)");

  function placeQuoteButton() {
    var selection = window.getSelection();
    if (quoteButton.hidden || !DESKTOP.matches || !selection || selection.rangeCount === 0) {
      quoteButton.classList.remove("review-quote-button--at-selection");
      quoteButton.style.top = quoteButton.style.left = "";
      return;
    }
    var rects = selection.getRangeAt(0).getClientRects();
    var last = rects.length ? rects[rects.length - 1] : selection.getRangeAt(0)
      .getBoundingClientRect();
    quoteButton.classList.add("review-quote-button--at-selection");
    var width = quoteButton.offsetWidth;
    var height = quoteButton.offsetHeight;
    var top = last.bottom + 8;
    if (top + height > window.innerHeight - 8) {
      top = Math.max(8, last.top - height - 8);  // no room below: above the selection
    }
    var left = Math.min(Math.max(8, last.right - width / 2), window.innerWidth - width - 8);
    quoteButton.style.top = top + "px";
    quoteButton.style.left = left + "px";
  }

  document.addEventListener("selectionchange", function () {
    var text = selectionInBody();
    if (text) {
      lastQuote = text;
    }
    quoteButton.hidden = !text;
    placeQuoteButton();
  });
  window.addEventListener("scroll", placeQuoteButton, {passive: true, capture: true});
  window.addEventListener("resize", placeQuoteButton);

  // Keep the selection while the button is pressed.
  quoteButton.addEventListener("mousedown", function (event) {
    event.preventDefault();
  });
  quoteButton.addEventListener("click", function () {
    var text = selectionInBody() || lastQuote;
    if (!text) {
      return;
    }
    quoteInput.value = text;
    previewText.textContent = "“" + text + "”";
    preview.hidden = false;
    quoteButton.hidden = true;
    composer.scrollIntoView({block: "center"});
    textarea.focus({preventScroll: true});
  });

  composer.querySelector("[data-review-quote-clear]").addEventListener("click", function () {
    quoteInput.value = "";
    previewText.textContent = "";
    preview.hidden = true;
    lastQuote = "";
  });

  var sendBackLink = document.querySelector("[data-review-send-back]");
  if (sendBackLink) {
    sendBackLink.addEventListener("click", function (event) {
      event.preventDefault();
      composer.scrollIntoView({block: "center"});
      textarea.focus({preventScroll: true});
    });
  }

  // Where `quote` is in the text of `box`, as a Range over its text nodes, or null.
  function findPassage(box, quote) {
    var walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    var nodes = [];
    var text = "";
    var starts = [];
    var node;
    while ((node = walker.nextNode())) {
      // The text as the page shows it: runs of white space count as one space.
      for (var i = 0; i < node.data.length; i++) {
        var ch = /\s/.test(node.data[i]) ? " " : node.data[i];
        if (ch === " " && (text.length === 0 || text[text.length - 1] === " ")) {
          continue;
        }
        text += ch;
        starts.push([node, i]);
      }
      if (text.length && text[text.length - 1] !== " ") {
        text += " ";
        starts.push([node, node.data.length]);
      }
      nodes.push(node);
    }
    var at = text.indexOf(normalize(quote));
    if (at < 0) {
      return null;
    }
    var end = at + normalize(quote).length - 1;
    var range = document.createRange();
    range.setStart(starts[at][0], starts[at][1]);
    range.setEnd(starts[end][0], Math.min(starts[end][1] + 1, starts[end][0].data.length));
    return range;
  }

  document.querySelectorAll("[data-review-quote]").forEach(function (button) {
    button.addEventListener("click", function () {
      var box = bodyBox();
      var range = box && findPassage(box, button.getAttribute("data-review-quote"));
      missing.hidden = Boolean(range);
      if (!range) {
        button.parentNode.after(missing);
        return;
      }
      if (window.CSS && CSS.highlights && window.Highlight) {
        CSS.highlights.set("review-passage", new Highlight(range));
      } else {
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
      var rect = range.getBoundingClientRect();
      window.scrollBy({top: rect.top - window.innerHeight / 3, behavior: "smooth"});
      box.classList.add("review-body--found");
    });
  });

  if (articleForm) {
    articleForm.addEventListener("input", function () {
      dirty = true;
    });
    articleForm.addEventListener("change", function () {
      dirty = true;
    });
    articleForm.addEventListener("submit", function () {
      dirty = false;
    });
  }
  composer.addEventListener("submit", function (event) {
    if (dirty && !window.confirm(
      "Bài viết có thay đổi chưa lưu. Gửi bình luận sẽ rời trang và các thay đổi đó sẽ " +
      "không được lưu. Vẫn gửi?"
    )) {
      event.preventDefault();
    }
  });
}

// Loaded in the page's head (the admin's form media): wait for the page.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
}());
