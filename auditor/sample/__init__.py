"""The built-in sample platform (see ``platform.generate``)."""
