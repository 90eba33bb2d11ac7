"""The site's frame: layout, home page, sign-in pages and error pages."""
