package provider

// Request bodies from the plan, and the state from the service's answer, for
// huaweicloudvpn_vpn_gateway (and the items of the vpn_gateways data source).

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// expandVPNGatewayCreate builds the create body from the plan. Unknown and null values are not sent.
func expandVPNGatewayCreate(ctx context.Context, plan vpnGatewayModel) (*client.CreateVPNGatewayRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	body := &client.CreateVPNGatewayRequest{
		Name:                knownString(plan.Name),
		NetworkType:         knownString(plan.NetworkType),
		AttachmentType:      knownString(plan.AttachmentType),
		ErID:                knownString(plan.ErID),
		VpcID:               knownString(plan.VpcID),
		ConnectSubnet:       knownString(plan.ConnectSubnet),
		Flavor:              knownString(plan.Flavor),
		EnterpriseProjectID: knownString(plan.EnterpriseProjectID),
		AccessVpcID:         knownString(plan.AccessVpcID),
		AccessSubnetID:      knownString(plan.AccessSubnetID),
		AccessPrivateIP1:    knownString(plan.AccessPrivateIP1),
		AccessPrivateIP2:    knownString(plan.AccessPrivateIP2),
		HAMode:              knownString(plan.HAMode),
	}
	body.BgpAsn = knownInt64Ptr(plan.BgpAsn)
	var d diag.Diagnostics
	body.LocalSubnets, d = setStrings(ctx, plan.LocalSubnets)
	diags.Append(d...)
	body.AvailabilityZoneIDs, d = setStrings(ctx, plan.AvailabilityZoneIDs)
	diags.Append(d...)
	if body.EIP1, d = vgwExpandEIP(ctx, plan.EIP1); d.HasError() {
		diags.Append(d...)
	}
	if body.EIP2, d = vgwExpandEIP(ctx, plan.EIP2); d.HasError() {
		diags.Append(d...)
	}
	if !plan.TagsAll.IsUnknown() {
		all, d := mapFromTypes(ctx, plan.TagsAll)
		diags.Append(d...)
		body.Tags = tagsFromMap(all)
	}
	return body, diags
}

// expandVPNGatewayUpdate builds the PUT body from what changed between state and
// plan; nil when nothing the PUT call carries changed.
func expandVPNGatewayUpdate(ctx context.Context, plan, state vpnGatewayModel) (*client.UpdateVPNGatewayRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	body := &client.UpdateVPNGatewayRequest{}
	changed := false
	if !plan.Name.IsUnknown() && !plan.Name.Equal(state.Name) {
		body.Name = plan.Name.ValueString()
		changed = true
	}
	if !plan.LocalSubnets.Equal(state.LocalSubnets) && !plan.LocalSubnets.IsNull() {
		var d diag.Diagnostics
		body.LocalSubnets, d = setStrings(ctx, plan.LocalSubnets)
		diags.Append(d...)
		changed = true
	}
	for i, pair := range [][2]types.Object{{plan.EIP1, state.EIP1}, {plan.EIP2, state.EIP2}} {
		newID, oldID := objectString(pair[0], "id"), objectString(pair[1], "id")
		if !known(newID) || newID.Equal(oldID) {
			continue
		}
		if i == 0 {
			body.EIPID1 = newID.ValueString()
		} else {
			body.EIPID2 = newID.ValueString()
		}
		changed = true
	}
	if !plan.PolicyTemplate.IsNull() && !plan.PolicyTemplate.Equal(state.PolicyTemplate) {
		if pt := vgwExpandPolicyTemplate(plan.PolicyTemplate); pt != nil {
			body.PolicyTemplate, changed = pt, true
		}
	}
	if !changed {
		return nil, diags
	}
	return body, diags
}

// vgwExpandEIP builds eip1/eip2 of the create body: the id of an existing
// EIP, or the parameters of a new one.
func vgwExpandEIP(ctx context.Context, o types.Object) (*client.EIPRequest, diag.Diagnostics) {
	if !known(o) {
		return nil, nil
	}
	var m vpnGatewayEIPModel
	diags := o.As(ctx, &m, objectAsOptions)
	if diags.HasError() {
		return nil, diags
	}
	if id := knownString(m.ID); id != "" {
		return &client.EIPRequest{ID: id}, diags
	}
	return &client.EIPRequest{
		Type:          knownString(m.Type),
		ChargeMode:    knownString(m.ChargeMode),
		BandwidthSize: knownIntPtr(m.BandwidthSize),
		BandwidthName: knownString(m.BandwidthName),
		BandwidthID:   knownString(m.BandwidthID),
	}, diags
}

