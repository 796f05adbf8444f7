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
	// PolicyTemplate is a copy of the gateway's policy_template (nil for GM
	// gateways): the defaults of its policy-template style connections
	// (NOTES.md item 3).
	PolicyTemplate *wirePolicyTemplate
}

// Helpers the gateway family provides to every family (call with e.mu held):
//
//	e.quotaExceeded(kind string) bool
//	    quotas.go: true when the stored resources of kind (KindGateway,
//	    KindCustomerGateway, KindConnection) already reach the quota, so a
//	    create must fail. Answer it with r.quotaError(kind).
//	r.quotaError(kind string) (int, any)
//	    quotas.go: the service's answer to a create past the quota
//	    (400 VPN.0001 "invalid request: quota exceeded: ...").
//	checkTags(tags []wireTag) string
//	    tags.go: validates a create body's "tags" field (at most 20, key 1-128 and
//	    value 0-255 characters of the allowed set, no duplicate keys); returns
//	    "" or the message for r.invalid("%s", msg).
//	e.setTags(id string, tags []wireTag)
//	    tags.go: replaces the tags of resource id (e.st.Tags[id]); nil/empty removes them.
//	e.tagList(id string) []wireTag
//	    tags.go: the tags of resource id sorted by key, nil when none (for responses:
//	    `json:"tags,omitempty"`).
//	e.deleteTags(id string)
//	    tags.go: drops the tags of a deleted resource.
//
// wireTag is the VpnResourceTag / ResourceTag object {"key","value"} (tags.go).
