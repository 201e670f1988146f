"""The agents payment screens (filled in below)."""
