"""The web app for clerks and the emulation office (Django): upload, check, build, preview, download."""
