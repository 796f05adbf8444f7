package provider

// The plan modifiers of the provider's schemas, in one place, each with its
// description. Validators are in validators.go.

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
)

// pemKeepPrior plans the prior content when the configured content holds
// the same certificate. Semantic equality alone covers only values the
// provider returns; Terraform accepts a planned value equal to the prior one
// as "functionally equivalent" to the configuration.
type pemKeepPrior struct{}

var _ planmodifier.String = pemKeepPrior{}

// Description implements planmodifier.Describer.
func (pemKeepPrior) Description(context.Context) string {
	return "differences in line endings or surrounding whitespace of the same certificate are not a change"
}

// MarkdownDescription implements planmodifier.Describer.
func (m pemKeepPrior) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

// PlanModifyString implements planmodifier.String.
func (pemKeepPrior) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !known(req.StateValue) || !known(req.PlanValue) {
		return
	}
	if pemEquivalent(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

// immutableString is the plan modifiers of an Optional+Computed input that
// only a replacement changes.
func immutableString() []planmodifier.String {
	return []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}
}

// stableString keeps a computed string that never changes once known.
func stableString() []planmodifier.String {
	return []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
}

// replaceWhenRemoved is a RequiresReplaceIf function that replaces when a
// value the state holds is removed from the configuration (the customer
// gateway's CA certificate: the API can replace one but not unbind it).
func replaceWhenRemoved(_ context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull() && req.PlanValue.IsNull()
}
