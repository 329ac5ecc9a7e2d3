"""Developer tools that make committed assets (python -m tools.<name>)."""
