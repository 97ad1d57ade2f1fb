"""The supervisor's view of a batch: practice areas, a team summary, and HTML to share."""
