/*
 * MND education chat widget. Plain JavaScript, no build step, no third-party code.
 *
 * Embed on any page with:
 *   <link rel="stylesheet" href="https://BOT/webhooks/widget/widget.css">
 *   <script src="https://BOT/webhooks/widget/widget.js" defer></script>
 * Options on the script tag: data-open="true" opens the panel on a first visit;
 * data-title="..." changes the panel's heading.
 *
 * Accessibility is the point: people with motor neuron disease may type slowly, use a
 * keyboard, a switch, eye gaze or a screen reader, and tire quickly. So: real <button>s
 * that stay, no time limits, focus always visible and never lost, replies announced by a
 * polite live region (urgent ones assertively), the transcript and any unsent message kept
 * across reloads, and every reply rendered with textContent only.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__mndWidget) return;
  window.__mndWidget = true;

  var BASE = new URL("./", script.src).href; // .../webhooks/widget/
  var WEBHOOK = BASE + "webhook";
  var CONVERSATIONS = BASE + "conversations/";
  var STORE_KEY = "mnd-widget:v1:" + BASE;
  var TITLE = script.getAttribute("data-title") || "Ask about MND";
  var OPEN_BY_DEFAULT = script.getAttribute("data-open") === "true";
  var SCALES = [1, 1.125, 1.25, 1.5, 1.75, 2];
  var DEFAULT_SCALE = 1;
  var MAX_ITEMS = 300;
  // A request that never ends would leave "typing..." up for ever; after this long the
  // person gets the "Try again" state instead. This limits the server, never the person.
  var REQUEST_TIMEOUT_MS = 90000;
  var STARTERS = ["What is MND?", "What are the types of MND?", "Is MND inherited?", "How is MND treated?"];
  var SVG = "http://www.w3.org/2000/svg";

  // ---------------------------------------------------------------- storage

  var memoryStore = null; // used when localStorage is unavailable (private mode, blocked)

  function newSenderId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var hex = "";
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] + 256).toString(16).slice(1);
    return "w-" + hex;
  }

  function freshState(previous) {
    return {
      v: 1,
      sender: newSenderId(),
      items: [],
      draft: "",
      pending: null,
      scale: previous ? previous.scale : DEFAULT_SCALE,
      open: previous ? previous.open : null,
      nextId: 1
    };
  }

  function loadState() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(STORE_KEY);
    } catch (e) {
      raw = memoryStore;
    }
    if (!raw) return null;
    try {
      var s = JSON.parse(raw);
      if (!s || s.v !== 1 || typeof s.sender !== "string" || !Array.isArray(s.items)) return null;
      if (typeof s.scale !== "number" || s.scale < 0 || s.scale >= SCALES.length) s.scale = DEFAULT_SCALE;
      if (typeof s.draft !== "string") s.draft = "";
      if (typeof s.nextId !== "number") s.nextId = s.items.length + 1;
      return s;
    } catch (e) {
      return null;
    }
  }

  function saveState() {
    if (state.items.length > MAX_ITEMS) state.items = state.items.slice(-MAX_ITEMS);
    var raw = JSON.stringify(state);
    try {
      window.localStorage.setItem(STORE_KEY, raw);
    } catch (e) {
      memoryStore = raw;
    }
  }

  var state = loadState() || freshState(null);

  // ---------------------------------------------------------------- DOM helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var name in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, name)) continue;
        var value = attrs[name];
        if (value === null || value === undefined || value === false) continue;
        if (name === "text") node.textContent = String(value);
        else node.setAttribute(name, value === true ? "" : String(value));
      }
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function icon(paths, cls) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "mndw-icon " + (cls || ""));
    paths.forEach(function (d) {
      var p = document.createElementNS(SVG, "path");
      p.setAttribute("d", d);
      svg.appendChild(p);
    });
    return svg;
  }

  var ICON_CHAT = ["M4 4h16v11H8l-4 4z"];
  var ICON_WARN = ["M12 2 1 21h22L12 2z", "M11 9h2v6h-2zM11 16.5h2v2h-2z"];

  function srOnly(text) {
    return el("span", { "class": "mndw-sr", text: text });
  }

  // ---------------------------------------------------------------- build the widget

  var root = el("div", { "class": "mndw", "data-mndw": "" });

  var launcher = el("button", {
    type: "button",
    "class": "mndw-launcher mndw-btn mndw-btn-primary",
    "aria-expanded": "false",
    "aria-controls": "mndw-panel"
  }, [icon(ICON_CHAT), el("span", { text: TITLE })]);

  var panel = el("section", { id: "mndw-panel", "class": "mndw-panel", "aria-labelledby": "mndw-title" });
  panel.hidden = true;

  var title = el("h2", { id: "mndw-title", "class": "mndw-title", text: TITLE });
  var closeBtn = el("button", { type: "button", "class": "mndw-btn mndw-btn-quiet mndw-close" },
    ["Close", srOnly(" chat")]);
  var head = el("div", { "class": "mndw-head" }, [title, closeBtn]);

  var smallerBtn = el("button", { type: "button", "class": "mndw-btn mndw-btn-quiet mndw-smaller" },
    [el("span", { "aria-hidden": "true", text: "A\u2212" }), srOnly("A\u2212 smaller text")]);
  var largerBtn = el("button", { type: "button", "class": "mndw-btn mndw-btn-quiet mndw-larger" },
    [el("span", { "aria-hidden": "true", text: "A+" }), srOnly("A+ larger text")]);
  var restartBtn = el("button", { type: "button", "class": "mndw-btn mndw-btn-quiet mndw-restart", text: "Start again" });
  var forgetBtn = el("button", { type: "button", "class": "mndw-btn mndw-btn-quiet mndw-forget",
    text: "Forget this conversation" });
  var tools = el("div", { "class": "mndw-tools", role: "group", "aria-label": "Chat options" },
    [smallerBtn, largerBtn, restartBtn, forgetBtn]);

  var confirmQuestion = el("p", { id: "mndw-confirm-q", "class": "mndw-confirm-q", tabindex: "-1" });
  var confirmDetail = el("p", { id: "mndw-confirm-d", "class": "mndw-confirm-d" });
  var confirmYes = el("button", { type: "button", "class": "mndw-btn mndw-btn-primary mndw-confirm-yes" });
  var confirmNo = el("button", { type: "button", "class": "mndw-btn mndw-btn-secondary mndw-confirm-no", text: "Cancel" });
  var confirmBox = el("div", {
    "class": "mndw-confirm", role: "group", "aria-labelledby": "mndw-confirm-q", "aria-describedby": "mndw-confirm-d"
  }, [confirmQuestion, confirmDetail, el("div", { "class": "mndw-row" }, [confirmYes, confirmNo])]);
  confirmBox.hidden = true;

  var note = el("p", { "class": "mndw-note" }, [
    el("strong", { text: "For learning only, not medical advice." }),
    " In an emergency, call your local emergency number."
  ]);

  var list = el("ol", { "class": "mndw-list" });
  // The note sits at the top of the scrolling conversation, so on a small screen it does not
  // take room from the replies; every conversation's first reply repeats it anyway.
  var log = el("div", {
    "class": "mndw-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
    "aria-label": "Conversation", tabindex: "0"
  }, [note, list]);

  var typing = el("div", { "class": "mndw-typing", role: "status", "aria-live": "polite" });
  var politeLive = el("div", { "class": "mndw-sr", "aria-live": "polite", "aria-atomic": "true" });
  var urgentLive = el("div", { "class": "mndw-sr mndw-urgent-live", "aria-live": "assertive", "aria-atomic": "true" });

  var errorText = el("span");
  var retryBtn = el("button", { type: "button", "class": "mndw-btn mndw-btn-primary mndw-retry", text: "Try again" });
  var errorBox = el("div", { "class": "mndw-error" }, [
    el("p", { "class": "mndw-error-text" }, [icon(ICON_WARN), errorText]),
    retryBtn
  ]);
  errorBox.hidden = true;

  var input = el("textarea", {
    id: "mndw-input", "class": "mndw-input", rows: "2", autocomplete: "off",
    spellcheck: "true", "aria-describedby": "mndw-hint", maxlength: "2000"
  });
  var sendBtn = el("button", { type: "submit", "class": "mndw-btn mndw-btn-primary mndw-send", text: "Send" });
  var form = el("form", { "class": "mndw-form", novalidate: true }, [
    el("label", { "for": "mndw-input", "class": "mndw-label", text: "Your question" }),
    el("div", { "class": "mndw-row mndw-entry" }, [input, sendBtn]),
    el("p", { id: "mndw-hint", "class": "mndw-hint", text: "Enter sends. Shift+Enter starts a new line." })
  ]);

  panel.appendChild(head);
  panel.appendChild(tools);
  panel.appendChild(confirmBox);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(errorBox);
  panel.appendChild(form);
  panel.appendChild(politeLive);
  panel.appendChild(urgentLive);
  root.appendChild(launcher);
  root.appendChild(panel);

  // ---------------------------------------------------------------- announcements

  function announce(text, urgent) {
    var region = urgent ? urgentLive : politeLive;
    // Clear first so the same words said twice are still announced.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // ---------------------------------------------------------------- rendering messages

  function citations(custom) {
    var seen = [];
    var sources = custom && Array.isArray(custom.sources) ? custom.sources : [];
    sources.forEach(function (s) {
      var c = s && typeof s === "object" ? (s.citation || s.title) : null;
      if (typeof c === "string" && c.trim() && seen.indexOf(c.trim()) === -1) seen.push(c.trim());
    });
    return seen;
  }

  // Emergency replies and safety notes carry the numbers to call: shown as tap-to-call links.
  function callLinks(custom) {
    var links = custom && Array.isArray(custom.call) ? custom.call : [];
    var shown = links.filter(function (c) {
      return c && typeof c.label === "string" && typeof c.tel === "string" && /^[0-9+*#]{2,20}$/.test(c.tel);
    });
    if (!shown.length) return null;
    var group = el("p", { "class": "mndw-calls" });
    shown.forEach(function (c) {
      group.appendChild(el("a", { "class": "mndw-btn mndw-call", href: "tel:" + c.tel, text: c.label }));
    });
    return group;
  }

  function kindOf(item) {
    var kind = item.custom && typeof item.custom.kind === "string" ? item.custom.kind : "";
    return kind.replace(/[^a-z_]/g, "");
  }

  function renderItem(item) {
    var li = el("li", { "class": "mndw-msg", "data-id": item.id });
    if (item.role === "user") {
      li.className += " mndw-from-user";
      li.appendChild(el("p", { "class": "mndw-who", text: "You" }));
      li.appendChild(el("div", { "class": "mndw-text", text: item.text }));
      if (item.unsent && !item.sending) {
        li.className += " mndw-unsent";
        li.appendChild(el("p", { "class": "mndw-unsent-note", text: "Not sent yet" }));
      }
      return li;
    }
    var kind = kindOf(item);
    li.className += " mndw-from-bot" + (kind ? " mndw-kind-" + kind : "");
    if (kind === "emergency") {
      li.appendChild(el("p", { "class": "mndw-urgent" }, [icon(ICON_WARN), el("span", { text: "Urgent" })]));
    } else {
      li.appendChild(el("p", { "class": "mndw-who", text: kind === "disclaimer" ? "Please note" : "Assistant" }));
    }
    if (item.text) li.appendChild(el("div", { "class": "mndw-text", text: item.text }));
    var calls = callLinks(item.custom);
    if (calls) li.appendChild(calls);
    var from = citations(item.custom);
    if (from.length) li.appendChild(el("p", { "class": "mndw-from", text: "From: " + from.join("; ") }));
    var buttons = Array.isArray(item.buttons) ? item.buttons.slice() : [];
    // The bot could not answer this time (kind "error"): one press asks the same question again.
    if (kind === "error" && item.retry) buttons.push({
      title: "Ask again: " + item.retry.display, payload: item.retry.payload, display: item.retry.display
    });
    if (buttons.length) li.appendChild(renderButtons(buttons, "Suggested questions"));
    return li;
  }

  function renderButtons(buttons, label) {
    var group = el("div", { "class": "mndw-choices", role: "group", "aria-label": label });
    buttons.forEach(function (b) {
      if (!b || typeof b.title !== "string" || !b.title.trim()) return;
      var payload = typeof b.payload === "string" && b.payload.trim() ? b.payload : b.title;
      var btn = el("button", { type: "button", "class": "mndw-btn mndw-btn-secondary mndw-choice", text: b.title });
      btn.addEventListener("click", function () {
        send({ display: b.display || b.title, payload: payload, fromBox: false });
      });
      group.appendChild(btn);
    });
    return group;
  }

  function renderIntro() {
    var li = el("li", { "class": "mndw-msg mndw-from-bot mndw-intro" }, [
      el("p", { "class": "mndw-who", text: "Assistant" }),
      el("div", {
        "class": "mndw-text",
        text: "Hello. I explain motor neuron disease (MND) in plain words and show where each answer comes from. " +
          "Type a question, or choose one of these:"
      })
    ]);
    li.appendChild(renderButtons(STARTERS.map(function (t) { return { title: t, payload: t }; }), "Example questions"));
    return li;
  }

  function renderAll() {
    list.textContent = "";
    list.appendChild(renderIntro());
    state.items.forEach(function (item) { list.appendChild(renderItem(item)); });
  }

  function replaceItem(item) {
    var old = list.querySelector('li[data-id="' + item.id + '"]');
    if (old) list.replaceChild(renderItem(item), old);
  }

  function scrollToShow(node) {
    // Show the start of a new reply: long answers are read from the top.
    log.scrollTop = Math.max(0, node.offsetTop - 8);
  }

  function addItem(item) {
    item.id = state.nextId++;
    state.items.push(item);
    var li = renderItem(item);
    list.appendChild(li);
    return li;
  }

  // ---------------------------------------------------------------- talking to the bot

  var busy = false;

  function request(method, url, body) {
    var controller = "AbortController" in window ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS) : null;
    var options = { method: method, headers: { Accept: "application/json" }, credentials: "omit", cache: "no-store" };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    if (controller) options.signal = controller.signal;
    return window.fetch(url, options).then(function (resp) {
      if (timer) window.clearTimeout(timer);
      if (!resp.ok) {
        var err = new Error("HTTP " + resp.status);
        err.status = resp.status;
        throw err;
      }
      return resp.status === 204 ? null : resp.json();
    }, function (e) {
      if (timer) window.clearTimeout(timer);
      throw e;
    });
  }

  function setTyping(on) {
    typing.textContent = "";
    typing.classList.toggle("mndw-typing-on", on);
    if (on) {
      typing.appendChild(el("span", { "class": "mndw-dots", "aria-hidden": "true" },
        [el("span"), el("span"), el("span")]));
      typing.appendChild(el("span", { text: "The assistant is typing\u2026" }));
    }
  }

  var retryAction = null;

  function showError(message, action) {
    retryAction = action;
    errorText.textContent = message;
    errorBox.hidden = false;
    announce(message, false);
  }

  function hideError() {
    if (errorBox.hidden) return;
    if (errorBox.contains(document.activeElement)) input.focus();
    errorBox.hidden = true;
    retryAction = null;
  }

  function findItem(id) {
    for (var i = 0; i < state.items.length; i++) if (state.items[i].id === id) return state.items[i];
    return null;
  }

  function send(p) {
    if (busy) {
      announce("Please wait for the answer to your last question.", false);
      return;
    }
    if (!confirmBox.hidden) hideConfirm(false);
    var userItem = state.pending ? findItem(state.pending.itemId) : null;
    if (userItem && state.pending.payload === p.payload) {
      p = state.pending; // the same unsent message again: send it, don't repeat it in the log
    } else {
      userItem = { role: "user", text: p.display, unsent: true, sending: true };
      var li = addItem(userItem);
      p.itemId = userItem.id;
      scrollToShow(li);
    }
    state.pending = p;
    saveState();
    deliver();
    input.focus();
  }

  function deliver() {
    var p = state.pending;
    if (!p || busy) return;
    busy = true;
    hideError();
    setTyping(true);
    var sender = state.sender;
    var sending = findItem(p.itemId);
    if (sending && !sending.sending) {
      sending.sending = true;
      replaceItem(sending);
    }
    request("POST", WEBHOOK, { sender: sender, message: p.payload }).then(function (messages) {
      if (!Array.isArray(messages)) throw new Error("The reply was not a list of messages.");
      busy = false;
      setTyping(false);
      if (state.sender !== sender) return; // the person started again meanwhile
      var userItem = findItem(p.itemId);
      if (userItem) {
        delete userItem.unsent;
        delete userItem.sending;
        replaceItem(userItem);
      }
      state.pending = null;
      if (p.fromBox && input.value === p.display) {
        input.value = "";
        state.draft = "";
      }
      var first = null;
      var firstUrgent = null;
      var urgent = [];
      messages.forEach(function (m) {
        if (!m || typeof m !== "object") return;
        var text = typeof m.text === "string" ? m.text : "";
        var custom = m.custom && typeof m.custom === "object" && !Array.isArray(m.custom) ? m.custom : null;
        var buttons = Array.isArray(m.buttons) ? m.buttons.filter(function (b) {
          return b && typeof b.title === "string";
        }).map(function (b) {
          return { title: b.title, payload: typeof b.payload === "string" ? b.payload : "" };
        }) : [];
        if (!text && !buttons.length) return;
        var item = { role: "bot", text: text, buttons: buttons, custom: custom };
        if (custom && custom.kind === "error") item.retry = { display: p.display, payload: p.payload };
        var li = addItem(item);
        if (!first) first = li;
        if (kindOf(item) === "emergency") {
          urgent.push(text);
          if (!firstUrgent) firstUrgent = li;
        }
      });
      saveState();
      if (firstUrgent || first) scrollToShow(firstUrgent || first);
      if (urgent.length) announce("Urgent: " + urgent.join(" "), true);
      if (!first) {
        announce("The assistant did not reply. You can ask again in other words.", false);
      }
    }).catch(function (e) {
      busy = false;
      setTyping(false);
      if (state.sender !== sender) return;
      var failed = findItem(p.itemId);
      if (failed) {
        failed.sending = false;
        replaceItem(failed);
      }
      if (p.fromBox && !input.value.trim()) {
        input.value = p.display;
        state.draft = p.display;
      }
      saveState();
      var why = e && e.status && e.status < 500 && e.status !== 408 && e.status !== 429
        ? "The assistant could not accept this message."
        : "The assistant can't be reached right now.";
      showError(why + " Your message is kept. Choose Try again when you are ready.", deliver);
    });
  }

  // ---------------------------------------------------------------- confirm, start again, forget

  var confirmAction = null;
  var confirmReturn = null;

  function showConfirm(opts) {
    confirmAction = opts.onYes;
    confirmReturn = opts.returnFocus;
    confirmQuestion.textContent = opts.question;
    confirmDetail.textContent = opts.detail;
    confirmYes.textContent = opts.yes;
    confirmBox.hidden = false;
    confirmQuestion.focus();
  }

  function hideConfirm(restoreFocus) {
    var back = confirmReturn;
    confirmAction = null;
    confirmReturn = null;
    var hadFocus = confirmBox.contains(document.activeElement);
    confirmBox.hidden = true;
    if (restoreFocus && back) back.focus();
    else if (hadFocus) input.focus();
  }

  function startOver(message) {
    state = freshState(state);
    busy = false;
    setTyping(false);
    errorBox.hidden = true;
    retryAction = null;
    input.value = "";
    saveState();
    renderAll();
    log.scrollTop = 0;
    input.focus();
    announce(message, false);
  }

  function forget() {
    var sender = state.sender;
    request("DELETE", CONVERSATIONS + encodeURIComponent(sender)).then(function () {
      if (state.sender === sender) startOver("This conversation has been forgotten, here and by the assistant.");
    }).catch(function () {
      showError("The conversation could not be forgotten just now. It is still here. Choose Try again.", function () {
        hideError();
        forget();
      });
    });
  }

  restartBtn.addEventListener("click", function () {
    showConfirm({
      question: "Start a new conversation?",
      detail: "This clears the conversation from this screen. To delete it from the assistant as well, " +
        "use Forget this conversation instead.",
      yes: "Yes, start again",
      returnFocus: restartBtn,
      onYes: function () { startOver("New conversation started."); }
    });
  });

  forgetBtn.addEventListener("click", function () {
    showConfirm({
      question: "Forget this conversation?",
      detail: "This deletes the conversation from this device and from the assistant's records. It cannot be undone.",
      yes: "Yes, forget it",
      returnFocus: forgetBtn,
      onYes: forget
    });
  });

  confirmYes.addEventListener("click", function () {
    var action = confirmAction;
    hideConfirm(false);
    input.focus();
    if (action) action();
  });
  confirmNo.addEventListener("click", function () { hideConfirm(true); });
  confirmBox.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      hideConfirm(true);
    }
  });

  retryBtn.addEventListener("click", function () {
    var action = retryAction;
    if (action) {
      input.focus();
      action();
    }
  });

  // ---------------------------------------------------------------- text size

  function applyScale(say) {
    root.style.setProperty("--mndw-scale", String(SCALES[state.scale]));
    smallerBtn.setAttribute("aria-disabled", state.scale === 0 ? "true" : "false");
    largerBtn.setAttribute("aria-disabled", state.scale === SCALES.length - 1 ? "true" : "false");
    if (say) announce("Text size " + Math.round(SCALES[state.scale] * 100) + " percent.", false);
  }

  // aria-disabled (not disabled) so the focused button keeps focus at either end.
  smallerBtn.addEventListener("click", function () {
    if (state.scale > 0) { state.scale--; saveState(); applyScale(true); }
    else announce("The text is as small as it goes.", false);
  });
  largerBtn.addEventListener("click", function () {
    if (state.scale < SCALES.length - 1) { state.scale++; saveState(); applyScale(true); }
    else announce("The text is as large as it goes.", false);
  });

  // ---------------------------------------------------------------- the text box

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) {
      announce("Type a question first.", false);
      input.focus();
      return;
    }
    if (busy) {
      announce("Please wait for the answer to your last question.", false);
      input.focus();
      return;
    }
    input.value = "";
    state.draft = "";
    send({ display: text, payload: text, fromBox: true });
  });

  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (typeof form.requestSubmit === "function") form.requestSubmit();
      else form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });

  input.addEventListener("input", function () {
    state.draft = input.value;
    saveState();
  });

  // ---------------------------------------------------------------- open, close, layout

  // Wide screens: the panel is docked beside the page (which is narrowed, so nothing is
  // hidden behind it). Narrow screens and high zoom: it fills the window as a dialog, and
  // Tab stays inside it until it is closed.
  var narrow = window.matchMedia("(max-width: 47.99em)");

  function isOpen() { return !panel.hidden; }

  var madeInert = [];

  function applyLayout() {
    var modal = narrow.matches && isOpen();
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
    document.documentElement.classList.toggle("mndw-covering", modal);
  }

  function setOpen(open, moveFocus) {
    panel.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
    state.open = open;
    saveState();
    applyLayout();
    if (moveFocus) (open ? input : launcher).focus();
  }

  launcher.addEventListener("click", function () { setOpen(true, true); });
  closeBtn.addEventListener("click", function () {
    if (!confirmBox.hidden) hideConfirm(false);
    setOpen(false, true);
  });

  if (narrow.addEventListener) narrow.addEventListener("change", applyLayout);
  else if (narrow.addListener) narrow.addListener(applyLayout);

  panel.addEventListener("keydown", function (e) {
    if (!(narrow.matches && isOpen())) return;
    if (e.key === "Escape" && !e.defaultPrevented) {
      e.preventDefault();
      setOpen(false, true);
      return;
    }
    if (e.key !== "Tab") return;
    var focusables = Array.prototype.filter.call(
      panel.querySelectorAll("button, textarea, [tabindex]:not([tabindex='-1'])"),
      function (n) { return !n.closest("[hidden]") && n.getClientRects().length; }
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
    // A message that was on its way when the page was closed did not arrive: it is unsent.
    state.items.forEach(function (item) { if (item.sending) item.sending = false; });
    document.body.appendChild(root);
    applyScale(false);
    renderAll();
    input.value = state.draft || "";
    var open = state.open === null || state.open === undefined ? OPEN_BY_DEFAULT : state.open;
    setOpen(open, false);
    if (state.pending && findItem(state.pending.itemId)) {
      if (state.pending.fromBox && !input.value.trim()) input.value = state.pending.display;
      showError("Your last message has not been sent yet. It is kept. Choose Try again to send it.", deliver);
    } else if (state.pending) {
      state.pending = null;
      saveState();
    }
    var last = list.lastElementChild;
    if (last) log.scrollTop = log.scrollHeight;
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
