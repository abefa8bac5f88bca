# Seconds a journey waits for a page the server builds (a redirect after a form, a first
# rendition of a photo): generous, because CI runs them beside another test worker on
# two cores. A wait that passes returns as soon as the page is there.
PAGE_WAIT = 30
