"""Agencies in their hierarchy, and the staff who work for them with their roles."""
