/* The header's menu and search (templates/includes/site_header.html,
   templates/pages/includes/menu.html).

   Without this script every sub-menu is a <details> and the menu and search field are
   shown under the bar. With it:
   - each <details> becomes a disclosure button (WAI-ARIA "disclosure navigation"):
     aria-expanded, aria-controls, one sub-menu open at a time, closed by Esc (focus back
     on its button), by a click or tap outside and when focus leaves it; Arrow keys move
     between the items of the bar and of an open sub-menu, Home and End to the ends;
   - on a phone the "Menu" button opens the menu over the page, the search button the
     search field;
   - the header gets a shadow once the page is scrolled. */
(function () {
  "use strict";
  var root = document.documentElement;
  var header = document.querySelector("[data-site-header]");
  var nav = document.querySelector("[data-site-nav]");
  if (!header || !nav) return;
  var menuToggle = header.querySelector("[data-menu-toggle]");
  var searchToggle = header.querySelector("[data-search-toggle]");
  var search = header.querySelector("[data-site-search]");
  var buttons = [];

  // Sub-menus ----------------------------------------------------------------

  function submenuOf(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  function setExpanded(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    submenuOf(button).hidden = !open;
  }

  function closeAll(except) {
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i] !== except) setExpanded(buttons[i], false);
    }
  }

  function enhance(details) {
    var summary = details.querySelector("summary");
    var list = details.querySelector("ul");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "menu-button";
    while (summary.firstChild) button.appendChild(summary.firstChild);
    button.setAttribute("aria-controls", list.id);
    details.parentNode.insertBefore(button, details);
    details.parentNode.insertBefore(list, details);
    details.parentNode.removeChild(details);
    setExpanded(button, false);
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      closeAll(button);
      setExpanded(button, open);
    });
    buttons.push(button);
  }

  var disclosures = nav.querySelectorAll("[data-menu-disclosure]");
  for (var i = 0; i < disclosures.length; i++) enhance(disclosures[i]);

  function topLevelControls() {
    var items = nav.querySelectorAll(".menu > li"), controls = [], control;
    for (var j = 0; j < items.length; j++) {
      control = items[j].querySelector(":scope > a, :scope > .menu-button");
      if (control) controls.push(control);
    }
    return controls;
  }

  function moveFocus(list, current, key) {
    var index = list.indexOf(current), next;
    if (index < 0) return false;
    if (key === "Home") next = 0;
    else if (key === "End") next = list.length - 1;
    else next = Math.max(0, Math.min(list.length - 1, index + (key === "ArrowDown" || key === "ArrowRight" ? 1 : -1)));
    list[next].focus();
    return true;
  }

  nav.addEventListener("keydown", function (event) {
    var key = event.key, target = event.target, open, links;
    if (key === "Escape") {
      open = target.closest(".has-submenu");
      var button = open && open.querySelector(".menu-button");
      if (button && button.getAttribute("aria-expanded") === "true") {
        setExpanded(button, false);
        button.focus();
        event.preventDefault();
      } else if (nav.classList.contains("is-open")) {
        setMenuOpen(false);
        menuToggle.focus();
        event.preventDefault();
      }
      return;
    }
    if (["ArrowDown", "ArrowUp", "ArrowLeft", "ArrowRight", "Home", "End"].indexOf(key) < 0) return;
    var submenu = target.closest(".submenu");
    if (submenu) {
      links = Array.prototype.slice.call(submenu.querySelectorAll("a"));
      if ((key === "ArrowLeft" || key === "ArrowRight") && !nav.classList.contains("is-open")) {
        links = topLevelControls();
        target = submenu.parentNode.querySelector(".menu-button");
      }
      if (moveFocus(links, target, key)) event.preventDefault();
      return;
    }
    if (target.classList.contains("menu-button") && key === "ArrowDown" && target.getAttribute("aria-expanded") === "true") {
      submenuOf(target).querySelector("a").focus();
      event.preventDefault();
      return;
    }
    if (moveFocus(topLevelControls(), target, key)) event.preventDefault();
  });

  // Focus leaving an open sub-menu (Tab past its last link) closes it; focus leaving the
  // phone's open menu for the page under it closes the menu.
  nav.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (!next) return;
    var item = event.target.closest(".has-submenu");
    if (item && !item.contains(next)) {
      var button = item.querySelector(".menu-button");
      if (button) setExpanded(button, false);
    }
    if (nav.classList.contains("is-open") && !header.contains(next)) setMenuOpen(false);
  });

  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) closeAll(null);
  });

  // The phone's menu and search ----------------------------------------------

  function setMenuOpen(open) {
    if (!menuToggle) return;
    // The menu opens under the header as it stands now (the date line may have scrolled away).
    root.style.setProperty("--menu-top", header.getBoundingClientRect().bottom + "px");
    menuToggle.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
    root.classList.toggle("menu-open", open);
  }

  if (menuToggle) {
    menuToggle.hidden = false;
    menuToggle.addEventListener("click", function () {
      setMenuOpen(menuToggle.getAttribute("aria-expanded") !== "true");
    });
  }
  if (searchToggle && search) {
    searchToggle.hidden = false;
    searchToggle.addEventListener("click", function () {
      var open = searchToggle.getAttribute("aria-expanded") !== "true";
      searchToggle.setAttribute("aria-expanded", open ? "true" : "false");
      search.classList.toggle("is-open", open);
      if (open) search.querySelector("input").focus();
    });
  }
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && search && search.contains(event.target) && searchToggle &&
        searchToggle.getAttribute("aria-expanded") === "true") {
      searchToggle.click();
      searchToggle.focus();
    }
  });
  // Back to the wide layout: the phone's open menu would stay fixed over the page.
  if (window.matchMedia) {
    var wide = window.matchMedia("(min-width: 60em)");
    var onChange = function () { if (wide.matches) setMenuOpen(false); };
    if (wide.addEventListener) wide.addEventListener("change", onChange);
  }

  // A shadow once the page moves under the sticky header.
  var scrolled = false;
  window.addEventListener("scroll", function () {
    var now = window.scrollY > 40;
    if (now !== scrolled) {
      scrolled = now;
      header.classList.toggle("is-scrolled", now);
    }
  }, { passive: true });
}());
