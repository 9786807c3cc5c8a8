"""Evaluation: German ROUGE, faithfulness metrics, baselines and reports (extra ``[eval]``)."""

#: What ``kurzgefasst eval`` compares when ``--systems`` is not given.
DEFAULT_SYSTEMS = "extractive,lead,lexrank,textrank,lsa,luhn,random,oracle"
