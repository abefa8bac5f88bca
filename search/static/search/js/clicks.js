/* Counts a click on a search result for the office's search report: only the query
 * text travels (no user, no product), with navigator.sendBeacon so leaving the page is
 * not delayed. Without JavaScript nothing is counted and the links work as usual. */
(function () {
    "use strict";
    var results = document.querySelector("[data-search-clicks]");
    if (!results || !navigator.sendBeacon) { return; }
    results.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest("a[href]") : null;
        if (!link || !results.getAttribute("data-search-query")) { return; }
        var data = new FormData();
        data.append("q", results.getAttribute("data-search-query"));
        navigator.sendBeacon(results.getAttribute("data-search-clicks"), data);
    });
})();
