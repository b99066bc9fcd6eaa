"""Serving the dashboard in production: the hardened Streamlit profile, N replicas behind nginx."""
