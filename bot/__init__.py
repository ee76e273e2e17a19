"""The MND patient-education bot: fact store, spaCy pipeline builder and web widget."""
