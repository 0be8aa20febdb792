// Progressive enhancement only: everything works without this file.
(function () {
    "use strict";
    var toggle = document.querySelector(".main-nav__toggle");
    var list = document.getElementById("main-nav-list");
    if (!toggle || !list) return;
    var narrow = window.matchMedia("(max-width: 40rem)");
    function sync() {
        if (narrow.matches) {
            toggle.hidden = false;
            list.dataset.collapsed = toggle.getAttribute("aria-expanded") === "true" ? "false" : "true";
        } else {
            toggle.hidden = true;
            list.dataset.collapsed = "false";
        }
    }
    toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") === "true";
        toggle.setAttribute("aria-expanded", open ? "false" : "true");
        sync();
    });
    // Escape closes the open menu on a phone and puts the focus back on its button.
    toggle.parentElement.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" || !narrow.matches) return;
        if (toggle.getAttribute("aria-expanded") !== "true") return;
        toggle.setAttribute("aria-expanded", "false");
        sync();
        toggle.focus();
    });
    narrow.addEventListener("change", sync);
    sync();
})();
