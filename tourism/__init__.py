"""Tourism promotion pages (Wagtail): destinations, events and the region's story."""
