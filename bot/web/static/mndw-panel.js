/*
 * MND chat widget: the panel, its layout and tools menu, keyboard access (skip link,
 * shortcut, Esc, Tab kept inside when it covers the page), and start-up (see widget.js).
 */
(function (W) {
  "use strict";

  var el = W.el;
  var SHORTCUT = "Alt+Shift+C";

  // ---------------------------------------------------------------- build the widget

  var root = W.root = el("div", { "class": "mndw", "data-mndw": "" });

  var skip = el("a", { "class": "mndw-skip", href: "#mndw-input", text: "Skip to the chat (" + SHORTCUT + ")" });

  var launcher = el("button", {
    type: "button",
    "class": "mndw-launcher mndw-btn mndw-btn-primary",
    "aria-expanded": "false",
    "aria-controls": "mndw-panel",
    "aria-keyshortcuts": SHORTCUT
  }, [W.icon(W.ICON_CHAT), el("span", { text: W.title })]);

  var panel = el("section", { id: "mndw-panel", "class": "mndw-panel", "aria-labelledby": "mndw-title" });
  panel.hidden = true;

  var title = el("h2", { id: "mndw-title", "class": "mndw-title", text: W.title });
  var menuBtn = W.button("mndw-btn-quiet mndw-menu", "Menu", { "aria-expanded": "false", "aria-controls": "mndw-tools" });
  var closeBtn = el("button", { type: "button", "class": "mndw-btn mndw-btn-quiet mndw-close" },
    ["Close", W.srOnly(" chat")]);
  var head = el("div", { "class": "mndw-head" }, [title, menuBtn, closeBtn]);

  var smallerBtn = el("button", { type: "button", "class": "mndw-btn mndw-btn-quiet mndw-smaller" },
    [el("span", { "aria-hidden": "true", text: "A\u2212" }), W.srOnly("A\u2212 smaller text")]);
  var largerBtn = el("button", { type: "button", "class": "mndw-btn mndw-btn-quiet mndw-larger" },
    [el("span", { "aria-hidden": "true", text: "A+" }), W.srOnly("A+ larger text")]);
  var restartBtn = W.button("mndw-btn-quiet mndw-restart", "Start again");
  var forgetBtn = W.button("mndw-btn-quiet mndw-forget", "Forget this conversation");
  W.tools = el("div", { id: "mndw-tools", "class": "mndw-tools", role: "group", "aria-label": "Chat options" },
    [smallerBtn, largerBtn].concat(W.extraTools || [], [restartBtn, forgetBtn]));

  var input = W.input = el("textarea", {
    id: "mndw-input", "class": "mndw-input", rows: "2", autocomplete: "off", placeholder: "Your question",
    spellcheck: "true", "aria-describedby": "mndw-hint", maxlength: "2000"
  });
  var sendBtn = el("button", { type: "submit", "class": "mndw-btn mndw-btn-primary mndw-send", text: "Send" });
  W.entry = el("div", { "class": "mndw-row mndw-entry" }, [input, sendBtn]);
  var form = el("form", { "class": "mndw-form", novalidate: true }, [
    el("label", { "for": "mndw-input", "class": "mndw-label", text: "Your question" }),
    W.entry,
    el("p", {
      id: "mndw-hint", "class": "mndw-hint",
      text: "Enter sends. Shift+Enter starts a new line. Suggestions appear as you type: Down arrow and " +
        "Enter choose one. " + SHORTCUT + " comes back here."
    })
  ]);

  [head, W.printHead, W.tools, W.confirmBox, W.log, W.typing, W.errorBox, W.suggestions, form, W.politeLive, W.urgentLive].forEach(
    function (part) { panel.appendChild(part); });
  root.appendChild(launcher);
  root.appendChild(panel);

  // ---------------------------------------------------------------- sheets: the menu and the confirm

  // The tools menu and the "are you sure?" question each take the conversation's place while
  // open: the panel never has more than one scroll area, and what they offer is always in view.
  var sheet = null;
  var logScroll = 0;

  W.setSheet = function (name) {
    if (!sheet && name) logScroll = W.log.scrollTop;
    sheet = name;
    root.classList.toggle("mndw-sheet-menu", name === "menu");
    root.classList.toggle("mndw-sheet-confirm", name === "confirm");
    menuBtn.setAttribute("aria-expanded", name === "menu" ? "true" : "false");
    if (!name) W.log.scrollTop = logScroll;
  };

  menuBtn.addEventListener("click", function () {
    if (sheet === "menu") {
      W.setSheet(null);
      return;
    }
    if (!W.confirmBox.hidden) W.hideConfirm(false);
    W.setSheet("menu");
    smallerBtn.focus();
  });

  function closeMenu() {
    if (sheet !== "menu") return false;
    W.setSheet(null);
    menuBtn.focus();
    return true;
  }

  restartBtn.addEventListener("click", function () { W.askStartAgain(restartBtn); });
  forgetBtn.addEventListener("click", function () { W.askForget(forgetBtn); });

  // ---------------------------------------------------------------- text size

  function applyScale(say) {
    var state = W.state;
    root.style.setProperty("--mndw-scale", String(W.SCALES[state.scale]));
    smallerBtn.setAttribute("aria-disabled", state.scale === 0 ? "true" : "false");
    largerBtn.setAttribute("aria-disabled", state.scale === W.SCALES.length - 1 ? "true" : "false");
    applyLayout();
    if (say) W.announce("Text size " + Math.round(W.SCALES[state.scale] * 100) + " percent.", false);
  }

  // aria-disabled (not disabled) so the focused button keeps focus at either end.
  smallerBtn.addEventListener("click", function () {
    if (W.state.scale > 0) { W.state.scale--; W.saveState(); applyScale(true); }
    else W.announce("The text is as small as it goes.", false);
  });
  largerBtn.addEventListener("click", function () {
    if (W.state.scale < W.SCALES.length - 1) { W.state.scale++; W.saveState(); applyScale(true); }
    else W.announce("The text is as large as it goes.", false);
  });

  // ---------------------------------------------------------------- the text box

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) {
      W.announce("Type a question first.", false);
      input.focus();
      return;
    }
    if (W.isBusy()) {
      W.announce("Please wait for the answer to your last question.", false);
      input.focus();
      return;
    }
    input.value = "";
    W.state.draft = "";
    W.send({ display: text, payload: text, fromBox: true });
  });

  W.submit = function () {
    if (typeof form.requestSubmit === "function") form.requestSubmit();
    else form.dispatchEvent(new Event("submit", { cancelable: true }));
  };

  input.addEventListener("keydown", function (e) {
    // Enter on a suggestion chosen with the arrow keys asks that one instead (mndw-suggest.js).
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && !input.hasAttribute("aria-activedescendant")) {
      e.preventDefault();
      W.submit();
    }
  });

  input.addEventListener("input", function () {
    W.state.draft = input.value;
    W.saveState();
  });

  // ---------------------------------------------------------------- open, close, layout

  // Wide screens: the panel is docked beside the page (which is narrowed, so nothing is
  // hidden behind it). Narrow screens and high zoom: it fills the window as a dialog, and
  // Tab stays inside it until it is closed. Narrow, zoomed or with large text, the tools
  // fold into a menu.
  var narrow = window.matchMedia("(max-width: 47.99em)");

  function isOpen() { return !panel.hidden; }

  var madeInert = [];

  function applyLayout() {
    var modal = narrow.matches && isOpen();
    // Narrow, zoomed or large text: a compact heading and text box (widget.css, .mndw-folded).
    root.classList.toggle("mndw-folded", narrow.matches || W.state.scale >= W.LARGE_SCALE);
    if (modal) {
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-modal", "true");
      // The page behind the full-window panel can be neither seen nor reached: make it inert,
      // so Tab never lands on something hidden behind the panel.
      Array.prototype.forEach.call(document.body.children, function (node) {
        if (node !== root && !node.hasAttribute("inert") && madeInert.indexOf(node) === -1) {
          node.setAttribute("inert", "");
          madeInert.push(node);
        }
      });
    } else {
      panel.removeAttribute("role");
      panel.removeAttribute("aria-modal");
      madeInert.forEach(function (node) { node.removeAttribute("inert"); });
      madeInert = [];
    }
    document.documentElement.classList.toggle("mndw-docked", isOpen() && !narrow.matches);
    // While the chat is open, printing (from the tools or the browser's menu) prints the conversation.
    document.documentElement.classList.toggle("mndw-open", isOpen());
    // Closed, the launcher floats over the page: the page gets room at its end to scroll clear of it.
    document.documentElement.classList.toggle("mndw-has-launcher", !isOpen());
    if (!isOpen()) {
      var room = Math.ceil(launcher.getBoundingClientRect().height) + 24;
      document.documentElement.style.setProperty("--mndw-launcher-room", room + "px");
    }
    document.documentElement.classList.toggle("mndw-covering", modal);
  }

  function setOpen(open, moveFocus) {
    if (!open && W.stopReading) W.stopReading();
    panel.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
    W.state.open = open;
    W.saveState();
    applyLayout();
    if (open) W.showNewest();
    if (moveFocus) (open ? input : launcher).focus();
  }

  launcher.addEventListener("click", function () { setOpen(true, true); });
  closeBtn.addEventListener("click", function () {
    if (!W.confirmBox.hidden) W.hideConfirm(false);
    W.setSheet(null);
    setOpen(false, true);
  });

  if (narrow.addEventListener) narrow.addEventListener("change", applyLayout);
  else if (narrow.addListener) narrow.addListener(applyLayout);

  // The skip link and the shortcut both open the chat and put the cursor in the text box.
  function goToChat() {
    if (!isOpen()) setOpen(true, false);
    input.focus();
  }

  skip.addEventListener("click", function (e) {
    e.preventDefault();
    goToChat();
  });

  document.addEventListener("keydown", function (e) {
    if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === "KeyC") {
      e.preventDefault();
      goToChat();
    }
  });

  panel.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !e.defaultPrevented) {
      // Esc closes the menu first, then the panel (docked or covering the page).
      e.preventDefault();
      if (!closeMenu()) setOpen(false, true);
      return;
    }
    if (e.key !== "Tab" || !(narrow.matches && isOpen())) return;
    var focusables = Array.prototype.filter.call(
      panel.querySelectorAll("button, textarea, a[href], [tabindex]:not([tabindex='-1'])"),
      function (n) { return n.tabIndex >= 0 && !n.closest("[hidden]") && n.getClientRects().length; }
    );
    if (!focusables.length) return;
    var firstF = focusables[0];
    var lastF = focusables[focusables.length - 1];
    if (e.shiftKey && (document.activeElement === firstF || !panel.contains(document.activeElement))) {
      e.preventDefault();
      lastF.focus();
    } else if (!e.shiftKey && document.activeElement === lastF) {
      e.preventDefault();
      firstF.focus();
    }
  });

  // ---------------------------------------------------------------- start

  function start() {
    var state = W.state;
    // A message that was on its way when the page was closed did not arrive: it is unsent.
    state.items.forEach(function (item) { if (item.sending) item.sending = false; });
    document.body.insertBefore(skip, document.body.firstChild);
    document.body.appendChild(root);
    applyScale(false);
    W.renderAll();
    input.value = state.draft || "";
    var open = state.open === null || state.open === undefined ? W.openByDefault : state.open;
    setOpen(open, false);
    if (state.pending && W.findItem(state.pending.itemId)) {
      if (state.pending.fromBox && !input.value.trim()) input.value = state.pending.display;
      W.showError("Your last message has not been sent yet. It is kept. Choose Try again to send it.", W.deliver);
    } else if (state.pending) {
      state.pending = null;
      W.saveState();
    }
    W.showNewest();
    (W.onStart || []).forEach(function (fn) { fn(); });
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})(window.__mndw);
