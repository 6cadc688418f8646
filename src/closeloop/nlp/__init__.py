"""Text analysis for Chinese complaints (issue 6): normalisation and segmentation, category and
emotion classifiers trained on the organisation's own cases, risk phrases that suggest a grade, and
retrieval of similar closed cases. Everything runs offline: models are trained here from data."""
