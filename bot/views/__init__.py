"""Buttons and forms: choice buttons, the report button and form, the forget-me confirmation.

Every button is a `DynamicItem` whose custom_id carries what it is about, so a click still works
after a restart.
"""
