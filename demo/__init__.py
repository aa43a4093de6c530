"""The demo site: `manage.py seed_demo` runs each app's own `demo` module in dependency order."""
