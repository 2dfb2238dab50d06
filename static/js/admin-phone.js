/* The admin on a phone, and its file boxes in Vietnamese (docs/translations.md, "Phone").
 *
 * Loaded with `defer` on every admin page (templates/admin/base_site.html); static/css/admin.css
 * does the layout, this script only adds what CSS cannot know:
 *
 * - The list's filters fold behind a "Bộ lọc" button below 1500 px (aria-expanded, the panel's
 *   `hidden`): opened, it is above the list on a phone, beside it on a wider screen; the panel
 *   is untouched on wider screens and without JavaScript. Below 1500 px the admin's menu also
 *   starts closed on lists (opened there, it stays open on lists).
 * - Cells of lists and of tabular inlines carry their column's name (data-label), so the CSS can
 *   stack a row into a card with labels on a phone; inputs without a label of their own get the
 *   column's name as aria-label, on every screen.
 * - The browser's messages when it refuses to send a form (an empty required box) are the
 *   portal's Vietnamese, not the browser's language.
 * - File inputs get a Vietnamese button and file name ("Chọn tệp", "Chưa chọn tệp") in place of
 *   the browser's own, which follows the browser's language ("Choose File"); the input stays
 *   in the page, visually hidden, focusable and labelled. A chosen image shows a preview.
 * - After a save refused for errors, each file box that had a file chosen says that the file
 *   was not saved and is to be chosen again (browsers cannot keep a file box's choice).
 */
