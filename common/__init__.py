"""Bottom-layer helpers every app shares; nothing here imports a project app."""
