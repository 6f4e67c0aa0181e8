"""Widget views: one per dashboard step, each a VBox bound to the core models.

Views hold no business logic: they bind widgets to traits and call the core.
"""
