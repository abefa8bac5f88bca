"""The shared core under every app: fixed vocabularies that several apps agree on.

It imports nothing of Banua's (only Django), so any app may use it; see the
"Architecture" section of the README for the layers.
"""