// flattenVPNGateway turns the service's gateway into the model. Every value it returns
// is known: values the service does not (yet) show are kept from prior when
// known, else null.
func flattenVPNGateway(ctx context.Context, gw *client.VPNGateway, prior vpnGatewayModel, defaultTags map[string]string) vpnGatewayModel {
	m := vpnGatewayModel{
		ID:                   types.StringValue(gw.ID),
		Name:                 strOrPrior(gw.Name, prior.Name),
		NetworkType:          strOrPrior(gw.NetworkType, prior.NetworkType),
		AttachmentType:       strOrPrior(gw.AttachmentType, prior.AttachmentType),
		ErID:                 strOrPrior(gw.ErID, prior.ErID),
		ConnectSubnet:        strOrPrior(gw.ConnectSubnet, prior.ConnectSubnet),
		AccessVpcID:          strOrPrior(gw.AccessVpcID, prior.AccessVpcID),
		AccessSubnetID:       strOrPrior(gw.AccessSubnetID, prior.AccessSubnetID),
		AccessPrivateIP1:     strOrPrior(gw.AccessPrivateIP1, prior.AccessPrivateIP1),
		AccessPrivateIP2:     strOrPrior(gw.AccessPrivateIP2, prior.AccessPrivateIP2),
		Flavor:               strOrPrior(gw.Flavor, prior.Flavor),
		HAMode:               strOrPrior(gw.HAMode, prior.HAMode),
		EnterpriseProjectID:  strOrPrior(gw.EnterpriseProjectID, prior.EnterpriseProjectID),
		Status:               strOrNull(gw.Status),
		ConnectionNumber:     types.Int64Value(int64(gw.ConnectionNumber)),
		UsedConnectionNumber: types.Int64Value(int64(gw.UsedConnectionNumber)),
		UsedConnectionGroup:  types.Int64Value(int64(gw.UsedConnectionGroup)),
		CertificateID:        strOrNull(gw.CertificateID),
		ErAttachmentID:       strOrPrior(gw.ErAttachmentID, prior.ErAttachmentID),
		SupportedFlavors:     stringSetOrNull(gw.SupportedFlavors),
		CreatedAt:            strOrPrior(gw.CreatedAt, prior.CreatedAt),
		UpdatedAt:            strOrPrior(gw.UpdatedAt, prior.UpdatedAt),
		Timeouts:             prior.Timeouts,
		// Not the service's: the configured value, false by default (and after an import).
		ReleaseExistingEIPsOnDelete: prior.ReleaseExistingEIPsOnDelete,
	}
	if m.ReleaseExistingEIPsOnDelete.IsNull() || m.ReleaseExistingEIPsOnDelete.IsUnknown() {
		m.ReleaseExistingEIPsOnDelete = types.BoolValue(false)
	}
	if gw.BgpAsn != 0 {
		m.BgpAsn = types.Int64Value(gw.BgpAsn)
	} else {
		m.BgpAsn = int64UnknownAsNull(prior.BgpAsn)
	}

	// vpc_id: not returned for er gateways; keep the configured value, or
	// (after an import) take the access VPC, which it stands for.
	m.VpcID = strOrPrior(gw.VpcID, prior.VpcID)
	if m.VpcID.IsNull() && strings.EqualFold(gw.AttachmentType, apispec.AttachmentTypeER) {
		m.VpcID = m.AccessVpcID
	}

	// local_subnets: returned for vpc gateways only.
	if len(gw.LocalSubnets) > 0 {
		m.LocalSubnets = stringSetOrNull(gw.LocalSubnets)
	} else if !prior.LocalSubnets.IsUnknown() {
		m.LocalSubnets = prior.LocalSubnets
	} else {
		m.LocalSubnets = types.SetNull(types.StringType)
	}

	// availability_zone_ids: shown once ACTIVE when the service chose them.
	if len(gw.AvailabilityZoneIDs) > 0 {
		m.AvailabilityZoneIDs = stringSetOrNull(gw.AvailabilityZoneIDs)
	} else if !prior.AvailabilityZoneIDs.IsUnknown() {
		m.AvailabilityZoneIDs = prior.AvailabilityZoneIDs
	} else {
		m.AvailabilityZoneIDs = types.SetNull(types.StringType)
	}

	// EIPs: shown once ACTIVE; before that keep what was planned.
	m.EIP1 = vgwFlattenEIP(ctx, gw.EIP1, prior.EIP1)
	m.EIP2 = vgwFlattenEIP(ctx, gw.EIP2, prior.EIP2)

	if gw.PolicyTemplate != nil {
		m.PolicyTemplate = vgwFlattenPolicyTemplate(gw.PolicyTemplate)
	} else {
		m.PolicyTemplate = unknownsToNull(ctx, prior.PolicyTemplate)
	}

	all := tagsToMap(gw.Tags)
	m.Tags, m.TagsAll = splitTags(all, prior.Tags, prior.TagsAll, defaultTags)
	return m
}

