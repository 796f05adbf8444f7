package emulator

// Contract between the emulator's families (each owned by one file set).
// The gateway family (gateways.go) implements lookupGateway and
// refreshGatewayUsage; the connection family relies on them. Record types
// keep at least the fields named here; their owners add the rest.

// gatewayInfo is what other families need to know about a gateway.
type gatewayInfo struct {
	ID                  string
	Status              string // PENDING_CREATE, ACTIVE, ...
	Flavor              string // Basic, Professional1, Professional2, GM, ...
	NetworkType         string // public, private
	AttachmentType      string // vpc, er
	HAMode              string // active-active, active-standby
	EnterpriseProjectID string
	// VgwIPs are the values a connection's vgw_ip may take: the EIP ids of
	// eip1/eip2 for a public gateway, access_private_ip_1/_2 for a private one,
	// in that order (index 0 = master in active-standby).
	VgwIPs []string
	// VgwAddresses are the IP addresses behind VgwIPs (EIP address or the private IP itself), same order.
	VgwAddresses []string
}
