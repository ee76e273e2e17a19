"""The clinician's content review: ``make review`` writes build/review/index.html and review.csv."""
