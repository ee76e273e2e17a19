/*
 * MND chat widget: "Read aloud" on each reply, with the browser's own speech synthesis (see
 * widget.js). Voices on the device are preferred (nothing is sent anywhere to be spoken); the
 * button turns into "Stop reading" while it reads; the reading speed is set in the tools and
 * remembered. Where the browser has no voice, no button is shown.
 */
(function (W) {
  "use strict";

  var synth = window.speechSynthesis;
  var Utterance = window.SpeechSynthesisUtterance;
  var RATES = [0.6, 0.8, 1, 1.2, 1.5];
  var DEFAULT_RATE = 2;
  var reading = null; // {button, utterance}

  W.extraTools = W.extraTools || [];

  function rateIndex() {
    var r = W.state.prefs.rate;
    return typeof r === "number" && r >= 0 && r < RATES.length ? r : DEFAULT_RATE;
  }

  // A voice for the page's language, one on this device first.
  function pickVoice() {
    if (!synth || typeof synth.getVoices !== "function") return null;
    var voices = synth.getVoices() || [];
    if (!voices.length) return null;
    var lang = (document.documentElement.lang || "en").toLowerCase().slice(0, 2);
    var fits = voices.filter(function (v) { return (v.lang || "").toLowerCase().slice(0, 2) === lang; });
    var pool = fits.length ? fits : voices;
    var local = pool.filter(function (v) { return v.localService; });
    var ranked = (local.length ? local : pool).slice().sort(function (a, b) { return (b.default ? 1 : 0) - (a.default ? 1 : 0); });
    return ranked[0];
  }

  function available() { return !!(synth && Utterance && pickVoice()); }

  function setLabel(button, on) {
    button.textContent = on ? "Stop reading" : "Read aloud";
    button.classList.toggle("mndw-reading", on);
  }

  W.stopReading = function () {
    if (!reading) return;
    var was = reading;
    reading = null;
    setLabel(was.button, false);
    if (synth) synth.cancel();
  };

  function read(item, button) {
    var voice = pickVoice();
    if (!voice) return;
    var mine = reading && reading.button === button;
    W.stopReading();
    if (mine) return; // the button was "Stop reading"
    var u = new Utterance(item.text);
    try { u.voice = voice; } catch (e) { /* not a voice object of this browser: its default is used */ }
    u.lang = voice.lang || document.documentElement.lang || "en";
    u.rate = RATES[rateIndex()];
    var current = { button: button, utterance: u };
    u.onend = u.onerror = function () {
      if (reading === current) {
        reading = null;
        setLabel(button, false);
      }
    };
    reading = current;
    setLabel(button, true);
    synth.speak(u);
  }

  var canSpeak = false;

  // Only where a voice exists: no hidden buttons (they would only get in the way of tests and tools).
  W.answerTools.push(function (item) {
    if (!canSpeak || !item.text) return null;
    var button = W.button("mndw-btn-secondary mndw-read", "Read aloud");
    button.addEventListener("click", function () { read(item, button); });
    return button;
  });

  // ---------------------------------------------------------------- reading speed, in the tools

  var slower = W.button("mndw-btn-quiet mndw-read-slower", "Read slower");
  var faster = W.button("mndw-btn-quiet mndw-read-faster", "Read faster");
  [slower, faster].forEach(function (b) { b.classList.add("mndw-speech-only"); });
  W.extraTools.push(slower, faster);

  function changeRate(step) {
    var next = rateIndex() + step;
    if (next < 0 || next >= RATES.length) {
      W.announce(step < 0 ? "Reading is as slow as it goes." : "Reading is as fast as it goes.", false);
      return;
    }
    W.state.prefs.rate = next;
    W.saveState();
    showRate();
    W.announce("Reading speed " + RATES[next] + " times normal.", false);
  }

  function showRate() {
    slower.setAttribute("aria-disabled", rateIndex() === 0 ? "true" : "false");
    faster.setAttribute("aria-disabled", rateIndex() === RATES.length - 1 ? "true" : "false");
  }

  slower.addEventListener("click", function () { changeRate(-1); });
  faster.addEventListener("click", function () { changeRate(1); });

  // Voices often arrive a moment after the page loads; the buttons are added once one is there.
  function update() {
    var now = available();
    if (W.root) W.root.classList.toggle("mndw-can-speak", now);
    showRate();
    if (now !== canSpeak) {
      canSpeak = now;
      var scroll = W.log.scrollTop;
      W.renderAll();
      W.log.scrollTop = scroll;
    }
  }

  W.onStart = W.onStart || [];
  W.onStart.push(function () {
    update();
    if (synth && typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", update);
    // Leaving or reloading the page stops reading.
    window.addEventListener("pagehide", W.stopReading);
  });
})(window.__mndw);
