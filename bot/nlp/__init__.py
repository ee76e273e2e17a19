"""The Rasa side's language pieces: the spaCy pipeline builder and the red-flag classifier.

Runs in the Rasa environment (.venv); it meets the fact store only through the
exported pattern file, never by importing it.
"""
