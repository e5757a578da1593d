"""Shared Streamlit pieces: cached store access, text lookup, the weights panel."""