// vgwFlattenEIP converts an EIP of the service; nil keeps prior (with unknown
// values made null), since EIPs are shown only once the gateway is ACTIVE.
func vgwFlattenEIP(ctx context.Context, e *client.EIP, prior types.Object) types.Object {
	if e == nil {
		return unknownsToNull(ctx, prior)
	}
	ipVersion := types.Int64Null()
	if e.IPVersion != 0 {
		ipVersion = types.Int64Value(int64(e.IPVersion))
	}
	size := types.Int64Null()
	if e.BandwidthSize != 0 {
		size = types.Int64Value(int64(e.BandwidthSize))
	}
	return types.ObjectValueMust(vpnGatewayEIPAttrTypes, map[string]attr.Value{
		"id":                     strOrNull(e.ID),
		"type":                   strOrNull(e.Type),
		"charge_mode":            strOrNull(e.ChargeMode),
		"bandwidth_size":         size,
		"bandwidth_name":         strOrNull(e.BandwidthName),
		"bandwidth_id":           strOrNull(e.BandwidthID),
		"ip_address":             strOrNull(e.IPAddress),
		"ip_version":             ipVersion,
		"ip_billing_info":        strOrNull(e.IPBillingInfo),
		"bandwidth_billing_info": strOrNull(e.BandwidthBillingInfo),
		"share_type":             strOrNull(e.ShareType),
	})
}

// vgwFlattenPolicyTemplate converts the service's policy template (null when absent).
func vgwFlattenPolicyTemplate(p *client.PolicyTemplate) types.Object {
	if p == nil {
		return types.ObjectNull(vpnGatewayPolicyTemplateAttrTypes)
	}
	ike := types.ObjectNull(vpnGatewayIKEPolicyAttrTypes)
	if p.IKEPolicy != nil {
		ike = types.ObjectValueMust(vpnGatewayIKEPolicyAttrTypes, map[string]attr.Value{
			"encryption_algorithm":     strOrNull(p.IKEPolicy.EncryptionAlgorithm),
			"dh_group":                 strOrNull(p.IKEPolicy.DHGroup),
			"authentication_algorithm": strOrNull(p.IKEPolicy.AuthenticationAlgorithm),
			"lifetime_seconds":         intOrNull(p.IKEPolicy.LifetimeSeconds),
		})
	}
	ipsec := types.ObjectNull(vpnGatewayIPsecPolicyAttrTypes)
	if p.IPsecPolicy != nil {
		ipsec = types.ObjectValueMust(vpnGatewayIPsecPolicyAttrTypes, map[string]attr.Value{
			"authentication_algorithm": strOrNull(p.IPsecPolicy.AuthenticationAlgorithm),
			"encryption_algorithm":     strOrNull(p.IPsecPolicy.EncryptionAlgorithm),
			"pfs":                      strOrNull(p.IPsecPolicy.PFS),
			"lifetime_seconds":         intOrNull(p.IPsecPolicy.LifetimeSeconds),
		})
	}
	return types.ObjectValueMust(vpnGatewayPolicyTemplateAttrTypes, map[string]attr.Value{
		"ike_policy": ike, "ipsec_policy": ipsec,
	})
}

// vgwExpandPolicyTemplate builds the policy_template of the PUT body from its
// known values (unknown values, which the user did not set, are not sent);
// nil when none is known.
func vgwExpandPolicyTemplate(o types.Object) *client.PolicyTemplate {
	if !known(o) {
		return nil
	}
	ikeObj, _ := o.Attributes()["ike_policy"].(types.Object)
	ipsecObj, _ := o.Attributes()["ipsec_policy"].(types.Object)
	str := func(obj types.Object, name string) string { return knownString(objectString(obj, name)) }
	lifetime := func(obj types.Object) *int { return knownIntPtr(objectInt64(obj, "lifetime_seconds")) }
	ike := client.PolicyTemplateIKE{
		EncryptionAlgorithm: str(ikeObj, "encryption_algorithm"), DHGroup: str(ikeObj, "dh_group"),
		AuthenticationAlgorithm: str(ikeObj, "authentication_algorithm"), LifetimeSeconds: lifetime(ikeObj),
	}
	ipsec := client.PolicyTemplateIPsec{
		AuthenticationAlgorithm: str(ipsecObj, "authentication_algorithm"), EncryptionAlgorithm: str(ipsecObj, "encryption_algorithm"),
		PFS: str(ipsecObj, "pfs"), LifetimeSeconds: lifetime(ipsecObj),
	}
	out := &client.PolicyTemplate{}
	if ike != (client.PolicyTemplateIKE{}) {
		out.IKEPolicy = &ike
	}
	if ipsec != (client.PolicyTemplateIPsec{}) {
		out.IPsecPolicy = &ipsec
	}
	if out.IKEPolicy == nil && out.IPsecPolicy == nil {
		return nil
	}
	return out
}
