"""The JSON API for other government systems (OA, the 12345 hotline, provincial platforms)."""
