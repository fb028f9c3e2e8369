"""The Qt side of realtime-gui: windows and widgets that ask the core for everything else."""
