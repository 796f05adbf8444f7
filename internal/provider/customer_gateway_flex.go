package provider

// Request values from the plan, and the state from the service's answer, for
// huaweicloudvpn_customer_gateway (the customer_gateways data source shares
// the certificate flattener).

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// cgwCACertificateInfoAttrTypes are the attribute types of the ca_certificate
// values the service returns (all but the content, which it never returns):
// a customer_gateways item's ca_certificate.
var cgwCACertificateInfoAttrTypes = map[string]attr.Type{
	"id":                  types.StringType,
	"serial_number":       types.StringType,
	"signature_algorithm": types.StringType,
	"issuer":              types.StringType,
	"subject":             types.StringType,
	"expire_time":         types.StringType,
	"is_updatable":        types.BoolType,
}

// cgwCACertificateAttrTypes are the attribute types of the resource's
// ca_certificate: the content and the service's values.
var cgwCACertificateAttrTypes = func() map[string]attr.Type {
	out := maps.Clone(cgwCACertificateInfoAttrTypes)
	out["content"] = pemType{}
	return out
}()

// flattenCustomerGateway copies the service's view of a customer gateway into m. The
// certificate content (never returned) and the split of tags versus default
// tags come from m's current (prior or planned) values.
func flattenCustomerGateway(ctx context.Context, cgw *client.CustomerGateway, m *customerGatewayResourceModel, defaultTags map[string]string) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(cgw.ID)
	m.Name = types.StringValue(cgw.Name)
	idType := cgw.IDType
	if idType == "" {
		idType = apispec.DefaultCustomerGatewayIDType
	}
	m.IDType = types.StringValue(idType)
	m.IDValue = types.StringValue(cgw.IDValue)
	m.BgpAsn = types.Int64PointerValue(cgw.BgpAsn)
	m.CreatedAt = types.StringValue(cgw.CreatedAt)
	m.UpdatedAt = types.StringValue(cgw.UpdatedAt)

	content, d := cgwCAContent(ctx, m.CACertificate)
	diags.Append(d...)
	m.CACertificate, d = cgwFlattenCA(cgw.CACertificate, content)
	diags.Append(d...)

	m.Tags, m.TagsAll = splitTags(tagsToMap(cgw.Tags), m.Tags, m.TagsAll, defaultTags)
	return diags
}

// cgwFlattenCA builds the ca_certificate value from the service's answer,
// with the given (known or null) content.
func cgwFlattenCA(ca *client.CACertificate, content pemValue) (types.Object, diag.Diagnostics) {
	if ca == nil {
		return types.ObjectNull(cgwCACertificateAttrTypes), nil
	}
	if content.IsUnknown() {
		content = pemNull()
	}
	values := cgwCAInfoValues(ca)
	values["content"] = content
	return types.ObjectValue(cgwCACertificateAttrTypes, values)
}

// cgwCAInfoValues are the values of the ca_certificate attributes the
// service returns (all but the content), for the resource and the data source.
func cgwCAInfoValues(ca *client.CACertificate) map[string]attr.Value {
	return map[string]attr.Value{
		"id":                  strOrNull(ca.ID),
		"serial_number":       strOrNull(ca.SerialNumber),
		"signature_algorithm": strOrNull(ca.SignatureAlgorithm),
		"issuer":              strOrNull(ca.Issuer),
		"subject":             strOrNull(ca.Subject),
		"expire_time":         strOrNull(ca.ExpireTime),
		"is_updatable":        types.BoolPointerValue(ca.IsUpdatable),
	}
}

// cgwCAContent returns the content of a ca_certificate value (null when the
// object is null or unknown).
func cgwCAContent(ctx context.Context, obj types.Object) (pemValue, diag.Diagnostics) {
	if !known(obj) {
		return pemNull(), nil
	}
	var m cgwCACertificateModel
	diags := obj.As(ctx, &m, basetypes.ObjectAsOptions{})
	return m.Content, diags
}

// cgwExpandCA builds the create request's ca_certificate (nil when not set).
func cgwExpandCA(ctx context.Context, obj types.Object) (*client.CACertificateRequest, diag.Diagnostics) {
	content, diags := cgwCAContent(ctx, obj)
	if diags.HasError() || !known(content) {
		return nil, diags
	}
	return &client.CACertificateRequest{Content: content.ValueString()}, diags
}
