"""Code that mints a configuration's client secret outside realtime-gui: curl, Python, JavaScript, Swift."""
