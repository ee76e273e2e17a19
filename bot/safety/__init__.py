"""Safety: the emergency detector and the deployment's emergency settings.

Standard library, NumPy and (for training only) scikit-learn: the Rasa server runs the detector
inside its NLU pipeline (bot/nlp/red_flags.py); tests and benchmarks use it directly.
"""
