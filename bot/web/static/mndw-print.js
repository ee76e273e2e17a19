/*
 * MND chat widget: the conversation on paper or in a file, for an appointment (see widget.js).
 * "Print or save as PDF" opens the browser's print dialog; the print stylesheet (widget.css,
 * @media print) then shows a clean, dated page: each question, each answer with its source, the
 * disclaimer, no controls, black on white. Printing from the browser's menu while the chat is open
 * gives the same page. "Save to a file" makes the same page as an HTML file in the browser itself
 * (it works offline; nothing is sent anywhere).
 */
(function (W) {
  "use strict";

  var el = W.el;
  var DISCLAIMER = "For learning only, not medical advice. This assistant gives general information about " +
    "motor neuron disease and cannot diagnose anyone. Talk to your own healthcare team about your health. " +
    "In an emergency, call your local emergency number.";

  W.extraTools = W.extraTools || [];

  // The date in words ("30 November 2026", "November 30, 2026"): 05/06 reads differently in different countries.
  function today() {
    var lang = document.documentElement.lang || undefined;
    try {
      return new Date().toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
    } catch (e) {
      return new Date().toDateString();
    }
  }

  var printDate = el("p", { "class": "mndw-print-date" });
  W.printHead = el("div", { "class": "mndw-print-head" }, [
    el("p", { "class": "mndw-print-title", text: "Conversation with the MND education assistant" }),
    printDate,
    el("p", { "class": "mndw-print-note", text: DISCLAIMER })
  ]);

  function stamp() { printDate.textContent = "Printed " + today(); }

  // What was said, in order: [{who: "You" | "Assistant" | "Please note" | "Urgent", text, from}].
  function transcript() {
    return W.state.items.filter(function (item) { return item.text; }).map(function (item) {
      var kind = W.kindOf(item);
      var who = item.role === "user" ? "You" : kind === "emergency" ? "Urgent" : kind === "disclaimer" ? "Please note" : "Assistant";
      var from = item.role === "user" ? [] : W.citations(item.custom);
      return { who: who, text: item.text, from: from.length ? "From: " + from.join("; ") : "" };
    });
  }

  var FILE_STYLE = "body{font:16px/1.5 system-ui,Arial,sans-serif;color:#000;background:#fff;max-width:44em;" +
    "margin:1.5em auto;padding:0 1em}h1{font-size:1.4em}.note{border:2px solid #000;padding:.5em .75em}" +
    "ol{list-style:none;padding:0}li{border:1px solid #000;border-radius:.3em;padding:.5em .75em;margin:.75em 0;" +
    "break-inside:avoid}li.you{border-width:2px;margin-left:2em}.who{font-weight:700;margin:0}" +
    ".text{white-space:pre-wrap;margin:.2em 0}.from{font-style:italic;margin:.3em 0 0}";

  // A whole HTML page of the conversation, built with the DOM (every text as text, never markup).
  function savedPage() {
    var doc = document.implementation.createHTMLDocument("Conversation with the MND education assistant, " + today());
    doc.documentElement.setAttribute("lang", document.documentElement.lang || "en");
    var meta = doc.createElement("meta");
    meta.setAttribute("charset", "utf-8");
    doc.head.insertBefore(meta, doc.head.firstChild);
    var style = doc.createElement("style");
    style.textContent = FILE_STYLE;
    doc.head.appendChild(style);
    function add(parent, tag, cls, text) {
      var node = doc.createElement(tag);
      if (cls) node.className = cls;
      if (text) node.textContent = text;
      parent.appendChild(node);
      return node;
    }
    add(doc.body, "h1", "", "Conversation with the MND education assistant");
    add(doc.body, "p", "", "Saved " + today());
    add(doc.body, "p", "note", DISCLAIMER);
    var list = add(doc.body, "ol", "", "");
    transcript().forEach(function (m) {
      var li = add(list, "li", m.who === "You" ? "you" : "bot", "");
      add(li, "p", "who", m.who);
      add(li, "p", "text", m.text);
      if (m.from) add(li, "p", "from", m.from);
    });
    return "<!doctype html>\n" + doc.documentElement.outerHTML + "\n";
  }

  function fileName() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return "mnd-conversation-" + d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + ".html";
  }

  var printBtn = W.button("mndw-btn-quiet mndw-print", "Print or save as PDF");
  var saveBtn = W.button("mndw-btn-quiet mndw-save", "Save to a file");
  W.extraTools.push(printBtn, saveBtn);

  printBtn.addEventListener("click", function () {
    stamp();
    window.print();
  });

  saveBtn.addEventListener("click", function () {
    var url = URL.createObjectURL(new Blob([savedPage()], { type: "text/html;charset=utf-8" }));
    var link = el("a", { href: url, download: fileName(), hidden: true });
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    W.announce("The conversation was saved to a file, " + fileName() + ".", false);
  });

  W.onStart = W.onStart || [];
  W.onStart.push(function () {
    stamp();
    window.addEventListener("beforeprint", stamp);
  });
})(window.__mndw);
