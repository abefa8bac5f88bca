/* The office's search report: counts each search shown (its first page) and each click
 * on a result. Only the query text and the number of products travel (no user, no
 * product), with navigator.sendBeacon so neither showing nor leaving the page waits.
 * The page may come from the shared HTTP cache, which the server never sees, so the
 * browser reports the search. Without JavaScript nothing is counted and the links work
 * as usual. */
(function () {
    "use strict";
    var results = document.querySelector("[data-search-clicks]");
    if (!results || !navigator.sendBeacon) { return; }
    var seen = results.getAttribute("data-search-seen");
    if (seen) {
        var shown = new FormData();
        shown.append("q", results.getAttribute("data-search-counted"));
        shown.append("total", results.getAttribute("data-search-total"));
        navigator.sendBeacon(seen, shown);
    }
    results.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest("a[href]") : null;
        if (!link || !results.getAttribute("data-search-query")) { return; }
        var data = new FormData();
        data.append("q", results.getAttribute("data-search-query"));
        navigator.sendBeacon(results.getAttribute("data-search-clicks"), data);
    });
})();
