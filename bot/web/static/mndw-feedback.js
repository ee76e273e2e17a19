/*
 * MND chat widget: "Was this helpful? Yes / No" under each answer (see widget.js). The choice is
 * sent to the bot, which keeps it with this conversation (Forget deletes it) for the operators.
 */
(function (W) {
  "use strict";

  var el = W.el;
  var FEEDBACK = W.base + "feedback";
  // The kinds the server accepts feedback on (bot/web/feedback.py, RATED_KINDS).
  var RATED = ["answer", "definition", "compare", "not_covered", "no_diagnosis", "out_of_scope"];
  var uid = 0;

  function setPressed(yes, no, helpful) {
    yes.setAttribute("aria-pressed", helpful === true ? "true" : "false");
    no.setAttribute("aria-pressed", helpful === false ? "true" : "false");
  }

  function rate(item, helpful, yes, no) {
    var state = W.state;
    if (!state.sender) return; // an answer on screen always came in a conversation the server issued
    var body = { sender: state.sender, answer: item.text, helpful: helpful };
    W.request("POST", FEEDBACK, body, state.proof).then(function () {
      if (W.state !== state) return;
      item.feedback = helpful;
      W.saveState();
      setPressed(yes, no, helpful);
      W.announce("Thank you. Your answer was noted.", false);
    }).catch(function () {
      W.announce("Your answer could not be saved just now. You can choose Yes or No again later.", false);
    });
  }

  W.answerTools.push(function (item) {
    if (RATED.indexOf(W.kindOf(item)) === -1 || !item.text) return null;
    var id = "mndw-helpful-" + (++uid);
    var yes = W.button("mndw-btn-secondary mndw-helpful-yes", "Yes");
    var no = W.button("mndw-btn-secondary mndw-helpful-no", "No");
    setPressed(yes, no, item.feedback);
    yes.addEventListener("click", function () { rate(item, true, yes, no); });
    no.addEventListener("click", function () { rate(item, false, yes, no); });
    return el("div", { "class": "mndw-helpful", role: "group", "aria-labelledby": id }, [
      el("span", { id: id, "class": "mndw-helpful-q", text: "Was this helpful?" }), yes, no
    ]);
  });
})(window.__mndw);
