"""Line implementations behind the core's line interface (:mod:`calllist_desktop.core.line`)."""
