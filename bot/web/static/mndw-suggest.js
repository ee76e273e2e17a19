/*
 * MND chat widget: fewer keystrokes (see widget.js).
 *
 * Suggestions while typing: after two letters, up to five full questions from the fact store's
 * list (suggestions.json, built by `make facts`, filtered here in the browser by mndw-match.js).
 * The keyboard follows the ARIA combobox pattern: Down and Up move through the list (announced
 * through aria-activedescendant while focus stays in the text box), Enter asks the one chosen,
 * Esc closes the list, and a tap or click asks one too. The text box keeps its own textbox role
 * (HTML allows no other role on a textarea) with aria-autocomplete, aria-controls and
 * aria-activedescendant.
 *
 * After answers: "More on this" (the answer's longer details) and "Other topics" (the fact
 * store's other topic questions about the same condition).
 */
(function (W) {
  "use strict";

  var el = W.el;
  var LIMIT = 5;
  var entries = [];
  var shown = [];
  var active = -1;
  var lastCount = -1;

  W.suggestions = el("ul", { id: "mndw-suggestions", "class": "mndw-suggestions", role: "listbox",
    "aria-label": "Suggested questions" });
  W.suggestions.hidden = true;

  function optionId(i) { return "mndw-suggestion-" + i; }

  function close() {
    shown = [];
    active = -1;
    lastCount = -1;
    W.suggestions.hidden = true;
    W.suggestions.textContent = "";
    W.input.removeAttribute("aria-activedescendant");
    if (W.root) W.root.classList.remove("mndw-suggesting");
  }

  // Sending a message (typed, chosen or a button) closes the list.
  W.closeSuggestions = close;

  function setActive(i) {
    active = i;
    Array.prototype.forEach.call(W.suggestions.children, function (li, n) {
      li.setAttribute("aria-selected", n === i ? "true" : "false");
    });
    if (i >= 0) {
      W.input.setAttribute("aria-activedescendant", optionId(i));
      var li = W.suggestions.children[i];
      if (li && li.scrollIntoView) li.scrollIntoView({ block: "nearest" });
    } else {
      W.input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(question) {
    close();
    W.input.value = question;
    W.state.draft = question;
    W.submit();
  }

  function update() {
    var found = entries.length ? W.matchQuestions(entries, W.input.value, LIMIT) : [];
    if (!found.length) {
      if (shown.length) W.announce("No suggestions.", false);
      close();
      return;
    }
    shown = found;
    active = -1;
    W.suggestions.textContent = "";
    found.forEach(function (question, i) {
      var li = el("li", { id: optionId(i), "class": "mndw-suggestion", role: "option", "aria-selected": "false",
        text: question });
      // Keep focus (and the on-screen keyboard) in the text box when an option is pressed.
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });
      li.addEventListener("click", function () { choose(question); });
      W.suggestions.appendChild(li);
    });
    W.suggestions.hidden = false;
    W.root.classList.add("mndw-suggesting");
    // On a short screen, as many as fit (at least one): the list never needs scrolling.
    var list = W.suggestions;
    while (list.children.length > 1 && list.scrollHeight > list.clientHeight + 1) {
      list.removeChild(list.lastElementChild);
      shown.pop();
      found = shown;
    }
    W.input.removeAttribute("aria-activedescendant");
    if (found.length !== lastCount) {
      lastCount = found.length;
      W.announce(found.length + (found.length === 1 ? " suggestion" : " suggestions") +
        ". Down arrow to choose.", false);
    }
  }

  W.onStart = W.onStart || [];
  W.onStart.push(function () {
    var input = W.input;
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", "mndw-suggestions");
    input.addEventListener("input", update);
    input.addEventListener("blur", function () { window.setTimeout(function () {
      if (document.activeElement !== input) close();
    }, 0); });
    input.addEventListener("keydown", function (e) {
      if (W.suggestions.hidden || !shown.length) {
        if (e.key === "ArrowDown" && !e.altKey && input.value.trim() && entries.length) {
          update();
          if (shown.length) { e.preventDefault(); setActive(0); }
        }
        return;
      }
      if (e.key === "ArrowDown") {
        e.preventDefault();
        setActive(active + 1 >= shown.length ? 0 : active + 1);
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        setActive(active <= 0 ? shown.length - 1 : active - 1);
      } else if (e.key === "Enter" && !e.shiftKey && active >= 0) {
        e.preventDefault();
        choose(shown[active]);
      } else if (e.key === "Escape") {
        e.preventDefault(); // the list closes, not the panel
        close();
      } else if (e.key === "Tab") {
        close();
      }
    });
    W.request("GET", W.base + "suggestions.json" + (W.suggestionsVersion ? "?v=" + W.suggestionsVersion : ""))
      .then(function (data) {
        if (data && Array.isArray(data.questions)) {
          entries = data.questions.filter(function (e) { return e && typeof e.q === "string" && e.q; });
        }
      }).catch(function () { /* no suggestions: typing works as before */ });
  });

  // ---------------------------------------------------------------- after answers

  var FOLLOWED = ["answer", "definition", "not_covered"];

  function otherTopics(item) {
    var custom = item.custom || {};
    return entries.filter(function (e) {
      return e.c && e.c === custom.condition && e.t !== custom.topic;
    }).map(function (e) { return e.q; });
  }

  W.answerFollowUps = function (item) {
    var custom = item.custom || {};
    if (FOLLOWED.indexOf(W.kindOf(item)) === -1) return [];
    var more = [{ title: "More on this", payload: "/ask_more", display: "More on this" }];
    if (custom.condition && custom.topic) more.push({ title: "Other topics", topics: true });
    return more;
  };

  // "Other topics" opens the questions in place of itself, in the same answer.
  W.showOtherTopics = function (item, button) {
    var questions = otherTopics(item);
    var group = button.parentNode;
    if (!questions.length) {
      W.announce("No other topics are listed for this.", false);
      return;
    }
    var list = W.renderButtons(questions.map(function (q) { return { title: q, payload: q }; }), "Other topics");
    list.classList.add("mndw-other-topics");
    group.parentNode.insertBefore(list, group.nextSibling);
    button.parentNode.removeChild(button);
    list.firstChild.focus();
    W.announce(questions.length + " other topics.", false);
  };
})(window.__mndw);
