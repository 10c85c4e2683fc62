"""Kontaktcenter: contact-center and case-management software for Swedish municipalities."""
