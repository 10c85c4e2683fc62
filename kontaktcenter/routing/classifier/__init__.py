"""Automatic categorisation of free Swedish text (S6): the top categories with a calibrated
confidence, abstaining when unsure, learning from agents' corrections.

`model` trains and applies the classifier without the database; `dataset` reads the training
messages the project ships; `evaluation` measures it; `runtime` keeps the current model and the
memory of corrections for the web and worker processes.
"""
