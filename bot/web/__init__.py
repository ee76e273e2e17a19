"""The chat widget: a Rasa input channel that serves it, its static files and a demo page."""
