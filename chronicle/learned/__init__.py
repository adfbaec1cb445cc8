"""Learned components: the fine-tuned sentence encoder that detects and types events (`encoder`)."""
