// The site's only script. Every page is complete without it (JavaScript off shows the
// same content, with "upcoming / past" as of the build). It does three things:
// 1. loads Material's script (34 KB, plus its search worker and the search index) only
//    when the reader starts a search, so a first visit downloads about half as much;
// 2. keeps "upcoming / happening now / past", "in N days", today's day and every part
//    that holds on some days only true between builds;
// 3. smooths two corners of Material's start-up (see below).
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js"); // done in <head> too (overrides/layout.html)

  // The drawer and search toggles have no autocomplete="off" (invalid on a checkbox, see
  // overrides/main.html): close them if the browser restored them open.
  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  });

  // --- 1. Material's script, on demand ------------------------------------------------
  var placeholder = document.querySelector('script[type="eventsite/material"]');
  var query = document.querySelector("[data-md-component=search-query]");
  var loading = false;

  // Material fetches "sitemap.xml" next to every <link rel="alternate"> to map pages
  // between languages. Ours are the same page in each language (absolute, for search
  // engines), so each fetch is a 404, and a request to another origin wherever the site
  // is previewed. The language switcher already links to the same page: hide the links
  // from Material while it starts, then put them back.
  function withoutAlternates(start) {
    var links = Array.prototype.slice.call(document.querySelectorAll('link[rel="alternate"][hreflang]'));
    links.forEach(function (link) { link.setAttribute("rel", "eventsite-alternate"); });
    start();
    links.forEach(function (link) { link.setAttribute("rel", "alternate"); });
  }

  function loadMaterial() {
    if (loading || !placeholder) return;
    loading = true;
    if (/^zh/.test(document.documentElement.lang)) segmentChineseQueries();
    var script = document.createElement("script");
    script.src = placeholder.getAttribute("data-src");
    script.onload = function () {
      // Material starts on DOMContentLoaded, which has passed: announce it again.
      withoutAlternates(function () { document.dispatchEvent(new Event("DOMContentLoaded")); });
      if (query && query.value) query.dispatchEvent(new KeyboardEvent("keyup"));
    };
    document.body.appendChild(script);
  }

  // Chinese has no spaces between words: the index was cut into words at build time
  // (jieba). Material's worker cuts a query's Han text against the index too, but never
  // tries the whole run (Material 9.8.1, function `fe` of its search worker: the slice
  // end stops one short), so "日内瓦" became 日 + 内 and matched the 日 of every date.
  // Cut the query here, by the longest words of the index's own vocabulary, and end each
  // word with a sentinel that the worker's cut never reaches, so each word is tried whole.
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]+/g, SENTINEL = "\u3007"; // 〇, a Han character

  function vocabularyOf(index) {
    var words = new Set(), longest = 1;
    (index.docs || []).forEach(function (doc) {
      ((doc.title || "") + "\u200b" + (doc.text || "")).replace(/<[^>]*>/g, " ").split(/[\s\u200b]+/)
        .forEach(function (word) {
          if (word.length > 1 && !word.replace(HAN, "")) { words.add(word); longest = Math.max(longest, word.length); }
        });
    });
    return { words: words, longest: longest };
  }
  function segment(text, vocabulary) {
    return text.replace(HAN, function (run) {
      var words = [];
      for (var at = 0; at < run.length;) {
        var size = Math.min(vocabulary.longest, run.length - at);
        while (size > 1 && !vocabulary.words.has(run.substr(at, size))) size--;
        words.push(run.substr(at, size));
        at += size;
      }
      return " " + words.join(SENTINEL + " ") + SENTINEL + " ";
    }).replace(/\s+/g, " ").trim();
  }
  function segmentChineseQueries() {
    var RealWorker = window.Worker;
    if (!RealWorker) return;
    window.Worker = function (url, options) {
      var worker = new RealWorker(url, options), post = worker.postMessage.bind(worker), vocabulary = null;
      worker.postMessage = function (message) {
        // Material's messages: 0 sets the index up, 2 is a query (its search worker's protocol).
        if (message && message.type === 0 && message.data) vocabulary = vocabularyOf(message.data);
        if (message && message.type === 2 && typeof message.data === "string" && vocabulary) {
          message = { type: 2, data: segment(message.data, vocabulary) };
        }
        post(message);
      };
      return worker;
    };
  }

  if (placeholder) {
    var toggle = document.getElementById("__search");
    if (toggle) toggle.addEventListener("change", loadMaterial);
    if (query) query.addEventListener("focus", loadMaterial);
    document.addEventListener("keydown", function (event) {
      var typing = /^(input|textarea|select)$/i.test(event.target.tagName) || event.target.isContentEditable;
      if (loading || typing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (["/", "s", "f"].indexOf(event.key) >= 0 && toggle && query) { // Material's search keys
        event.preventDefault();
        toggle.checked = true;
        loadMaterial();
        query.focus();
      }
    });
  }

  // Material searches on keyup: text that arrives without a key (dictation and other
  // speech input, a paste from the context menu, some input methods) would not be
  // searched until the next key press. Tell it when the text changes.
  if (query) {
    query.addEventListener("input", function () { query.dispatchEvent(new KeyboardEvent("keyup")); });
  }
})();

