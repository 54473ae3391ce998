// The interactive page: a year slider over the shared drawing, and the facts of the year's
// agreement and of whatever region, line or railway is pointed at, tapped or focused. Every
// word comes from the page's data (the same model as the static maps); nothing is fetched.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("page-data").textContent);
  var words = data.words;
  var years = data.years;
  var map = document.getElementById("map");
  var slider = document.getElementById("year");
  var shown = document.getElementById("year-shown");
  var play = document.getElementById("play");
  var back = document.getElementById("step-back");
  var on = document.getElementById("step-on");
  var announce = document.getElementById("announce");
  var agreementBox = document.getElementById("agreement");
  var detailsBox = document.getElementById("details");
  var features = Array.prototype.slice.call(map.querySelectorAll("[data-id]"));
  var index = 0;
  var timer = null;
  var chosen = null;
  var highlight = document.getElementById("highlight");
  var STEP_MS = 1600;

  document.getElementById("hint").textContent = words.hint;
  document.getElementById("year-name").textContent = words.year;
  back.textContent = "\u25C0";
  back.setAttribute("aria-label", words.previous);
  on.textContent = "\u25B6";
  on.setAttribute("aria-label", words.next);

  function element(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }

  // A heading and a list of (term, value) rows; rows without a value are left out.
  function fill(box, headingId, heading, rows, note) {
    box.textContent = "";
    var h = element("h2", heading);
    if (headingId) h.id = headingId;
    box.appendChild(h);
    var dl = element("dl");
    rows.forEach(function (row) {
      if (row[1] === undefined || row[1] === null || row[1] === "") return;
      dl.appendChild(element("dt", row[0]));
      dl.appendChild(element("dd", row[1]));
    });
    box.appendChild(dl);
    if (note) box.appendChild(element("p", note, "note"));
  }

  function facts(year, el) {
    var kind = el.getAttribute("data-kind");
    var table = kind === "region" ? year.regions : kind === "line" ? year.lines : year.railways;
    return table[el.getAttribute("data-id")] || null;
  }

  function describe(el) {
    var year = years[index];
    var f = facts(year, el);
    if (!f) return;
    var kind = el.getAttribute("data-kind");
    var rows;
    var note = null;
    if (kind === "region") {
      rows = [
        [words.power, f.power],
        [words.status, f.lapsed ? f.status + " (" + words.lapsed + ")" : f.status],
        [words.since, f.since || words.baseline],
        [words.set_by, f.set_by],
        [words.basis, f.basis],
        [words.sources, f.sources],
      ];
      if (f.sources) note = words.source_list;
    } else if (kind === "line") {
      rows = [[words.treaty, f.treaty], [words.confidence, f.confidence]];
    } else {
      rows = [[words.opened, f.opened]];
    }
    fill(detailsBox, null, f.name + " (" + year.year + ")", rows, note);
  }

  // Outlines the chosen thing above every layer: copies of the shapes it draws this year.
  function outline(el) {
    highlight.textContent = "";
    if (!el) return;
    el.querySelectorAll("polygon, polyline").forEach(function (shape) {
      if (getComputedStyle(shape).display === "none") return;
      var copy = document.createElementNS(shape.namespaceURI, shape.localName);
      copy.setAttribute("points", shape.getAttribute("points"));
      highlight.appendChild(copy);
    });
  }

  function choose(el) {
    chosen = el;
    outline(el);
    if (el) describe(el);
    else detailsBox.textContent = "";
  }

  function showAgreement(year) {
    var a = year.agreement;
    fill(agreementBox, "agreement-heading", words.agreement + ": " + a.name, [
      [words.signed, a.signed],
      [words.place, a.place],
      [words.signatories, a.signatories.join("; ")],
      [words.summary, a.summary],
      [words.public_part, a.public_part],
      [words.secret_part, a.secret_part],
      [words.sources, a.sources],
    ], year.subtitle + ". " + year.detail);
  }

  function show(i, speak) {
    index = Math.max(0, Math.min(years.length - 1, i));
    var year = years[index];
    map.setAttribute("class", "y" + year.year);
    document.getElementById("map-title").textContent = year.title;
    slider.value = String(index);
    slider.setAttribute("aria-valuetext", String(year.year));
    shown.textContent = String(year.year);
    showAgreement(year);
    features.forEach(function (el) {
      var f = facts(year, el);
      if (f) el.setAttribute("aria-label", f.label);
    });
    if (chosen) {
      if (facts(year, chosen)) choose(chosen);
      else choose(null);
    }
    if (speak) announce.textContent = year.title + ". " + year.subtitle;
  }

  function stop() {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
    play.textContent = words.play;
    play.setAttribute("aria-pressed", "false");
  }

  function start() {
    if (index >= years.length - 1) show(0, true);
    timer = window.setInterval(function () {
      if (index >= years.length - 1) stop();
      else show(index + 1, true);
    }, STEP_MS);
    play.textContent = words.pause;
    play.setAttribute("aria-pressed", "true");
  }

  slider.addEventListener("input", function () {
    show(Number(slider.value), true);
  });
  play.addEventListener("click", function () {
    if (timer === null) start();
    else stop();
  });
  back.addEventListener("click", function () {
    stop();
    show(index - 1, true);
  });
  on.addEventListener("click", function () {
    stop();
    show(index + 1, true);
  });
  document.addEventListener("keydown", function (event) {
    // The slider steps itself; elsewhere the arrow keys step the years.
    if (event.target === slider || event.altKey || event.ctrlKey || event.metaKey) return;
    var step = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    stop();
    show(index + step, true);
  });
  function target(event) {
    var el = event.target;
    return el && el.closest ? el.closest("[data-id]") : null;
  }
  map.addEventListener("mouseover", function (event) {
    var el = target(event);
    if (el) choose(el);
  });
  map.addEventListener("click", function (event) {
    var el = target(event);
    if (el) choose(el);
  });
  map.addEventListener("focusin", function (event) {
    var el = target(event);
    if (el) choose(el);
  });

  stop();
  show(0, false);
  // A phone pans the map (see page.css): start on the spheres, not the far west.
  var figure = document.getElementById("figure");
  if (figure.scrollWidth > figure.clientWidth) {
    figure.scrollLeft = Math.round((figure.scrollWidth - figure.clientWidth) * 0.55);
  }
})();
