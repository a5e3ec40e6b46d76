"""Golden expectations for the bundled examples and the checks that read them."""
