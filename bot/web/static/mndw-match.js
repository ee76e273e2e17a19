/*
 * MND chat widget: which suggested questions fit what has been typed so far (see widget.js).
 * Pure and small, so bench/keystrokes.py measures the very code the widget runs.
 *
 * Every typed word must start a word of the question or of its extra words (condition names,
 * other spellings); whole words count more than beginnings, words of the question more than
 * extra words, a question that starts with exactly what was typed most; ties go to the shorter
 * question, then to the list's order (topic questions first).
 */
(function (W) {
  "use strict";

  function words(text) {
    return String(text).toLowerCase().replace(/[\u2018\u2019]/g, "'").split(/[^a-z0-9']+/).filter(Boolean);
  }

  function hit(list, word) {
    var best = 0;
    for (var i = 0; i < list.length; i++) {
      if (list[i] === word) return 2;
      if (list[i].indexOf(word) === 0) best = 1;
    }
    return best;
  }

  // Up to `limit` questions of `entries` ([{q, k}]) for `text`; none until two letters are typed.
  W.matchQuestions = function (entries, text, limit) {
    var typed = words(text);
    if (!typed.length || typed.join("").length < 2) return [];
    var start = typed.join(" ");
    var scored = [];
    entries.forEach(function (entry, index) {
      var own = entry._w || (entry._w = words(entry.q));
      var extra = entry._k || (entry._k = words(entry.k || ""));
      var score = 0;
      for (var i = 0; i < typed.length; i++) {
        var h = hit(own, typed[i]);
        if (h) score += h + 1;
        else if (hit(extra, typed[i])) score += 1;
        else return;
      }
      if (own.join(" ").indexOf(start) === 0) score += 10;
      scored.push({ q: entry.q, score: score, index: index });
    });
    scored.sort(function (a, b) {
      return b.score - a.score || a.q.length - b.q.length || a.index - b.index;
    });
    return scored.slice(0, limit).map(function (s) { return s.q; });
  };
})(window.__mndw);
