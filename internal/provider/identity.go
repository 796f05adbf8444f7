package provider

// Resource identity (Terraform 1.12+): every resource reports the fields that
// identify its object in the service, and can be imported by them
// (`import { to = ..., identity = { ... } }`). An object is named by its id
// (a certificate by the id of its gateway, which has at most one) inside a
// project of a region; region and project_id are optional when importing and
// default to the provider's, as in the AWS provider's region-scoped identities.

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Names of the identity attributes every resource shares.
const (
	identityRegion    = "region"
	identityProjectID = "project_id"
)

var (
	_ resource.ResourceWithIdentity = (*vpnGatewayResource)(nil)
	_ resource.ResourceWithIdentity = (*customerGatewayResource)(nil)
	_ resource.ResourceWithIdentity = (*vpnConnectionResource)(nil)
	_ resource.ResourceWithIdentity = (*connectionMonitorResource)(nil)
	_ resource.ResourceWithIdentity = (*vgwCertificateResource)(nil)
)

// identitySchema is an identity schema whose key attribute (`id`, or
// `vgw_id` for a certificate) is required for an import, with the optional
// region and project_id.
func identitySchema(key, keyDesc string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			key: identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       keyDesc,
			},
			identityRegion: identityschema.StringAttribute{
				OptionalForImport: true,
				Description:       "Region of the object. Defaults to the provider's region when importing; must equal it.",
			},
			identityProjectID: identityschema.StringAttribute{
				OptionalForImport: true,
				Description:       "Project id of the object. Defaults to the provider's project when importing; must equal it.",
			},
		},
	}
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *vpnGatewayResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema("id", "ID of the VPN gateway.")
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *customerGatewayResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema("id", "ID of the customer gateway.")
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *vpnConnectionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema("id", "ID of the VPN connection.")
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *connectionMonitorResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema("id", "ID of the connection monitor.")
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *vgwCertificateResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema("vgw_id", "ID of the VPN gateway that holds the certificate (a gateway has at most one).")
}

// identityModel is the value of an identity whose key attribute is `id`.
type identityModel struct {
	ID        types.String `tfsdk:"id"`
	Region    types.String `tfsdk:"region"`
	ProjectID types.String `tfsdk:"project_id"`
}

// certificateIdentityModel is the identity of a gateway certificate.
type certificateIdentityModel struct {
	VgwID     types.String `tfsdk:"vgw_id"`
	Region    types.String `tfsdk:"region"`
	ProjectID types.String `tfsdk:"project_id"`
}

// setIdentity stores the identity of the object in st (after Create, Read,
// Update or a move): the value of state attribute key, and the provider's
// region and project. Nothing happens without an identity (Terraform before
// 1.12) or when st holds no object.
//
// Resources call it deferred at the start of Create, Read and Update, so that
// every way out (a tainted create included) stores the identity:
//
//	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "id", &resp.Diagnostics)
//
// Read passes its prior state as well: a Read that removes the object
// (gone from the service) must still return the identity.
func setIdentity(ctx context.Context, data *ProviderData, st *tfsdk.State, identity *tfsdk.ResourceIdentity, key string, diags *diag.Diagnostics, prior ...tfsdk.State) {
	if st != nil && st.Raw.IsNull() && len(prior) > 0 {
		st = &prior[0]
	}
	if identity == nil || data == nil || data.Client == nil || st == nil || st.Raw.IsNull() {
		return
	}
	var id types.String
	diags.Append(st.GetAttribute(ctx, path.Root(key), &id)...)
	if diags.HasError() || id.IsNull() || id.IsUnknown() {
		return
	}
	diags.Append(identity.Set(ctx, identityValue(data, key, id))...)
}

// identityValue is the identity of the object whose key attribute (`id`,
// or `vgw_id` for a certificate) is id, in the provider's region and project.
func identityValue(data *ProviderData, key string, id types.String) any {
	region, project := types.StringValue(data.Client.Region()), types.StringValue(data.Client.ProjectID())
	if key == "vgw_id" {
		return certificateIdentityModel{VgwID: id, Region: region, ProjectID: project}
	}
	return identityModel{ID: id, Region: region, ProjectID: project}
}

// importByIdentity handles an import by identity (req.ID empty): it checks
// that region and project_id, when given, are the provider's, and copies the
// key attribute into the state.
func importByIdentity(ctx context.Context, data *ProviderData, req resource.ImportStateRequest, resp *resource.ImportStateResponse, key, what string) {
	if req.Identity == nil {
		resp.Diagnostics.AddError("Missing Import Identity", fmt.Sprintf("Import %s by its id or by an identity.", what))
		return
	}
	var key0, region, project types.String
	resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(key), &key0)...)
	resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(identityRegion), &region)...)
	resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(identityProjectID), &project)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if key0.IsNull() || key0.ValueString() == "" {
		resp.Diagnostics.AddAttributeError(path.Root(key), "Missing Import Identity Attribute",
			fmt.Sprintf("Importing %s by identity needs identity.%s.", what, key))
		return
	}
	if data != nil && data.Client != nil {
		for _, c := range []struct {
			name      string
			got, want string
		}{
			{identityRegion, region.ValueString(), data.Client.Region()},
			{identityProjectID, project.ValueString(), data.Client.ProjectID()},
		} {
			if c.got != "" && c.got != c.want {
				resp.Diagnostics.AddAttributeError(path.Root(c.name), "Import Identity Outside The Provider's Scope",
					fmt.Sprintf("Importing %s %s: identity.%s is %q but this provider configuration works in %s %q. "+
						"Use a provider configuration for %q (provider meta-argument of the import block).",
						what, key0.ValueString(), c.name, c.got, c.name, c.want, c.got))
			}
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(key), key0.ValueString())...)
}
