"""peacecorpus."""
