// Moves the focus to the first error summary, so keyboard and screen-reader users start at the
// list of what to fix; its links lead to the fields. The summary is read out without this file too.
(function () {
    "use strict";
    var summary = document.querySelector(".error-summary");
    if (!summary) return;
    function focusSummary() {
        summary.focus();
    }
    focusSummary();
    // A form posted to "page#anchor" comes back with that fragment; Chromium then clears the
    // focus while it scrolls to an anchor that cannot take it, so the focus is set again after.
    window.addEventListener("load", focusSummary);
})();
