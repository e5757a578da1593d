"""Pure core of the IT-Reorg-Cockpit: store, scoring, exports. Never imports streamlit."""
