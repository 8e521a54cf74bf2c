"""CLI command modules (each: register(registry))."""
