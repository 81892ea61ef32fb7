// Case page: place the source boxes over the page images, link them with the field rows,
// show only the options of the chosen letter. The letters table updates itself (htmx)
// while the worker renders; the page never reloads for it.
// Positions are set through CSSOM (element.style), which the CSP allows; no inline styles.
(function () {
  "use strict";

  function placeBoxes() {
    document.querySelectorAll(".page-figure").forEach(function (figure) {
      var width = parseFloat(figure.dataset.widthPt);
      var height = parseFloat(figure.dataset.heightPt);
      if (!(width > 0 && height > 0)) { return; }
      figure.querySelectorAll(".bbox").forEach(function (box) {
        var b = box.dataset.bbox.split(",").map(parseFloat);
        if (b.length !== 4 || b.some(isNaN)) { return; }
        box.style.left = (100 * b[0] / width) + "%";
        box.style.top = (100 * b[1] / height) + "%";
        box.style.width = (100 * (b[2] - b[0]) / width) + "%";
        box.style.height = (100 * (b[3] - b[1]) / height) + "%";
        box.hidden = false;
      });
    });
  }

  function highlight(section, name, on) {
    section.querySelectorAll('[data-field="' + CSS.escape(name) + '"]').forEach(function (el) {
      el.classList.toggle("active", on);
    });
  }

  function linkRows() {
    document.querySelectorAll(".case-notice").forEach(function (section) {
      section.querySelectorAll("tr[data-field]").forEach(function (row) {
        var name = row.dataset.field;
        ["mouseenter", "focus"].forEach(function (ev) {
          row.addEventListener(ev, function () { highlight(section, name, true); });
        });
        ["mouseleave", "blur"].forEach(function (ev) {
          row.addEventListener(ev, function () { highlight(section, name, false); });
        });
        row.addEventListener("click", function () {
          var box = section.querySelector('.bbox[data-field="' + CSS.escape(name) + '"]');
          if (box) { box.scrollIntoView({ block: "center", behavior: "smooth" }); }
          var select = section.querySelector(".correct-form select[name=name]");
          if (select && Array.prototype.some.call(select.options, function (o) { return o.value === name; })) {
            select.value = name;
          }
        });
      });
    });
  }

  var KIND_FIELDS = {
    dispute_paid: ["issue", "paid_on", "paid_amount", "method", "reference", "spouse_last4", "applied_to"],
    penalty_relief: ["route", "facts"],
    payment_plan: ["plan", "monthly_amount", "payment_day"],
    cp2000_response: ["position", "items"],
    client_explainer: ["findings_summary", "recommended_action"]
  };

  function kindOptions() {
    var form = document.querySelector(".generate-form");
    if (!form) { return; }
    var kind = form.querySelector("select[name=kind]");
    var all = [].concat.apply([], Object.keys(KIND_FIELDS).map(function (k) { return KIND_FIELDS[k]; }));
    function update() {
      var wanted = KIND_FIELDS[kind.value] || [];
      all.forEach(function (name) {
        var row = form.querySelector(".field-" + name);
        if (row) { row.classList.toggle("hidden-by-kind", wanted.indexOf(name) < 0); }
      });
    }
    kind.addEventListener("change", update);
    update();
  }

  // Page previews are rendered by the worker: ask (at most 90 times, every 2 s) whether a
  // notice's are ready, then reload once to show them. The polls are not activity.
  function waitForPreviews() {
    document.querySelectorAll("[data-previews-url]").forEach(function (block) {
      var tries = 0;
      function ask() {
        tries += 1;
        fetch(block.dataset.previewsUrl, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { ready: false }; })
          .then(function (status) {
            if (status.ready) { window.location.reload(); }
            else if (tries < 90) { window.setTimeout(ask, 2000); }
          })
          .catch(function () { if (tries < 90) { window.setTimeout(ask, 2000); } });
      }
      window.setTimeout(ask, 2000);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    placeBoxes();
    linkRows();
    kindOptions();
    waitForPreviews();
  });
})();
