"""Accounts and preferences: the settings schema, loading, ``omnitui config``, the welcome
form's writer."""
