"""The resident's side: the e-service and the public knowledge pages. Interface only."""