// --- 2. "Upcoming / past" as of today ---------------------------------------------
(function () {
  "use strict";
  var labelsNode = document.getElementById("es-labels");
  if (!labelsNode) return;
  var labels = JSON.parse(labelsNode.textContent);
  var lang = document.documentElement.lang || "en";
  // Today's date in Geneva, where the meetings are (eventsite/clock.py decides the same way).
  var today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich" }).format(new Date());
  function lastDay(value) {
    if (value.length === 7) { // a month only: its last day
      var parts = value.split("-");
      return new Date(Date.UTC(+parts[0], +parts[1], 0)).toISOString().slice(0, 10);
    }
    return value.slice(0, 10);
  }
  function firstDay(value) { return value.length === 7 ? value + "-01" : value.slice(0, 10); }
  function days(from, to) { return Math.round((Date.parse(to) - Date.parse(from)) / 86400000); }
  function stateOf(node) {
    var start = firstDay(node.dataset.esStart), end = lastDay(node.dataset.esEnd);
    return today < start ? "upcoming" : today > end ? "past" : "ongoing";
  }

  document.querySelectorAll("[data-es-start]").forEach(function (node) {
    var state = stateOf(node);
    node.textContent = labels[state];
    node.className = "es-badge es-badge--" + state;
  });

  // On the home page, events move between "happening now", "upcoming" (soonest first)
  // and "past" (newest first) as the days pass; "no upcoming events" shows if none is left.
  var lists = {};
  ["ongoing", "upcoming", "past"].forEach(function (name) {
    lists[name] = document.querySelector('[data-es-list="' + name + '"]');
  });
  if (lists.upcoming && lists.past) {
    ["ongoing", "upcoming"].forEach(function (from) {
      if (!lists[from]) return;
      Array.prototype.slice.call(lists[from].children).forEach(function (card) {
        var badge = card.querySelector("[data-es-start]");
        var state = badge ? stateOf(badge) : from;
        if (state === from || !lists[state]) return;
        if (state === "past") lists.past.insertBefore(card, lists.past.firstChild);
        else lists[state].appendChild(card);
      });
    });
    var empty = document.querySelector('[data-es-empty="upcoming"]');
    if (empty) empty.hidden = lists.upcoming.children.length > 0;
    var section = document.querySelector('[data-es-section="ongoing"]');
    if (section && lists.ongoing) section.hidden = lists.ongoing.children.length === 0;
  }

  var relative = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: "auto" }) : null;
  // The home page's summary: its heading and the countdown to the week's first day.
  document.querySelectorAll("[data-es-countdown]").forEach(function (node) {
    var start = node.dataset.esCountdown, end = node.dataset.esUntil;
    var state = today < start ? "upcoming" : today > end ? "past" : "ongoing";
    if (state === "upcoming") {
      if (relative) node.textContent = relative.format(days(today, start), "day");
    } else {
      node.textContent = state === "ongoing" ? labels.ongoing : labels.ended;
    }
    var heading = document.querySelector("[data-es-hero]");
    if (heading) heading.textContent = labels["hero_" + state];
  });

  // Parts that hold on some days only ("Registration is open" until the last day, the
  // actions, a request to speak until its deadline, the next deadline of the home page):
  // each carries its first and last day (eventsite/views/items.py, Window).
  document.querySelectorAll("[data-es-from], [data-es-until]").forEach(function (node) {
    var from = node.dataset.esFrom, until = node.dataset.esUntil;
    node.hidden = Boolean((from && today < from) || (until && today > until));
  });

  // Today in the programme and the week at a glance, and the home page's link to it.
  document.querySelectorAll("[data-es-day]").forEach(function (node) {
    var isToday = node.dataset.esDay === today;
    node.classList.toggle("es-day--today", isToday);
    if (isToday) node.setAttribute("aria-current", "date");
    else node.removeAttribute("aria-current");
  });
  var todayLink = document.querySelector("[data-es-today-link]");
  if (todayLink && document.getElementById("day-" + today)) todayLink.setAttribute("href", "#day-" + today);

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

// --- 3. Outlook's "new event" form on phones -----------------------------------------
// Outlook sends phones to another form, which reads an all-day end as the last day itself;
// the page links the computer's form (an exclusive end) and carries the phone's beside it
// (eventsite/calendar_links.py, README "Calendar feeds").
(function () {
  "use strict";
  var agent = navigator.userAgent || "";
  var phone = /Android|iPhone|iPad|iPod/.test(agent) || (/Macintosh/.test(agent) && navigator.maxTouchPoints > 1);
  if (!phone) return;
  document.querySelectorAll("a[data-es-phone-href]").forEach(function (link) {
    link.href = link.dataset.esPhoneHref;
  });
})();
