/*
 * MND education chat widget: the loader. Plain JavaScript, no build step, no third-party code.
 *
 * Embed on any page with:
 *   <link rel="stylesheet" href="https://BOT/webhooks/widget/widget.css">
 *   <script src="https://BOT/webhooks/widget/widget.js" defer></script>
 * Options on the script tag: data-open="true" opens the panel on a first visit;
 * data-title="..." changes the panel's heading.
 *
 * The widget is split by job into the files listed in MODULES, loaded from the same place
 * as this one and run in this order; they share one object, window.__mndw:
 *   mndw-core.js    settings, the saved state, DOM helpers, announcements
 *   mndw-render.js  how each message is drawn, and which buttons stay in the Tab order
 *   mndw-talk.js    sending, replies, errors, start again and forget
 *   mndw-feedback.js "Was this helpful? Yes / No" under each answer
 *   mndw-speech.js  "Read aloud" on each reply, and the reading speed
 *   mndw-print.js   print or save the conversation (the page itself is in widget.css, @media print)
 *   mndw-match.js   which suggested questions fit what has been typed
 *   mndw-suggest.js suggestions while typing; "More on this" and "Other topics" after answers
 *   mndw-panel.js   the panel: layout, the tools menu, keyboard, open and close, start-up
 *
 * Accessibility is the point: people with motor neuron disease may type slowly, use a
 * keyboard, a switch, eye gaze or a screen reader, and tire quickly. So: real <button>s
 * that stay, no time limits, focus always visible and never lost, each reply announced
 * once (urgent ones assertively), the transcript and any unsent message kept across
 * reloads, and every reply rendered with textContent only.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__mndWidget) return;
  window.__mndWidget = true;

  var MODULES = ["mndw-core.js", "mndw-render.js", "mndw-talk.js", "mndw-feedback.js", "mndw-speech.js",
    "mndw-print.js", "mndw-match.js", "mndw-suggest.js", "mndw-panel.js"];
  var STYLES = ["mndw-panel.css", "mndw-extras.css", "mndw-print.css"];
  var base = new URL("./", script.src).href; // .../webhooks/widget/
  // The server fills in each file's content hash, so a changed file is fetched afresh and an
  // unchanged one comes from the browser's cache (served as immutable).
  var versions = {/*MNDW_VERSIONS*/};

  window.__mndw = {
    base: base,
    suggestionsVersion: versions["suggestions.json"],
    title: script.getAttribute("data-title") || "Ask about MND",
    openByDefault: script.getAttribute("data-open") === "true"
  };

  var parent = document.head || document.documentElement;
  // Stylesheets first, so the panel is drawn with them (widget.css is linked by the page itself).
  STYLES.forEach(function (name) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = base + name + (versions[name] ? "?v=" + versions[name] : "");
    parent.appendChild(link);
  });
  MODULES.forEach(function (name) {
    var node = document.createElement("script");
    node.src = base + name + (versions[name] ? "?v=" + versions[name] : "");
    node.async = false; // run in the order listed
    parent.appendChild(node);
  });
})();
