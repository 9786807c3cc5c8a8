"""Evaluation: German ROUGE, faithfulness metrics, baselines and reports (extra ``[eval]``)."""
