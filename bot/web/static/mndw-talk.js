/*
 * MND chat widget: sending messages, showing replies and errors, start again and forget
 * (see widget.js).
 */
(function (W) {
  "use strict";

  var el = W.el;
  var busy = false;

  W.isBusy = function () { return busy; };

  // ---------------------------------------------------------------- the parts this module owns

  W.typing = el("div", { "class": "mndw-typing", role: "status", "aria-live": "polite" });

  var errorText = el("span");
  var retryBtn = W.button("mndw-btn-primary mndw-retry", "Try again");
  W.errorBox = el("div", { "class": "mndw-error" }, [
    el("p", { "class": "mndw-error-text" }, [W.icon(W.ICON_WARN), errorText]),
    retryBtn
  ]);
  W.errorBox.hidden = true;

  var confirmQuestion = el("p", { id: "mndw-confirm-q", "class": "mndw-confirm-q", tabindex: "-1" });
  var confirmDetail = el("p", { id: "mndw-confirm-d", "class": "mndw-confirm-d" });
  var confirmYes = W.button("mndw-btn-primary mndw-confirm-yes", "");
  var confirmNo = W.button("mndw-btn-secondary mndw-confirm-no", "Cancel");
  W.confirmBox = el("div", {
    "class": "mndw-confirm", role: "group", "aria-labelledby": "mndw-confirm-q", "aria-describedby": "mndw-confirm-d"
  }, [confirmQuestion, confirmDetail, el("div", { "class": "mndw-row" }, [confirmYes, confirmNo])]);
  W.confirmBox.hidden = true;

  // ---------------------------------------------------------------- requests

  // A request about a conversation carries its proof; a refused one rejects with the HTTP status
  // and the server's error code (say 403 "sender_not_proven").
  W.request = function (method, url, body, proof) {
    var controller = "AbortController" in window ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, W.REQUEST_TIMEOUT_MS) : null;
    var options = { method: method, headers: { Accept: "application/json" }, credentials: "omit", cache: "no-store" };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    if (proof) options.headers["X-Sender-Proof"] = proof;
    if (controller) options.signal = controller.signal;
    return window.fetch(url, options).then(function (resp) {
      if (timer) window.clearTimeout(timer);
      if (!resp.ok) {
        return resp.json().catch(function () { return null; }).then(function (data) {
          var err = new Error("HTTP " + resp.status);
          err.status = resp.status;
          err.code = data && typeof data.error === "string" ? data.error : null;
          throw err;
        });
      }
      return resp.status === 204 ? null : resp.json();
    }, function (e) {
      if (timer) window.clearTimeout(timer);
      throw e;
    });
  };

  // The server did not recognise this conversation's proof: one saved by an earlier version of the
  // widget, or from before the server's secret changed.
  W.proofRefused = function (e) {
    return !!e && e.status === 403 && e.code === "sender_not_proven";
  };

  // The current conversation, with its sender id and proof; the server issues them on first use.
  W.withSession = function () {
    var state = W.state;
    if (state.sender) return Promise.resolve(state);
    return W.request("POST", W.SESSION).then(function (s) {
      if (!s || typeof s.sender !== "string" || typeof s.proof !== "string") {
        throw new Error("The server did not start a conversation.");
      }
      if (!state.sender) {
        state.sender = s.sender;
        state.proof = s.proof;
        if (W.state === state) W.saveState();
      }
      return state;
    });
  };

  function setTyping(on) {
    var typing = W.typing;
    typing.textContent = "";
    typing.classList.toggle("mndw-typing-on", on);
    if (on) {
      typing.appendChild(el("span", { "class": "mndw-dots", "aria-hidden": "true" },
        [el("span"), el("span"), el("span")]));
      typing.appendChild(el("span", { text: "The assistant is typing\u2026" }));
    }
  }

  var retryAction = null;

  W.showError = function (message, action) {
    retryAction = action;
    errorText.textContent = message;
    W.errorBox.hidden = false;
    W.announce(message, false);
  };

  function hideError() {
    if (W.errorBox.hidden) return;
    if (W.errorBox.contains(document.activeElement)) W.input.focus();
    W.errorBox.hidden = true;
    retryAction = null;
  }

  retryBtn.addEventListener("click", function () {
    var action = retryAction;
    if (action) {
      W.input.focus();
      action();
    }
  });

  // ---------------------------------------------------------------- sending

  W.send = function (p) {
    if (W.closeSuggestions) W.closeSuggestions();
    if (busy) {
      W.announce("Please wait for the answer to your last question.", false);
      return;
    }
    if (!W.confirmBox.hidden) W.hideConfirm(false);
    var state = W.state;
    var userItem = state.pending ? W.findItem(state.pending.itemId) : null;
    if (userItem && state.pending.payload === p.payload) {
      p = state.pending; // the same unsent message again: send it, don't repeat it in the log
    } else {
      userItem = { role: "user", text: p.display, unsent: true, sending: true };
      var li = W.addItem(userItem);
      p.itemId = userItem.id;
      W.settleTabOrder();
      W.scrollToShow(li);
    }
    state.pending = p;
    W.saveState();
    W.deliver();
    W.input.focus();
  };

  function botItem(m, p) {
    if (!m || typeof m !== "object") return null;
    var text = typeof m.text === "string" ? m.text : "";
    var custom = m.custom && typeof m.custom === "object" && !Array.isArray(m.custom) ? m.custom : null;
    var buttons = Array.isArray(m.buttons) ? m.buttons.filter(function (b) {
      return b && typeof b.title === "string";
    }).map(function (b) {
      return { title: b.title, payload: typeof b.payload === "string" ? b.payload : "" };
    }) : [];
    if (!text && !buttons.length) return null;
    var item = { role: "bot", text: text, buttons: buttons, custom: custom };
    // The bot could not answer (kind "error") or did not read it (over the rate limit): offer it again.
    if (custom && (custom.kind === "error" || custom.rate_limited === true)) {
      item.retry = { display: p.display, payload: p.payload };
    }
    return item;
  }

  function received(p, messages) {
    var state = W.state;
    var userItem = W.findItem(p.itemId);
    if (userItem) {
      delete userItem.unsent;
      delete userItem.sending;
      W.replaceItem(userItem);
    }
    state.pending = null;
    if (p.fromBox && W.input.value === p.display) {
      W.input.value = "";
      state.draft = "";
    }
    var said = [];
    var urgent = [];
    messages.forEach(function (m) {
      var item = botItem(m, p);
      if (!item) return;
      W.addItem(item);
      if (W.kindOf(item) === "emergency") urgent.push(item.text);
      else if (item.text) said.push(item.text);
    });
    W.saveState();
    W.settleTabOrder();
    W.showNewest();
    // Each reply is heard once: urgent ones in the assertive region, the rest in the polite one.
    if (urgent.length) W.announce("Urgent: " + urgent.join(" "), true);
    if (said.length) W.announce(said.join(" "), false);
    if (!urgent.length && !said.length) {
      W.announce("The assistant did not reply. You can ask again in other words.", false);
    }
  }

  W.deliver = function () {
    var p = W.state.pending;
    if (!p || busy) return;
    busy = true;
    hideError();
    setTyping(true);
    var state = W.state;
    var sending = W.findItem(p.itemId);
    if (sending && !sending.sending) {
      sending.sending = true;
      W.replaceItem(sending);
    }
    W.withSession().then(function (session) {
      return W.request("POST", W.WEBHOOK, { sender: session.sender, message: p.payload }, session.proof);
    }).then(function (messages) {
      if (!Array.isArray(messages)) throw new Error("The reply was not a list of messages.");
      busy = false;
      setTyping(false);
      if (W.state !== state) return; // the person started again meanwhile
      received(p, messages);
    }).catch(function (e) {
      busy = false;
      setTyping(false);
      if (W.state !== state) return;
      if (W.proofRefused(e) && !p.afresh) {
        continueAfresh(p);
        return;
      }
      var failed = W.findItem(p.itemId);
      if (failed) {
        failed.sending = false;
        W.replaceItem(failed);
      }
      if (p.fromBox && !W.input.value.trim()) {
        W.input.value = p.display;
        W.state.draft = p.display;
      }
      W.saveState();
      var why = e && e.status && e.status < 500 && e.status !== 408 && e.status !== 429
        ? "The assistant could not accept this message."
        : "The assistant can't be reached right now.";
      W.showError(why + " Your message is kept. Choose Try again when you are ready.", W.deliver);
    });
  };

  // What the widget itself has to say, shown in the conversation (and heard once, by startOver).
  function notice(text) {
    var li = W.addItem({ role: "bot", text: text, buttons: [], custom: { kind: "notice" } });
    W.saveState();
    W.settleTabOrder();
    W.scrollToShow(li);
  }

  var AFRESH = "This conversation began in an earlier version of this chat and cannot be continued, " +
    "so a new one has started. Your question is asked again here.";
  var NOT_DELETED = "This conversation has been cleared from this device. The assistant could not delete " +
    "its own copy, because the conversation began in an earlier version of this chat.";

  // A conversation the server no longer accepts (kept from an earlier version of the widget) cannot
  // go on: a new one starts, and the question is asked again there, once.
  function continueAfresh(p) {
    W.startOver(AFRESH);
    notice(AFRESH);
    W.send({ display: p.display, payload: p.payload, fromBox: p.fromBox, afresh: true });
  }

  // ---------------------------------------------------------------- confirm, start again, forget

  var confirmAction = null;
  var confirmReturn = null;

  // The question takes the conversation's place, so "Yes" and "Cancel" are in view at any size.
  W.showConfirm = function (opts) {
    confirmAction = opts.onYes;
    confirmReturn = opts.returnFocus;
    confirmQuestion.textContent = opts.question;
    confirmDetail.textContent = opts.detail;
    confirmYes.textContent = opts.yes;
    W.confirmBox.hidden = false;
    W.setSheet("confirm");
    confirmQuestion.focus();
  };

  W.hideConfirm = function (restoreFocus) {
    var back = confirmReturn;
    confirmAction = null;
    confirmReturn = null;
    var hadFocus = W.confirmBox.contains(document.activeElement);
    W.confirmBox.hidden = true;
    W.setSheet(restoreFocus && back && back.closest(".mndw-tools") ? "menu" : null);
    if (restoreFocus && back) back.focus();
    else if (hadFocus) W.input.focus();
  };

  W.startOver = function (message) {
    if (W.stopReading) W.stopReading();
    W.state = W.freshState(W.state);
    busy = false;
    setTyping(false);
    W.errorBox.hidden = true;
    retryAction = null;
    W.input.value = "";
    W.saveState();
    W.renderAll();
    W.log.scrollTop = 0;
    W.input.focus();
    W.announce(message, false);
  };

  var FORGOTTEN = "This conversation has been forgotten, here and by the assistant.";

  function forget() {
    var state = W.state;
    if (!state.sender) { // nothing was ever sent: the server has nothing of it
      W.startOver(FORGOTTEN);
      return;
    }
    var url = W.CONVERSATIONS + encodeURIComponent(state.sender);
    W.request("DELETE", url, undefined, state.proof).then(function (reply) {
      if (W.state !== state) return;
      // The server has deleted it; a last copy may wait for a backup to finish (README "What is logged and kept").
      W.startOver(reply && reply.removal_pending
        ? "This conversation has been forgotten here and deleted by the assistant. A last copy is removed as soon as its storage is free."
        : FORGOTTEN);
    }).catch(function (e) {
      if (W.state !== state) return;
      if (W.proofRefused(e)) {
        W.startOver(NOT_DELETED);
        notice(NOT_DELETED);
        return;
      }
      W.showError("The conversation could not be forgotten just now. It is still here. Choose Try again.", function () {
        hideError();
        forget();
      });
    });
  }

  W.askStartAgain = function (returnFocus) {
    W.showConfirm({
      question: "Start a new conversation?",
      detail: "This clears the conversation from this screen. To delete it from the assistant as well, " +
        "use Forget this conversation instead.",
      yes: "Yes, start again",
      returnFocus: returnFocus,
      onYes: function () { W.startOver("New conversation started."); }
    });
  };

  W.askForget = function (returnFocus) {
    W.showConfirm({
      question: "Forget this conversation?",
      detail: "This deletes the conversation from this device and from the assistant's records. It cannot be undone.",
      yes: "Yes, forget it",
      returnFocus: returnFocus,
      onYes: forget
    });
  };

  confirmYes.addEventListener("click", function () {
    var action = confirmAction;
    W.hideConfirm(false);
    W.input.focus();
    if (action) action();
  });
  confirmNo.addEventListener("click", function () { W.hideConfirm(true); });
  W.confirmBox.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      W.hideConfirm(true);
    }
  });
})(window.__mndw);
