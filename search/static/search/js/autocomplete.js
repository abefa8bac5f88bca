/* Header search box: product names as you type, the WAI-ARIA combobox pattern.
 * Without JavaScript the box is a plain GET form; with it, from two letters the box asks
 * /api/v1/search/suggest and lists names in a listbox: Up/Down move, Enter opens the
 * product (or searches when none is chosen), Escape closes, a live region says how many
 * suggestions there are. No library, no CDN. */
(function () {
    "use strict";
    var input = document.querySelector("[data-search-suggest]");
    if (!input || !window.fetch) { return; }
    var form = input.form;
    var listbox = document.getElementById(input.getAttribute("aria-controls"));
    var status = document.getElementById(input.getAttribute("data-search-status"));
    var url = input.getAttribute("data-search-suggest");
    var minLength = 2;
    var items = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var controller = null;

    function close() {
        listbox.hidden = true;
        listbox.innerHTML = "";
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        items = [];
        active = -1;
    }

    function highlight(index) {
        items.forEach(function (item, i) {
            item.element.setAttribute("aria-selected", i === index ? "true" : "false");
        });
        active = index;
        if (index >= 0) {
            input.setAttribute("aria-activedescendant", items[index].element.id);
        } else {
            input.removeAttribute("aria-activedescendant");
        }
    }

    function render(suggestions) {
        listbox.innerHTML = "";
        items = suggestions.map(function (suggestion, i) {
            var option = document.createElement("li");
            option.id = listbox.id + "-" + i;
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            option.textContent = suggestion.text;
            option.addEventListener("mousedown", function (event) {
                event.preventDefault();  /* keep focus in the box */
                window.location.href = suggestion.url;
            });
            listbox.appendChild(option);
            return { element: option, url: suggestion.url };
        });
        active = -1;
        var open = items.length > 0;
        listbox.hidden = !open;
        input.setAttribute("aria-expanded", open ? "true" : "false");
        if (status) {
            status.textContent = open ? status.getAttribute("data-template").replace("%s", items.length) : "";
        }
    }

    function request() {
        var query = input.value.trim();
        if (query.length < minLength) { close(); lastQuery = query; return; }
        if (query === lastQuery) { return; }
        lastQuery = query;
        if (controller) { controller.abort(); }
        controller = window.AbortController ? new AbortController() : null;
        fetch(url + "?q=" + encodeURIComponent(query), {
            headers: { "Accept": "application/json" },
            signal: controller ? controller.signal : undefined
        }).then(function (response) {
            return response.ok ? response.json() : { suggestions: [] };
        }).then(function (data) {
            if (input.value.trim() === query) { render(data.suggestions || []); }
        }).catch(function () { /* offline or aborted: the form still works */ });
    }

    input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(request, 150);
    });
    input.addEventListener("keydown", function (event) {
        if (event.key === "ArrowDown" && items.length) {
            event.preventDefault();
            highlight((active + 1) % items.length);
        } else if (event.key === "ArrowUp" && items.length) {
            event.preventDefault();
            highlight(active <= 0 ? items.length - 1 : active - 1);
        } else if (event.key === "Enter" && active >= 0) {
            event.preventDefault();
            window.location.href = items[active].url;
        } else if (event.key === "Escape") {
            if (!listbox.hidden) { event.preventDefault(); }
            close();
        }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
    if (form) { form.addEventListener("submit", close); }
})();
