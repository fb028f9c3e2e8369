"""The launcher and the first-frame shell: the one place that cares about start-up laziness."""
