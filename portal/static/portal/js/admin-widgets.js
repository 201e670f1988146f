/* Wagtail admin without inline scripts: the portal's template overrides leave
   data-portal-* markers where Wagtail would write <script>…</script>; this file
   does what those scripts did, for markers present at load and added later
   (inline panel forms are inserted dynamically). */
(function () {
  "use strict";

  function initChooser(marker) {
    var init = window[marker.dataset.portalChooser];
    if (typeof init !== "function") {
      return;
    }
    init(marker.dataset.portalTarget, JSON.parse(marker.dataset.portalConfig || "{}"));
  }

  // Chooser widgets (image, document, page, snippet): what Wagtail's
  // "new ImageChooser(id, options)" inline script did (portal/admin_widgets.py).
  function initWidget(marker) {
    var Widget = window[marker.dataset.portalWidget];
    if (typeof Widget !== "function") {
      return;
    }
    new Widget(marker.dataset.portalTarget, JSON.parse(marker.dataset.portalConfig || "{}"));
  }

  function initPanel(marker) {
    var Panel = window[marker.dataset.portalPanel];
    if (typeof Panel !== "function") {
      return;
    }
    new Panel(JSON.parse(marker.dataset.portalConfig));
  }

  // Rich text editors (Draftail) draw a role="textbox" with no accessible name:
  // name it by the field's own label, so screen readers announce which field it is.
  var labelCount = 0;
  function nameTextbox(box) {
    var field = box.closest(".w-field");
    var input = field && field.querySelector("input[id]");
    var label = input && document.querySelector('label[for="' + input.id + '"]');
    if (!label) {
      return;
    }
    if (!label.id) {
      labelCount += 1;
      label.id = "portal-field-label-" + labelCount;
    }
    box.setAttribute("aria-labelledby", label.id);
  }

  function initWithin(root) {
    if (!root.querySelectorAll) {
      return;
    }
    root
      .querySelectorAll('.w-field [role="textbox"]:not([aria-label]):not([aria-labelledby])')
      .forEach(nameTextbox);
    root.querySelectorAll("[data-portal-panel]:not([data-portal-ready])").forEach(function (marker) {
      marker.setAttribute("data-portal-ready", "");
      initPanel(marker);
    });
    root.querySelectorAll("[data-portal-chooser]:not([data-portal-ready])").forEach(function (marker) {
      // Markers inside an inline panel's empty-form template are copied, not used.
      if (marker.closest("template")) {
        return;
      }
      marker.setAttribute("data-portal-ready", "");
      initChooser(marker);
    });
    root.querySelectorAll("[data-portal-widget]:not([data-portal-ready])").forEach(function (marker) {
      if (marker.closest("template")) {
        return;
      }
      marker.setAttribute("data-portal-ready", "");
      initWidget(marker);
    });
  }

  function start() {
    initWithin(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) {
            initWithin(node.parentNode || node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
