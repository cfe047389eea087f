"""omnitui: a full-screen terminal UI for the Omnidesk helpdesk."""

__version__ = "0.1.0"
