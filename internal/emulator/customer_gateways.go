package emulator

// OWNER: connection family helper. Placeholder.

type customerGatewayRecord struct {
	ID string `json:"id"`
}

func (e *Emulator) registerCustomerGateways() {}