(function () {
  "use strict";

  var PHONE = window.matchMedia("(max-width: 767px)");
  // Below this width a list beside the admin's menu and its filters has too little room:
  // the filters fold behind their button and the menu starts closed on lists.
  var NARROW = window.matchMedia("(max-width: 1499px)");
  var NO_FILE = "Chưa chọn tệp";
  var EMPTY = ["", "-", "—"];  // how the admin shows a value a new form does not have yet

  function text(element) {
    var clone = element.cloneNode(true);
    clone.querySelectorAll("img, .sortoptions, .sortpriority").forEach(function (node) {
      node.remove();
    });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  /* Filters ------------------------------------------------------------------------------ */

  function activeFilters(panel) {
    var count = 0;
    panel.querySelectorAll("details").forEach(function (filter) {
      var choices = filter.querySelectorAll("li");
      var selected = filter.querySelector("li.selected");
      if (selected && choices.length && selected !== choices[0]) {
        count += 1;
      }
    });
    return count;
  }

  var FILTERS_OPEN = "cong.admin.filtersOpen";

  function foldFilters() {
    var panel = document.getElementById("changelist-filter");
    var changelist = document.getElementById("changelist");
    if (!panel || !changelist) {
      return;
    }
    var active = activeFilters(panel);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cong-filter-toggle";
    button.setAttribute("aria-controls", "changelist-filter");
    button.setAttribute("aria-expanded", "false");
    button.textContent = "Bộ lọc";
    if (active) {
      var badge = document.createElement("span");
      badge.className = "cong-filter-count";
      badge.textContent = active + " đang áp dụng";
      button.append(" ", badge);
    }
    changelist.parentNode.insertBefore(button, changelist);
    // Beside the list (a laptop) the panel stays open from page to page once opened, to
    // narrow a search step by step; on a phone it closes to show what was found.
    var store = session();
    if (!PHONE.matches && store && store.getItem(FILTERS_OPEN) === "open") {
      button.setAttribute("aria-expanded", "true");
    }

    function show() {
      var open = button.getAttribute("aria-expanded") === "true";
      panel.hidden = NARROW.matches && !open;
      panel.classList.toggle("cong-filter-open", NARROW.matches && open);
    }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      if (store && !PHONE.matches) {
        store.setItem(FILTERS_OPEN, open ? "open" : "closed");
      }
      show();
    });
    NARROW.addEventListener("change", show);
    show();
  }

  /* The admin's menu on lists -------------------------------------------------------------- */

  // Django's menu (nav_sidebar.js, run before this script) remembers one choice for every
  // page. On a list below NARROW it starts closed, unless it was opened on a list before;
  // that choice is kept apart, so other pages keep Django's.
  var LIST_MENU = "cong.admin.navSidebarOnLists";
  var DJANGO_MENU = "django.admin.navSidebarIsOpen";

  function menuOnLists() {
    var main = document.getElementById("main");
    var toggle = document.getElementById("toggle-nav-sidebar");
    var sidebar = document.getElementById("nav-sidebar");
    if (!main || !toggle || !sidebar || !document.body.classList.contains("change-list") ||
        !NARROW.matches) {
      return;
    }
    var stored = function (key) {
      try { return window.localStorage.getItem(key); } catch (error) { return null; }
    };
    var store = function (key, value) {
      try {
        if (value === null) {
          window.localStorage.removeItem(key);
        } else {
          window.localStorage.setItem(key, value);
        }
      } catch (error) { /* private mode: the choice lasts for this page */ }
    };
    var djangoChoice = stored(DJANGO_MENU);
    var open = stored(LIST_MENU) === "open";
    main.classList.toggle("shifted", open);
    sidebar.setAttribute("aria-expanded", String(open));
    // After Django's own listener, which toggles the menu and stores its choice.
    toggle.addEventListener("click", function () {
      var nowOpen = main.classList.contains("shifted");
      sidebar.setAttribute("aria-expanded", String(nowOpen));
      store(LIST_MENU, nowOpen ? "open" : "closed");
      store(DJANGO_MENU, djangoChoice);
    });
  }

  /* Column names on cells ---------------------------------------------------------------- */

  function columnNames(table) {
    var names = {};
    table.querySelectorAll("thead th").forEach(function (header) {
      header.classList.forEach(function (name) {
        if (name.indexOf("column-") === 0) {
          names[name.slice(7)] = text(header);
        }
      });
    });
    return names;
  }

  function labelCells(table, names, skip) {
    table.querySelectorAll("tbody td, tbody th").forEach(function (cell) {
      cell.classList.forEach(function (name) {
        if (name.indexOf("field-") !== 0) {
          return;
        }
        var label = names[name.slice(6)];
        if (!label || (skip && skip(cell))) {
          return;
        }
        cell.setAttribute("data-label", label);
        cell.querySelectorAll("input, select, textarea").forEach(function (input) {
          var hidden = input.type === "hidden" || input.classList.contains("cong-file-input");
          if (!hidden && !input.labels.length && !input.hasAttribute("aria-label")) {
            input.setAttribute("aria-label", label);
          }
        });
        var contents = cell.querySelector(":scope > p");
        var bare = contents && cell.children.length === 1 && !contents.children.length;
        if (bare && EMPTY.indexOf(contents.textContent.trim()) !== -1) {
          cell.classList.add("cong-empty");  // a read-only value of a form not saved yet
        }
      });
    });
  }

  function labelLists() {
    var table = document.getElementById("result_list");
    if (!table) {
      return;
    }
    // The row's own link (the first column Django makes a heading) needs no name.
    labelCells(table, columnNames(table), function (cell) { return cell.tagName === "TH"; });
    table.classList.add("cong-cards");
  }

  function labelInlines() {
    document.querySelectorAll(".inline-group .tabular table").forEach(function (table) {
      labelCells(table, columnNames(table));
      table.querySelectorAll("tbody td.delete").forEach(function (cell) {
        if (cell.querySelector("input")) {
          cell.setAttribute("data-label", text(table.querySelector("thead th:last-child")));
        }
      });
    });
  }

  /* File inputs -------------------------------------------------------------------------- */

  function enhanceFileInput(input) {
    if (input.classList.contains("cong-file-input") || input.closest(".ck") || !input.id) {
      return;
    }
    input.classList.add("cong-file-input");
    var button = document.createElement("label");
    button.className = "cong-file-button";
    button.htmlFor = input.id;
    button.textContent = input.multiple ? "Chọn các tệp" : "Chọn tệp";
    var name = document.createElement("span");
    name.className = "cong-file-name";
    name.setAttribute("aria-live", "polite");
    name.textContent = NO_FILE;
    var box = document.createElement("span");
    box.className = "cong-file";
    box.append(button, name);
    input.after(box);
  }

  function enhanceFileInputs(root) {
    root.querySelectorAll("input[type=file]").forEach(enhanceFileInput);
  }

  // Delegated: rows that Django's inlines add are clones, without listeners of their own.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("cong-file-input")) {
      return;
    }
    var box = input.nextElementSibling;
    var name = box && box.querySelector(".cong-file-name");
    var files = Array.prototype.slice.call(input.files || []);
    if (name) {
      name.textContent = files.length ? files.map(function (f) { return f.name; }).join(", ")
        : NO_FILE;
    }
    var preview = box && box.nextElementSibling;
    preview = preview && preview.classList.contains("cong-file-preview") ? preview : null;
    if (preview) {
      URL.revokeObjectURL(preview.src);
      preview.remove();
    }
    if (files.length === 1 && files[0].type.indexOf("image/") === 0) {
      preview = document.createElement("img");
      preview.className = "cong-file-preview";
      preview.alt = "Ảnh vừa chọn: " + files[0].name;
      preview.src = URL.createObjectURL(files[0]);
      (box || input).after(preview);
    }
  });

  /* The browser's own messages for a form it refuses to send ---------------------------- */

  // They follow the browser's language ("Please fill out this field."); these are Django's
  // messages for the same mistakes, as the portal's catalogue words them.
  function browserCheckMessage(input) {
    var v = input.validity;
    if (v.valueMissing) {
      return input.type === "file" ? "Hãy chọn một tệp." : "Trường này là bắt buộc.";
    }
    if (v.typeMismatch && input.type === "email") {
      return "Hãy nhập một địa chỉ email hợp lệ.";
    }
    if (v.typeMismatch && input.type === "url") {
      return "Hãy nhập một địa chỉ web (URL) hợp lệ.";
    }
    if (v.rangeUnderflow) {
      return "Giá trị phải lớn hơn hoặc bằng " + input.min + ".";
    }
    if (v.rangeOverflow) {
      return "Giá trị phải nhỏ hơn hoặc bằng " + input.max + ".";
    }
    if (v.stepMismatch || v.badInput) {
      return "Hãy nhập một số hợp lệ.";
    }
    if (v.tooLong) {
      return "Nội dung dài quá " + input.maxLength + " ký tự.";
    }
    return "";
  }

  document.addEventListener("invalid", function (event) {
    var input = event.target;
    if (input.setCustomValidity && !input.closest(".ck")) {
      input.setCustomValidity("");
      input.setCustomValidity(browserCheckMessage(input));
    }
  }, true);
  ["input", "change"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.setCustomValidity) {
        event.target.setCustomValidity("");
      }
    }, true);
  });

  /* Files chosen for a form the server sent back with errors -------------------------- */

  // A browser cannot put a chosen file back into a file box: after a save refused for an
  // error elsewhere, the files are gone. Say so at each box that had one, by name; not at
  // a box whose file is kept anyway (data-kept-when-refused: it went into the library).
  var CHOSEN = "cong.admin.chosenFiles";
  var CHOSEN_FOR_MS = 10 * 60 * 1000;

  function session() {
    try { return window.sessionStorage; } catch (error) { return null; }
  }

  document.addEventListener("submit", function (event) {
    var store = session();
    var form = event.target;
    if (!store || !form.querySelectorAll) {
      return;
    }
    var chosen = {};
    form.querySelectorAll("input[type=file]").forEach(function (input) {
      var names = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
      if (input.name && names.length && !input.hasAttribute("data-kept-when-refused")) {
        chosen[input.name] = names;
      }
    });
    store.setItem(CHOSEN, JSON.stringify({
      page: window.location.pathname, at: Date.now(), files: chosen,
    }));
  });

  function lostFilesNote(names) {
    var what = names.map(function (name) { return "“" + name + "”"; }).join(", ");
    var why = document.body.classList.contains("model-article") ? "bài còn lỗi" :
      "biểu mẫu còn lỗi";
    return (names.length > 1 ? "Các tệp " : "Tệp ") + what + " chưa được lưu vì " + why +
      "; hãy chọn lại " + (names.length > 1 ? "các tệp." : "tệp.");
  }

  function showLostFiles() {
    var store = session();
    var saved = store && store.getItem(CHOSEN);
    if (!saved) {
      return;
    }
    store.removeItem(CHOSEN);
    var chosen;
    try { chosen = JSON.parse(saved); } catch (error) { return; }
    var refused = document.querySelector(".errornote, .errorlist");
    if (!refused || chosen.page !== window.location.pathname ||
        Date.now() - chosen.at > CHOSEN_FOR_MS) {
      return;
    }
    Object.keys(chosen.files).forEach(function (name) {
      var input = document.querySelector("input[type=file][name='" + name + "']");
      if (!input || (input.files && input.files.length)) {
        return;
      }
      var note = document.createElement("p");
      note.className = "cong-file-lost";
      note.setAttribute("role", "alert");
      note.textContent = lostFilesNote(chosen.files[name]);
      var box = input.nextElementSibling;
      (box && box.classList.contains("cong-file") ? box : input).after(note);
      input.addEventListener("change", function () { note.remove(); }, {once: true});
    });
  }

  document.addEventListener("formset:added", function (event) {
    enhanceFileInputs(event.target);
  });

  function start() {
    menuOnLists();
    foldFilters();
    enhanceFileInputs(document);
    showLostFiles();
    labelLists();
    labelInlines();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
