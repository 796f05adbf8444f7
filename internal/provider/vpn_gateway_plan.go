package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
)

// vgwEIPReplaceFields are the EIP arguments that describe a new EIP: the
// service cannot change them, so a change replaces the gateway.
var vgwEIPReplaceFields = []string{"type", "charge_mode", "bandwidth_size", "bandwidth_name", "bandwidth_id"}

// ModifyPlan implements resource.ResourceWithModifyPlan. It plans tags_all,
// the provider's default enterprise project on create, the nested eip1,
// eip2 and policy_template objects (kept as they are unless a configured
// value changes; an EIP swap by id is in place, any other EIP change
// replaces), and rejects flavor changes the update-specification call does
// not take.
func (r *vpnGatewayResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	defer vgwWarnKeptEIPs(ctx, req, resp)
	if req.Plan.Raw.IsNull() {
		return
	}
	modifyPlanTagsAll(ctx, r.data.defaultTags(), req, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	var config, plan vpnGatewayModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}

	if req.State.Raw.IsNull() {
		vgwEIPWithIDProblems("eip1", config.EIP1, types.ObjectNull(vpnGatewayEIPAttrTypes), &resp.Diagnostics)
		vgwEIPWithIDProblems("eip2", config.EIP2, types.ObjectNull(vpnGatewayEIPAttrTypes), &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		if config.EnterpriseProjectID.IsNull() && r.data != nil && r.data.EnterpriseProjectID != "" {
			plan.EnterpriseProjectID = types.StringValue(r.data.EnterpriseProjectID)
		}
		if known(config.Flavor) && slices.Contains(apispec.LegacyFlavors, config.Flavor.ValueString()) {
			resp.Diagnostics.AddAttributeError(path.Root("flavor"), "Retired Flavor", fmt.Sprintf("Flavor %s is retired: "+
				"existing gateways keep it, but the service creates no new gateway with it. Choose one of %s.",
				config.Flavor.ValueString(), strings.Join(apispec.GatewayFlavors, ", ")))
			return
		}
		r.checkAvailabilityZones(ctx, &config, resp)
		if resp.Diagnostics.HasError() {
			return
		}
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	var state vpnGatewayModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// eip1 / eip2.
	vgwEIPWithIDProblems("eip1", config.EIP1, state.EIP1, &resp.Diagnostics)
	vgwEIPWithIDProblems("eip2", config.EIP2, state.EIP2, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, e := range []struct {
		name    string
		cfg, st types.Object
		planned *types.Object
	}{
		{"eip1", config.EIP1, state.EIP1, &plan.EIP1},
		{"eip2", config.EIP2, state.EIP2, &plan.EIP2},
	} {
		if e.cfg.IsNull() {
			continue
		}
		planned, changed := planObjectAsWhole(ctx, e.cfg, e.st)
		*e.planned = planned
		if changed && vgwEIPNeedsReplace(e.cfg, e.st) {
			resp.RequiresReplace.Append(path.Root(e.name))
		}
	}

	// policy_template: Optional+Computed; unset keeps the service's values.
	if config.PolicyTemplate.IsNull() {
		plan.PolicyTemplate = state.PolicyTemplate
	} else {
		plan.PolicyTemplate, _ = planObjectAsWhole(ctx, config.PolicyTemplate, state.PolicyTemplate)
	}

	// flavor: in place through update-specification, among the flavors it takes.
	if known(plan.Flavor) && !state.Flavor.IsNull() && !plan.Flavor.Equal(state.Flavor) {
		if reason := vgwFlavorChangeProblem(ctx, config, state, plan); reason != "" {
			resp.Diagnostics.AddAttributeError(path.Root("flavor"), "Unsupported Flavor Change", reason)
			return
		}
		plan.ConnectionNumber = types.Int64Unknown()
		plan.SupportedFlavors = types.SetUnknown(types.StringType)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// vgwFlavorChangeProblem explains why the service cannot change the gateway's
// flavor from state to plan in place ("" when it can).
func vgwFlavorChangeProblem(ctx context.Context, config, state, plan vpnGatewayModel) string {
	from, to := state.Flavor.ValueString(), plan.Flavor.ValueString()
	accepted := "`" + strings.Join(apispec.SpecificationFlavors, "`, `") + "`"
	replace := " To change it anyway, replace the gateway (terraform apply -replace=...)."
	switch {
	case from == apispec.FlavorGM || to == apispec.FlavorGM:
		return fmt.Sprintf("The flavor of VPN gateway %s cannot change from %s to %s in place: the service's "+
			"update-specification call never changes a gateway to or from GM (it takes only %s).%s",
			state.ID.ValueString(), from, to, accepted, replace)
	case !slices.Contains(apispec.SpecificationFlavors, to):
		return fmt.Sprintf("The flavor of VPN gateway %s cannot change to %s in place: the service's "+
			"update-specification call takes only %s.%s", state.ID.ValueString(), to, accepted, replace)
	case !slices.Contains(apispec.SpecificationFlavors, from):
		return fmt.Sprintf("The flavor of VPN gateway %s cannot change in place: a gateway of flavor %s cannot "+
			"change specification (the update-specification call takes only %s).%s", state.ID.ValueString(), from, accepted, replace)
	}
	if known(state.SupportedFlavors) {
		var supported []string
		state.SupportedFlavors.ElementsAs(ctx, &supported, false)
		if !slices.Contains(supported, to) {
			return fmt.Sprintf("The flavor of VPN gateway %s cannot change to %s: the service reports that it can "+
				"change only to %s (supported_flavors).%s", state.ID.ValueString(), to, strings.Join(supported, ", "), replace)
		}
	}
	// A new EIP's own bandwidth must fit the new flavor.
	for i, e := range []types.Object{config.EIP1, config.EIP2} {
		size := objectInt64(e, "bandwidth_size")
		if !known(size) || !objectString(e, "bandwidth_id").IsNull() {
			continue
		}
		if maxSize := apispec.MaxBandwidth(to); size.ValueInt64() > int64(maxSize) {
			return fmt.Sprintf("The flavor of VPN gateway %s cannot change to %s: that flavor allows EIP bandwidths "+
				"of at most %d Mbit/s and eip%d.bandwidth_size is %d.", state.ID.ValueString(), to, maxSize, i+1, size.ValueInt64())
		}
	}
	return ""
}

// vgwEIPNeedsReplace reports whether a configured EIP differs from the state in
// a way only a new gateway can apply: any change other than a new id.
func vgwEIPNeedsReplace(cfg, state types.Object) bool {
	if cfg.IsUnknown() {
		// Nothing is known of the new EIP: only a new gateway surely applies it.
		return true
	}
	if !objectString(cfg, "id").IsNull() {
		return false
	}
	if !known(state) {
		return true
	}
	ca, sa := cfg.Attributes(), state.Attributes()
	for _, name := range vgwEIPReplaceFields {
		if c := ca[name]; !c.IsNull() && !c.Equal(sa[name]) {
			return true
		}
	}
	return false
}

// ValidateConfig implements resource.ResourceWithValidateConfig: the
// reference's cross-field rules, checked at plan time. Rules that depend on
// a value not known yet are skipped.
func (r *vpnGatewayResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var c vpnGatewayModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &c)...)
	if resp.Diagnostics.HasError() {
		return
	}
	missing := func(attrName, why string) {
		resp.Diagnostics.AddAttributeError(path.Root(attrName), "Missing Required Argument", fmt.Sprintf("%s is required %s.", attrName, why))
	}
	forbidden := func(p path.Path, why string) {
		resp.Diagnostics.AddAttributeError(p, "Argument Not Allowed", fmt.Sprintf("%s must not be set %s.", p, why))
	}
	set := func(v attr.Value) bool { return !v.IsNull() }

	// Attachment: vpc needs vpc_id, connect_subnet and local_subnets; er needs er_id and an access subnet.
	if !c.AttachmentType.IsUnknown() {
		switch att := stringOr(c.AttachmentType, apispec.DefaultAttachmentType); att {
		case apispec.AttachmentTypeVPC:
			why := `when attachment_type is "vpc" (the default)`
			if !set(c.VpcID) {
				missing("vpc_id", why)
			}
			if !set(c.ConnectSubnet) {
				missing("connect_subnet", why)
			}
			if !set(c.LocalSubnets) {
				missing("local_subnets", why)
			}
			if set(c.ErID) {
				forbidden(path.Root("er_id"), `unless attachment_type is "er"`)
			}
		case apispec.AttachmentTypeER:
			why := `when attachment_type is "er"`
			if !set(c.ErID) {
				missing("er_id", why)
			}
			if set(c.LocalSubnets) {
				forbidden(path.Root("local_subnets"), `when attachment_type is "er" (local subnets belong to vpc gateways)`)
			}
			if !set(c.VpcID) && !set(c.AccessVpcID) {
				resp.Diagnostics.AddAttributeError(path.Root("access_vpc_id"), "Missing Required Argument",
					`access_vpc_id (or vpc_id) is required when attachment_type is "er": it names the access VPC.`)
			}
			if !set(c.ConnectSubnet) && !set(c.AccessSubnetID) {
				resp.Diagnostics.AddAttributeError(path.Root("access_subnet_id"), "Missing Required Argument",
					`access_subnet_id (or connect_subnet) is required when attachment_type is "er": it names the access subnet.`)
			}
		}
	}

	// Network: public needs both EIPs; private takes access private IPs and no EIP.
	if !c.NetworkType.IsUnknown() {
		switch stringOr(c.NetworkType, apispec.DefaultNetworkType) {
		case apispec.NetworkTypePublic:
			why := `when network_type is "public" (the default)`
			if !set(c.EIP1) {
				missing("eip1", why)
			}
			if !set(c.EIP2) {
				missing("eip2", why)
			}
			for _, n := range []string{"access_private_ip_1", "access_private_ip_2"} {
				v := c.AccessPrivateIP1
				if n == "access_private_ip_2" {
					v = c.AccessPrivateIP2
				}
				if set(v) {
					forbidden(path.Root(n), `unless network_type is "private"`)
				}
			}
		case apispec.NetworkTypePrivate:
			if set(c.EIP1) {
				forbidden(path.Root("eip1"), `when network_type is "private" (private gateways use access_private_ip_1/2)`)
			}
			if set(c.EIP2) {
				forbidden(path.Root("eip2"), `when network_type is "private" (private gateways use access_private_ip_1/2)`)
			}
		}
	}
	if set(c.AccessPrivateIP1) != set(c.AccessPrivateIP2) {
		resp.Diagnostics.AddAttributeError(path.Root("access_private_ip_2"), "Incomplete Access Private IPs",
			"access_private_ip_1 and access_private_ip_2 must be set together (or both left to the service).")
	} else if known(c.AccessPrivateIP1) && known(c.AccessPrivateIP2) && c.AccessPrivateIP1.Equal(c.AccessPrivateIP2) {
		resp.Diagnostics.AddAttributeError(path.Root("access_private_ip_2"), "Duplicate Access Private IP",
			"access_private_ip_2 must differ from access_private_ip_1.")
	}

	// EIPs: an existing one by id, or the parameters of a new one.
	flavor := stringOr(c.Flavor, apispec.DefaultFlavor)
	for _, e := range []struct {
		name string
		o    types.Object
	}{{"eip1", c.EIP1}, {"eip2", c.EIP2}} {
		if !known(e.o) {
			continue
		}
		vgwValidateEIPConfig(e.name, e.o, flavor, c.Flavor.IsUnknown(), resp)
	}
	if id1, id2 := objectString(c.EIP1, "id"), objectString(c.EIP2, "id"); known(id1) && known(id2) && id1.Equal(id2) {
		resp.Diagnostics.AddAttributeError(path.Root("eip2").AtName("id"), "Duplicate EIP",
			"eip1 and eip2 must be different EIPs.")
	}

}

// vgwValidateEIPConfig checks one configured eip1/eip2 object.
func vgwValidateEIPConfig(name string, o types.Object, flavor string, flavorUnknown bool, resp *resource.ValidateConfigResponse) {
	p := path.Root(name)
	a := o.Attributes()
	isSet := func(n string) bool { return !a[n].IsNull() }
	if isSet("id") {
		// The new-EIP arguments may repeat the service's values of that EIP
		// (generated configuration does): ModifyPlan checks them against the state.
		return
	}
	if !isSet("type") {
		resp.Diagnostics.AddAttributeError(p.AtName("type"), "Missing Required Argument",
			fmt.Sprintf("%s needs either id (an existing EIP) or type (and bandwidth_size) for a new EIP.", name))
	}
	if isSet("bandwidth_id") {
		for _, n := range []string{"bandwidth_size", "bandwidth_name"} {
			if isSet(n) {
				resp.Diagnostics.AddAttributeError(p.AtName(n), "Conflicting EIP Arguments",
					fmt.Sprintf("%s.%s must not be set together with %s.bandwidth_id (a shared bandwidth).", name, n, name))
			}
		}
		return
	}
	size, _ := a["bandwidth_size"].(types.Int64)
	if size.IsNull() {
		resp.Diagnostics.AddAttributeError(p.AtName("bandwidth_size"), "Missing Required Argument",
			fmt.Sprintf("%s.bandwidth_size is required for a new EIP unless bandwidth_id names a shared bandwidth.", name))
		return
	}
	if !size.IsUnknown() && !flavorUnknown {
		if err := apispec.CheckBandwidth(flavor, int(size.ValueInt64())); err != nil {
			resp.Diagnostics.AddAttributeError(p.AtName("bandwidth_size"), "Invalid EIP Bandwidth",
				fmt.Sprintf("%s.bandwidth_size %v.", name, err))
		}
	}
}

// checkAvailabilityZones checks configured availability_zone_ids of a new
// gateway against the zones of its flavor and attachment type, when all are
// known (reference 4.1.1.1: two zones when the flavor has two or more, one
// when it has one, no gateway when it has none). A zone list that cannot be
// read now is left to the service.
func (r *vpnGatewayResource) checkAvailabilityZones(ctx context.Context, config *vpnGatewayModel, resp *resource.ModifyPlanResponse) {
	if r.data == nil || !known(config.AvailabilityZoneIDs) || config.Flavor.IsUnknown() || config.AttachmentType.IsUnknown() {
		return
	}
	// Left out, flavor and attachment_type take the service's defaults.
	flavor, attachment := apispec.DefaultFlavor, apispec.DefaultAttachmentType
	if !config.Flavor.IsNull() {
		flavor = config.Flavor.ValueString()
	}
	if !config.AttachmentType.IsNull() {
		attachment = config.AttachmentType.ValueString()
	}
	var azs []string
	for _, v := range config.AvailabilityZoneIDs.Elements() {
		s, ok := v.(types.String)
		if !ok || !known(s) {
			return
		}
		azs = append(azs, s.ValueString())
	}
	all, err := r.data.Client.ListAvailabilityZones(ctx)
	if err != nil {
		tflog.Debug(ctx, "Cannot check availability_zone_ids at plan time", map[string]any{"error": err.Error()})
		return
	}
	fz, ok := all.ForFlavor(flavor)
	if !ok {
		return
	}
	zones := fz.VPC
	if attachment == "er" {
		zones = fz.ER
	}
	if p := availabilityZoneProblem(flavor, attachment, zones, azs); p != "" {
		resp.Diagnostics.AddAttributeError(path.Root("availability_zone_ids"), "Invalid Availability Zones", p)
	}
}

// availabilityZoneProblem says why azs cannot be the zones of a gateway of
// flavor and attachment, whose zones are zones ("" when they can).
func availabilityZoneProblem(flavor, attachment string, zones, azs []string) string {
	where := fmt.Sprintf("flavor %s with attachment_type %s", flavor, attachment)
	if len(zones) == 0 {
		return fmt.Sprintf("The service offers no availability zone for %s, so no such gateway can be created.", where)
	}
	for _, z := range azs {
		if !slices.Contains(zones, z) {
			return fmt.Sprintf("%q is not an availability zone of %s; its zones are: %s.", z, where, strings.Join(zones, ", "))
		}
	}
	if want := min(2, len(zones)); len(azs) != want {
		return fmt.Sprintf("The service offers %d availability zone(s) for %s (%s): availability_zone_ids must list "+
			"exactly %d of them, or be left out for the service to choose; it lists %d.", len(zones), where,
			strings.Join(zones, ", "), want, len(azs))
	}
	return ""
}
