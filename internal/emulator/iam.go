package emulator

// OWNER: gateway family helper. Placeholder.

func (e *Emulator) registerIAM() {}
