// Autocomplete for search boxes with a data-autocomplete-url: an ARIA combobox with a listbox.
// Without JavaScript the box is a plain search form.
(function () {
    "use strict";

    function setup(input) {
        var url = input.dataset.autocompleteUrl;
        var listId = input.id + "-suggestions";
        var list = document.createElement("ul");
        list.id = listId;
        list.className = "autocomplete";
        list.setAttribute("role", "listbox");
        list.hidden = true;
        input.parentNode.appendChild(list);
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);

        var active = -1;
        var timer = null;
        var lastQuery = "";

        function close() {
            list.hidden = true;
            list.textContent = "";
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function render(results) {
            list.textContent = "";
            if (!results.length) { close(); return; }
            results.forEach(function (result, index) {
                var item = document.createElement("li");
                item.id = listId + "-" + index;
                item.setAttribute("role", "option");
                var link = document.createElement("a");
                link.href = result.url;
                link.tabIndex = -1;
                link.textContent = result.title;
                var type = document.createElement("span");
                type.className = "autocomplete__type";
                type.textContent = result.type;
                link.appendChild(type);
                item.appendChild(link);
                list.appendChild(item);
            });
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
        }

        function highlight(index) {
            var items = list.querySelectorAll("[role=option]");
            if (!items.length) return;
            active = (index + items.length) % items.length;
            items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
            input.setAttribute("aria-activedescendant", items[active].id);
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query === lastQuery) return;
            lastQuery = query;
            if (query.length < 2) { close(); return; }
            fetch(url + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
                .then(function (response) { return response.ok ? response.json() : { results: [] }; })
                .then(function (data) { if (input.value.trim() === query) render(data.results || []); })
                .catch(close);
        }

        input.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(fetchSuggestions, 150);
        });
        input.addEventListener("keydown", function (event) {
            if (list.hidden) return;
            if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
            else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
            else if (event.key === "Escape") { close(); }
            else if (event.key === "Enter" && active >= 0) {
                event.preventDefault();
                window.location.href = list.querySelectorAll("[role=option] a")[active].href;
            }
        });
        input.addEventListener("blur", function () { setTimeout(close, 200); });
    }

    document.querySelectorAll("input[data-autocomplete-url]").forEach(setup);
})();
