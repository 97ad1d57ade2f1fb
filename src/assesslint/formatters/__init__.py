"""Output formats. Each module renders results one way; none filters or sets exit codes."""
