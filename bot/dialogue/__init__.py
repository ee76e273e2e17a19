"""Dialogue policies of our own (config.yml `policies`)."""
