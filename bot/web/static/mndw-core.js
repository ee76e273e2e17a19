/*
 * MND chat widget: settings, the saved state, DOM helpers and announcements (see widget.js).
 */
(function (W) {
  "use strict";

  W.WEBHOOK = W.base + "webhook";
  W.SESSION = W.base + "session";
  W.CONVERSATIONS = W.base + "conversations/";
  W.STORE_KEY = "mnd-widget:v1:" + W.base;
  W.SCALES = [1, 1.125, 1.25, 1.5, 1.75, 2];
  // From this text size on, the tools fold into a menu as on narrow screens.
  W.LARGE_SCALE = 3;
  var DEFAULT_SCALE = 1;
  var MAX_ITEMS = 300;
  // A request that never ends would leave "typing..." up for ever; after this long the
  // person gets the "Try again" state instead. This limits the server, never the person.
  W.REQUEST_TIMEOUT_MS = 90000;
  W.STARTERS = ["What is MND?", "What are the types of MND?", "Is MND inherited?", "How is MND treated?"];
  var SVG = "http://www.w3.org/2000/svg";

  // ---------------------------------------------------------------- storage

  var memoryStore = null; // used when localStorage is unavailable (private mode, blocked)

  // A conversation's sender id and its proof are issued by the server (POST session) just before
  // its first request (mndw-talk.js); until then both are null.
  W.freshState = function (previous) {
    return {
      v: 1,
      sender: null,
      proof: null,
      items: [],
      draft: "",
      pending: null,
      scale: previous ? previous.scale : DEFAULT_SCALE,
      open: previous ? previous.open : null,
      prefs: previous && previous.prefs ? previous.prefs : {},
      nextId: 1
    };
  };

  function loadState() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(W.STORE_KEY);
    } catch (e) {
      raw = memoryStore;
    }
    if (!raw) return null;
    try {
      var s = JSON.parse(raw);
      if (!s || s.v !== 1 || !Array.isArray(s.items)) return null;
      // Saved by an earlier version: a sender id of its own making and no proof (the server refuses it;
      // mndw-talk.js then starts a new conversation).
      if (typeof s.sender !== "string") s.sender = null;
      if (typeof s.proof !== "string") s.proof = null;
      if (typeof s.scale !== "number" || s.scale < 0 || s.scale >= W.SCALES.length) s.scale = DEFAULT_SCALE;
      if (typeof s.draft !== "string") s.draft = "";
      if (typeof s.nextId !== "number") s.nextId = s.items.length + 1;
      if (!s.prefs || typeof s.prefs !== "object") s.prefs = {};
      return s;
    } catch (e) {
      return null;
    }
  }

  W.saveState = function () {
    var state = W.state;
    if (state.items.length > MAX_ITEMS) state.items = state.items.slice(-MAX_ITEMS);
    var raw = JSON.stringify(state);
    try {
      window.localStorage.setItem(W.STORE_KEY, raw);
    } catch (e) {
      memoryStore = raw;
    }
  };

  W.state = loadState() || W.freshState(null);

  W.findItem = function (id) {
    var items = W.state.items;
    for (var i = 0; i < items.length; i++) if (items[i].id === id) return items[i];
    return null;
  };

  // ---------------------------------------------------------------- DOM helpers

  W.el = function (tag, attrs, children) {
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
  };

  W.icon = function (paths, cls) {
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
  };

  W.ICON_CHAT = ["M4 4h16v11H8l-4 4z"];
  W.ICON_WARN = ["M12 2 1 21h22L12 2z", "M11 9h2v6h-2zM11 16.5h2v2h-2z"];

  W.srOnly = function (text) {
    return W.el("span", { "class": "mndw-sr", text: text });
  };

  W.button = function (cls, text, attrs) {
    var a = { type: "button", "class": "mndw-btn " + cls, text: text };
    for (var k in attrs || {}) if (Object.prototype.hasOwnProperty.call(attrs, k)) a[k] = attrs[k];
    return W.el("button", a);
  };

  // ---------------------------------------------------------------- announcements

  // Two regions: polite for replies and notices, assertive for urgent replies only. The
  // conversation list itself is not a live region, so each reply is heard exactly once.
  W.politeLive = W.el("div", { "class": "mndw-sr", "aria-live": "polite", "aria-atomic": "true" });
  W.urgentLive = W.el("div", { "class": "mndw-sr mndw-urgent-live", "aria-live": "assertive", "aria-atomic": "true" });

  W.announce = function (text, urgent) {
    var region = urgent ? W.urgentLive : W.politeLive;
    // Clear first so the same words said twice are still announced.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  };
})(window.__mndw);
