"""Calls and agent states from the PBX, queue routing and the switchboard console (S1, S2, S15)."""
