/*
 * Guided tour of the host dashboard ("Visite guidée").
 *
 * The steps are rendered by the server as a hidden list ([data-tour-steps] li,
 * each with data-target naming a [data-tour="…"] element of the page). This
 * script shows them one by one in a modal dialog next to the element it
 * describes: focus stays inside the dialog, Escape closes it, Previous/Next
 * move between steps and each step is announced to screen readers.
 * It starts by itself on the first visit (remembered in localStorage) and any
 * [data-tour-start] button replays it.
 */
(function () {
  "use strict";

  var data = document.querySelector("[data-tour-steps]");
  if (!data) {
    return;
  }
  var steps = Array.prototype.slice.call(data.querySelectorAll("li"));
  if (!steps.length) {
    return;
  }
  var labels = data.dataset;
  var storageKey = labels.storageKey || "hostspace.tour.seen";
  var current = 0;
  var opener = null;
  var highlighted = null;

  var backdrop = document.createElement("div");
  backdrop.className = "tour-backdrop";
  backdrop.hidden = true;

  var dialog = document.createElement("div");
  dialog.className = "tour-dialog";
  dialog.setAttribute("role", "dialog");
  dialog.setAttribute("aria-modal", "true");
  dialog.setAttribute("aria-labelledby", "tour-title");
  dialog.setAttribute("aria-describedby", "tour-body");
  dialog.hidden = true;

  var progress = document.createElement("p");
  progress.className = "tour-dialog__progress";
  progress.id = "tour-progress";

  var title = document.createElement("h2");
  title.className = "tour-dialog__title";
  title.id = "tour-title";
  title.tabIndex = -1;

  var body = document.createElement("div");
  body.className = "tour-dialog__body";
  body.id = "tour-body";

  var live = document.createElement("p");
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");

  var nav = document.createElement("div");
  nav.className = "tour-dialog__nav";

  function button(text, className) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = text;
    return element;
  }

  var previousButton = button(labels.labelPrevious || "Previous", "button button--secondary tour-dialog__previous");
  var nextButton = button(labels.labelNext || "Next", "button tour-dialog__next");
  var closeButton = button("×", "tour-dialog__close");
  closeButton.setAttribute("aria-label", labels.labelClose || "Close");

  nav.appendChild(previousButton);
  nav.appendChild(nextButton);
  dialog.appendChild(closeButton);
  dialog.appendChild(progress);
  dialog.appendChild(title);
  dialog.appendChild(body);
  dialog.appendChild(nav);
  document.body.appendChild(backdrop);
  document.body.appendChild(dialog);
  document.body.appendChild(live);

  function targetOf(step) {
    var key = step.getAttribute("data-target");
    return key ? document.querySelector('[data-tour="' + key + '"]') : null;
  }

  function focusables() {
    return Array.prototype.filter.call(
      dialog.querySelectorAll("button, a[href], [tabindex]:not([tabindex='-1'])"),
      function (element) {
        return !element.disabled && !element.hidden;
      }
    );
  }

  function place(target) {
    if (highlighted) {
      highlighted.classList.remove("tour-highlight");
    }
    highlighted = target;
    if (!target) {
      return;
    }
    target.classList.add("tour-highlight");
    target.scrollIntoView({ block: "center", behavior: "auto" });
  }

  function show(index) {
    current = Math.max(0, Math.min(index, steps.length - 1));
    var step = steps[current];
    var heading = step.querySelector("h2");
    title.textContent = heading ? heading.textContent : "";
    body.innerHTML = "";
    Array.prototype.forEach.call(step.children, function (child) {
      if (child !== heading) {
        body.appendChild(child.cloneNode(true));
      }
    });
    var text = (labels.labelProgress || "{current} / {total}")
      .replace("{current}", String(current + 1))
      .replace("{total}", String(steps.length));
    progress.textContent = text;
    previousButton.disabled = current === 0;
    nextButton.textContent = current === steps.length - 1 ? labels.labelFinish || "Finish" : labels.labelNext || "Next";
    place(targetOf(step));
    live.textContent = text + " : " + title.textContent;
    title.focus();
  }

  // While the dialog is open, the rest of the page is inert: no focus, no screen-reader browsing.
  var inerted = [];
  function setPageInert(on) {
    if (on) {
      Array.prototype.forEach.call(document.body.children, function (element) {
        if (element !== dialog && element !== backdrop && element !== live && !element.inert) {
          element.inert = true;
          inerted.push(element);
        }
      });
    } else {
      inerted.forEach(function (element) {
        element.inert = false;
      });
      inerted = [];
    }
  }

  function open(event) {
    opener = event && event.currentTarget ? event.currentTarget : document.activeElement;
    setPageInert(true);
    backdrop.hidden = false;
    dialog.hidden = false;
    document.body.classList.add("tour-open");
    show(0);
    try {
      window.localStorage.setItem(storageKey, "1");
    } catch (error) {
      /* private browsing: the tour will simply start again next time */
    }
  }

  function close() {
    setPageInert(false);
    dialog.hidden = true;
    backdrop.hidden = true;
    document.body.classList.remove("tour-open");
    place(null);
    live.textContent = "";
    if (opener && typeof opener.focus === "function") {
      opener.focus();
    }
  }

  previousButton.addEventListener("click", function () {
    show(current - 1);
  });
  nextButton.addEventListener("click", function () {
    if (current === steps.length - 1) {
      close();
    } else {
      show(current + 1);
    }
  });
  closeButton.addEventListener("click", close);
  backdrop.addEventListener("click", close);

  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== "Tab") {
      return;
    }
    var items = focusables();
    if (!items.length) {
      event.preventDefault();
      return;
    }
    var first = items[0];
    var last = items[items.length - 1];
    if (event.shiftKey && (document.activeElement === first || document.activeElement === title)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  // Focus must not escape the modal dialog, even by a click or a screen reader's virtual cursor.
  document.addEventListener("focusin", function (event) {
    if (!dialog.hidden && !dialog.contains(event.target)) {
      title.focus();
    }
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-tour-start]"), function (element) {
    element.addEventListener("click", open);
  });

  var seen = false;
  try {
    seen = window.localStorage.getItem(storageKey) === "1";
  } catch (error) {
    seen = true;
  }
  if (!seen) {
    open(null);
  }
})();
