"""Documents a case produces in writing: drafted from its events, edited, then issued and frozen."""
