"""The window's working parts: the controllers, the widgets they work on, and the workbench that composes them."""
