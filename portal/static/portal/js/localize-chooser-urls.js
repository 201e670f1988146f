/* The chooser URLs of wagtail-localize's translation editor ("Changer l'image"…),
   read from this script tag's data attributes instead of an inline script (CSP). */
(function () {
  "use strict";
  var data = document.currentScript && document.currentScript.dataset;
  if (!data || typeof window.chooserUrls !== "undefined") {
    return;
  }
  window.chooserUrls = {
    imageChooser: data.imageChooser,
    documentChooser: data.documentChooser,
    pageChooser: data.pageChooser,
  };
})();
