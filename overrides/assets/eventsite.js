// Corrections to Material's start-up, made before its DOMContentLoaded handler runs
// (this script comes after Material's bundle, and listeners run in the order added).
(function () {
  "use strict";
  // Material fetches "sitemap.xml" next to every <link rel="alternate"> to map pages
  // between languages. Ours are the same page in each language (absolute, for search
  // engines), so each fetch is a 404, and a request to another origin wherever the site
  // is previewed. The language switcher already links to the same page: hide the links
  // from Material while it starts, then put them back.
  var alternates = Array.prototype.slice.call(document.querySelectorAll('link[rel="alternate"][hreflang]'));
  alternates.forEach(function (link) { link.setAttribute("rel", "eventsite-alternate"); });
  document.addEventListener("DOMContentLoaded", function () {
    alternates.forEach(function (link) { link.setAttribute("rel", "alternate"); });
  }, { once: true });
  // Material searches on keyup: text that arrives without a key (dictation and other
  // speech input, a paste from the context menu, some input methods) would not be
  // searched until the next key press. Tell it when the text changes.
  var query = document.querySelector("[data-md-component=search-query]");
  if (query) {
    query.addEventListener("input", function () { query.dispatchEvent(new KeyboardEvent("keyup")); });
  }
  // The drawer and search toggles have no autocomplete="off" (invalid on a checkbox, see
  // overrides/main.html): close them if the browser restored them open.
  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  });
})();

// Keeps "upcoming / happening now / past" and "in N days" true between builds.
// The page is complete without it: the build wrote the same labels as of its own date.
(function () {
  "use strict";
  var labelsNode = document.getElementById("es-labels");
  if (!labelsNode) return;
  var labels = JSON.parse(labelsNode.textContent);
  var lang = document.documentElement.lang || "en";
  var now = new Date();
  // Today's date in Geneva, where the meetings are: the dates in the data are Geneva days.
  var today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich" }).format(now);
  function lastDay(value) {
    if (value.length === 7) { // a month only: its last day
      var parts = value.split("-");
      var end = new Date(Date.UTC(+parts[0], +parts[1], 0));
      return end.toISOString().slice(0, 10);
    }
    return value.slice(0, 10);
  }
  function firstDay(value) { return value.length === 7 ? value + "-01" : value.slice(0, 10); }
  function days(from, to) { return Math.round((Date.parse(to) - Date.parse(from)) / 86400000); }

  document.querySelectorAll("[data-es-start]").forEach(function (node) {
    var start = firstDay(node.dataset.esStart), end = lastDay(node.dataset.esEnd);
    var state = today < start ? "upcoming" : today > end ? "past" : "ongoing";
    node.textContent = labels[state];
    node.className = "es-badge es-badge--" + state;
  });
  var relative = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: "auto" }) : null;
  document.querySelectorAll("[data-es-deadline]").forEach(function (node) {
    var left = days(today, firstDay(node.dataset.esDeadline));
    if (today > lastDay(node.dataset.esDeadline)) {
      node.textContent = labels.closed;
      node.className = "es-badge es-badge--past";
    } else if (relative) {
      node.textContent = left <= 0 ? labels.today : relative.format(left, "day");
    }
  });
})();
