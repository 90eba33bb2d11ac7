"""The official working-day calendar as the platform sees it: the calendar package plus notices loaded here."""
