"""What the API shows of each object. Read-only: every write goes through a service."""
