package provider

// Plan-time behaviour of huaweicloudvpn_customer_gateway: the rules that
// involve more than one attribute, and the planned certificate details.

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
)

// ValidateConfig implements resource.ResourceWithValidateConfig: the rules
// that involve more than one attribute.
func (r *customerGatewayResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var idType, idValue types.String
	var asn types.Int64
	if !cgwValidateValues(ctx, req.Config.Raw, &idType, &idValue, &asn) {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id_type"), &idType)...)
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id_value"), &idValue)...)
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("bgp_asn"), &asn)...)
	}
	if resp.Diagnostics.HasError() || idType.IsUnknown() {
		return
	}
	t := apispec.DefaultCustomerGatewayIDType
	if !idType.IsNull() {
		t = idType.ValueString()
	}
	if t != apispec.IDTypeIP && t != apispec.IDTypeFQDN {
		return // reported by the attribute's own validator
	}
	if !asn.IsNull() && t != apispec.IDTypeIP {
		resp.Diagnostics.AddAttributeError(path.Root("bgp_asn"), "Invalid Attribute Combination",
			fmt.Sprintf("bgp_asn can only be set when id_type is \"ip\"; this customer gateway has id_type %q. "+
				"Remove bgp_asn or use an IP identifier.", t))
	}
	if known(idValue) {
		if err := apispec.CheckCustomerGatewayIDValue(t, idValue.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("id_value"), "Invalid Customer Gateway Identifier",
				fmt.Sprintf("With id_type %q, id_value %s.", t, err))
		}
	}
}

// cgwValidateValues reads id_type, id_value and bgp_asn straight from the
// configuration's Terraform value, as the framework's GetAttribute would,
// without its three walks of the whole schema. It reports false, having set
// nothing, when the configuration is not a known object of that shape; the
// caller then uses GetAttribute.
func cgwValidateValues(ctx context.Context, raw tftypes.Value, idType, idValue *types.String, asn *types.Int64) bool {
	if !raw.IsKnown() || raw.IsNull() {
		return false
	}
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil {
		return false
	}
	t, okT := attrs["id_type"]
	v, okV := attrs["id_value"]
	a, okA := attrs["bgp_asn"]
	if !okT || !okV || !okA {
		return false
	}
	tv, errT := types.StringType.ValueFromTerraform(ctx, t)
	vv, errV := types.StringType.ValueFromTerraform(ctx, v)
	av, errA := types.Int64Type.ValueFromTerraform(ctx, a)
	if errT != nil || errV != nil || errA != nil {
		return false
	}
	ts, okT := tv.(types.String)
	vs, okV := vv.(types.String)
	as, okA := av.(types.Int64)
	if !okT || !okV || !okA {
		return false
	}
	*idType, *idValue, *asn = ts, vs, as
	return true
}

// ModifyPlan implements resource.ResourceWithModifyPlan: it plans tags_all,
// marks the certificate details unknown when the certificate changes, and
// marks updated_at unknown for any in-place update.
func (r *customerGatewayResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	modifyPlanTagsAll(ctx, r.data.defaultTags(), req, resp)
	if resp.Diagnostics.HasError() || req.State.Raw.IsNull() {
		return
	}

	var planCA, stateCA types.Object
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("ca_certificate"), &planCA)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("ca_certificate"), &stateCA)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if known(planCA) {
		var planContent, stateContent pemValue
		resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("ca_certificate").AtName("content"), &planContent)...)
		if !stateCA.IsNull() {
			resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("ca_certificate").AtName("content"), &stateContent)...)
		}
		if resp.Diagnostics.HasError() {
			return
		}
		// The framework has already kept the state's content when the two are
		// semantically equal, so any difference left is a real change.
		if stateCA.IsNull() || !planContent.Equal(stateContent) {
			if !stateCA.IsNull() {
				var updatable types.Bool
				resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("ca_certificate").AtName("is_updatable"), &updatable)...)
				if known(updatable) && !updatable.ValueBool() {
					resp.Diagnostics.AddAttributeError(path.Root("ca_certificate").AtName("content"), "CA Certificate Cannot Be Changed",
						"The service reports is_updatable = false for this customer gateway's CA certificate, so its content "+
							"cannot be changed in place. Keep the current certificate, or replace the customer gateway "+
							"(terraform apply -replace=...).")
					return
				}
			}
			for _, name := range cgwCAComputedAttrs {
				var v attr.Value = types.StringUnknown()
				if name == "is_updatable" {
					v = types.BoolUnknown()
				}
				resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("ca_certificate").AtName(name), v)...)
			}
		}
	}
	// The framework marks updated_at unknown whenever the configuration
	// differs from the state, even when a plan modifier then keeps the prior
	// value (an equivalent certificate); decide on the final plan instead.
	var updatedAt types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("updated_at"), &updatedAt)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("updated_at"), updatedAt)...)
	if !resp.Diagnostics.HasError() && !resp.Plan.Raw.Equal(req.State.Raw) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("updated_at"), types.StringUnknown())...)
	}
}
