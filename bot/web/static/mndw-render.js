/*
 * MND chat widget: how each message is drawn, where the conversation scrolls to, and which
 * buttons stay in the Tab order (see widget.js).
 */
(function (W) {
  "use strict";

  var el = W.el;

  W.list = el("ol", { "class": "mndw-list" });

  // The one scroll area of the panel. Not a live region: each reply is announced once by
  // W.announce (an urgent one assertively), never a second time by the list growing.
  W.log = el("div", {
    "class": "mndw-log", role: "log", "aria-live": "off", "aria-label": "Conversation", tabindex: "0"
  }, [W.list]);

  // Other modules add controls under answers (read aloud, feedback): fn(item, li) -> node or null.
  W.answerTools = [];

  W.citations = function (custom) {
    var seen = [];
    var sources = custom && Array.isArray(custom.sources) ? custom.sources : [];
    sources.forEach(function (s) {
      var c = s && typeof s === "object" ? (s.citation || s.title) : null;
      if (typeof c === "string" && c.trim() && seen.indexOf(c.trim()) === -1) seen.push(c.trim());
    });
    return seen;
  };

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

  W.kindOf = function (item) {
    var kind = item.custom && typeof item.custom.kind === "string" ? item.custom.kind : "";
    return kind.replace(/[^a-z_]/g, "");
  };

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
    var kind = W.kindOf(item);
    li.className += " mndw-from-bot" + (kind ? " mndw-kind-" + kind : "");
    if (kind === "emergency") {
      li.appendChild(el("p", { "class": "mndw-urgent" }, [W.icon(W.ICON_WARN), el("span", { text: "Urgent" })]));
    } else {
      li.appendChild(el("p", { "class": "mndw-who", text: kind === "disclaimer" ? "Please note" : "Assistant" }));
    }
    if (item.text) li.appendChild(el("div", { "class": "mndw-text", text: item.text }));
    var calls = callLinks(item.custom);
    if (calls) li.appendChild(calls);
    var from = W.citations(item.custom);
    if (from.length) li.appendChild(el("p", { "class": "mndw-from", text: "From: " + from.join("; ") }));
    // Tools come before the suggestions, so from the text box Shift+Tab reaches the suggestions first.
    var tools = W.answerTools.map(function (make) { return make(item, li); }).filter(Boolean);
    if (tools.length) li.appendChild(el("div", { "class": "mndw-answer-tools" }, tools));
    // "More on this", "Other topics" come before the bot's own suggestions, which stay the nearest
    // to the text box (one Shift+Tab).
    var more = W.answerFollowUps ? W.answerFollowUps(item) : [];
    if (more.length) {
      var group = W.renderButtons(more, "More", item);
      group.classList.add("mndw-follow-ups");
      li.appendChild(group);
    }
    var buttons = Array.isArray(item.buttons) ? item.buttons.slice() : [];
    // The bot could not answer this time: one press asks the same question again.
    if (item.retry) buttons.push({
      title: "Ask again: " + item.retry.display, payload: item.retry.payload, display: item.retry.display
    });
    if (buttons.length) li.appendChild(W.renderButtons(buttons, "Suggested questions"));
    return li;
  }

  W.renderButtons = function (buttons, label, item) {
    var group = el("div", { "class": "mndw-choices", role: "group", "aria-label": label });
    buttons.forEach(function (b) {
      if (!b || typeof b.title !== "string" || !b.title.trim()) return;
      var payload = typeof b.payload === "string" && b.payload.trim() ? b.payload : b.title;
      var btn = W.button("mndw-btn-secondary mndw-choice", b.title);
      btn.addEventListener("click", function () {
        if (b.topics) W.showOtherTopics(item, btn);
        else W.send({ display: b.display || b.title, payload: payload, fromBox: false });
      });
      group.appendChild(btn);
    });
    return group;
  };

  function renderIntro() {
    var li = el("li", { "class": "mndw-msg mndw-from-bot mndw-intro" }, [
      el("p", { "class": "mndw-who", text: "Assistant" }),
      // Said first, and short; every conversation's first reply repeats it in full.
      el("p", { "class": "mndw-note", text: "For learning only, not medical advice. In an emergency, call your local emergency number." }),
      el("div", {
        "class": "mndw-text",
        text: "Hello. I explain motor neuron disease (MND) in plain words and show where each answer comes from. " +
          "Type a question, or choose one of these:"
      })
    ]);
    li.appendChild(W.renderButtons(W.STARTERS.map(function (t) { return { title: t, payload: t }; }),
      "Example questions"));
    return li;
  }

  W.renderAll = function () {
    W.list.textContent = "";
    W.list.appendChild(renderIntro());
    W.state.items.forEach(function (item) { W.list.appendChild(renderItem(item)); });
    W.settleTabOrder();
  };

  W.replaceItem = function (item) {
    var old = W.list.querySelector('li[data-id="' + item.id + '"]');
    if (old) W.list.replaceChild(renderItem(item), old);
    W.settleTabOrder();
  };

  W.addItem = function (item) {
    item.id = W.state.nextId++;
    W.state.items.push(item);
    var li = renderItem(item);
    W.list.appendChild(li);
    return li;
  };

  // The bot messages after the person's last message (the intro before any): the newest turn.
  function newestTurn() {
    var turn = [];
    for (var li = W.list.lastElementChild; li; li = li.previousElementSibling) {
      if (li.classList.contains("mndw-from-user")) break;
      turn.unshift(li);
    }
    return turn;
  }

  // Only the newest turn's buttons and links stay in the Tab order: from the text box its
  // suggestions are one Shift+Tab away however long the conversation. Older ones stay on
  // screen, work with a tap, a click or a screen reader, and are skipped by Tab.
  W.settleTabOrder = function () {
    var current = newestTurn();
    Array.prototype.forEach.call(W.list.children, function (li) {
      var old = current.indexOf(li) === -1;
      li.classList.toggle("mndw-old", old);
      Array.prototype.forEach.call(li.querySelectorAll("button, a[href]"), function (control) {
        if (old) control.setAttribute("tabindex", "-1");
        else control.removeAttribute("tabindex");
      });
    });
  };

  W.scrollToShow = function (node) {
    // Show the start of a reply: long answers are read from the top.
    W.log.scrollTop = Math.max(0, node.offsetTop - 8);
  };

  // After a reply, and after a reload: the start of the newest answer (an urgent one first),
  // not the bottom of the list; the disclaimer before it has been said already.
  W.showNewest = function () {
    var turn = newestTurn();
    if (!turn.length) {
      var last = W.list.lastElementChild;
      if (last) W.scrollToShow(last);
      return;
    }
    var pick = null;
    turn.forEach(function (li) { if (!pick && li.classList.contains("mndw-kind-emergency")) pick = li; });
    turn.forEach(function (li) { if (!pick && !li.classList.contains("mndw-kind-disclaimer")) pick = li; });
    W.scrollToShow(pick || turn[0]);
  };
})(window.__mndw);
