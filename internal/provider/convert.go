package provider

// Conversions between the client's Go values and framework values, shared
// by the resources and data sources.

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// strOrNull is a string value, null when empty.
func strOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// strOrPrior is s, or, when s is empty (a value the service did not return),
// the prior value: null when that is unknown.
func strOrPrior(s string, prior types.String) types.String {
	if s != "" {
		return types.StringValue(s)
	}
	if prior.IsUnknown() {
		return types.StringNull()
	}
	return prior
}

// intOrNull is an int64 value, null when nil.
func intOrNull(n *int) types.Int64 {
	if n == nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(*n))
}
