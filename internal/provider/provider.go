// Package provider is the Terraform glue of the Huawei Cloud VPN provider:
// the provider configuration and one file per resource or data source. All
// API work goes through internal/client.
package provider

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// Environment variables read by the provider when an attribute is not set in
// its configuration block. Configuration always wins.
const (
	EnvRegion              = "HW_REGION_NAME"
	EnvAccessKey           = "HW_ACCESS_KEY"
	EnvSecretKey           = "HW_SECRET_KEY"
	EnvSecurityToken       = "HW_SECURITY_TOKEN"
	EnvProjectID           = "HW_PROJECT_ID"
	EnvVPNEndpoint         = "HW_VPN_ENDPOINT"
	EnvIAMEndpoint         = "HW_IAM_ENDPOINT"
	EnvEIPEndpoint         = "HW_EIP_ENDPOINT"
	EnvInsecure            = "HW_INSECURE"
	EnvMaxRetries          = "HW_MAX_RETRIES"
	EnvEnterpriseProjectID = "HW_ENTERPRISE_PROJECT_ID"
)

// DefaultMaxRetries is the value of max_retries when neither the
// configuration nor HW_MAX_RETRIES sets it.
const DefaultMaxRetries = 5

var _ provider.Provider = (*huaweicloudvpnProvider)(nil)

// New returns a constructor of the provider for providerserver, with the
// given version (injected into main.version by ldflags).
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &huaweicloudvpnProvider{version: version}
	}
}

// huaweicloudvpnProvider is the provider implementation.
type huaweicloudvpnProvider struct {
	version string

	// getenv reads the environment; nil means os.Getenv. Tests set it so that
	// they do not depend on (or change) the process environment.
	getenv func(string) string
	// clientOverride, when set, adjusts the client configuration after it is
	// resolved: tests use it to install fast poll and retry schedules.
	clientOverride func(*client.Config)
	// extraDataSources are registered after DataSources(); tests use it for
	// probe data sources that exist only in the test binary.
	extraDataSources []func() datasource.DataSource
}

// ProviderData is what Configure hands to every resource and data source.
type ProviderData struct {
	// Client is the configured API client.
	Client *client.Client
	// DefaultTags are the provider-level default_tags (never nil).
	DefaultTags map[string]string
	// EnterpriseProjectID is the provider-level enterprise_project_id ("" when unset).
	EnterpriseProjectID string
}

// providerModel is the provider configuration block.
type providerModel struct {
	Region              types.String      `tfsdk:"region"`
	AccessKey           types.String      `tfsdk:"access_key"`
	SecretKey           types.String      `tfsdk:"secret_key"`
	SecurityToken       types.String      `tfsdk:"security_token"`
	ProjectID           types.String      `tfsdk:"project_id"`
	Insecure            types.Bool        `tfsdk:"insecure"`
	MaxRetries          types.Int64       `tfsdk:"max_retries"`
	EnterpriseProjectID types.String      `tfsdk:"enterprise_project_id"`
	Endpoints           *endpointsModel   `tfsdk:"endpoints"`
	DefaultTags         *defaultTagsModel `tfsdk:"default_tags"`
}

// endpointsModel is the endpoints block.
type endpointsModel struct {
	VPN types.String `tfsdk:"vpn"`
	IAM types.String `tfsdk:"iam"`
	EIP types.String `tfsdk:"eip"`
}

// defaultTagsModel is the default_tags block.
type defaultTagsModel struct {
	Tags types.Map `tfsdk:"tags"`
}

// resolvedConfig is the outcome of resolving the configuration and the environment.
type resolvedConfig struct {
	Client              client.Config
	DefaultTags         map[string]string
	EnterpriseProjectID string
}

// Metadata implements provider.Provider.
func (p *huaweicloudvpnProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "huaweicloudvpn"
	resp.Version = p.version
}

// Schema implements provider.Provider.
func (p *huaweicloudvpnProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The `huaweicloudvpn` provider manages Huawei Cloud enterprise site-to-site VPN " +
			"(API v5): VPN gateways, customer gateways, VPN connections, connection monitors and gateway certificates.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Region, such as `cn-north-4`. Required here or in `" + EnvRegion + "`.",
			},
			"access_key": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Access key (AK). Required here or in `" + EnvAccessKey + "`.",
			},
			"secret_key": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Secret key (SK). Required here or in `" + EnvSecretKey + "`.",
			},
			"security_token": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Security token of temporary credentials. Also read from `" + EnvSecurityToken + "`.",
			},
			"project_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Project id. Also read from `" + EnvProjectID + "`; when unset, the provider " +
					"looks up the project named after the region through IAM.",
			},
			"insecure": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Skip TLS certificate verification. Also read from `" + EnvInsecure + "`. Defaults to `false`.",
			},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How many times one request is retried on throttling, busy or "+
					"server errors (0 disables retries). Also read from `%s`. Defaults to `%d`.", EnvMaxRetries, DefaultMaxRetries),
			},
			"enterprise_project_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Default enterprise project id of the resources that take one. Also read from `" +
					EnvEnterpriseProjectID + "`.",
			},
		},
		Blocks: map[string]schema.Block{
			"endpoints": schema.SingleNestedBlock{
				MarkdownDescription: "Custom service endpoints, for example the VPN emulator.",
				Attributes: map[string]schema.Attribute{
					"vpn": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "VPN API endpoint. Also read from `" + EnvVPNEndpoint + "`. " +
							"Defaults to `https://vpn.{region}.myhuaweicloud.com`.",
					},
					"iam": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "IAM endpoint, used to find the project id. Also read from `" + EnvIAMEndpoint + "`. " +
							"Defaults to `https://iam.{region}.myhuaweicloud.com`.",
					},
					"eip": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "EIP service endpoint (EIP API v3), used to unbind a customer's EIPs from a " +
							"gateway before the gateway is deleted or its EIPs are replaced. Also read from `" + EnvEIPEndpoint + "`. " +
							"Defaults to `https://vpc.{region}.myhuaweicloud.com`, where Huawei Cloud serves the EIP API.",
					},
				},
			},
			"default_tags": schema.SingleNestedBlock{
				MarkdownDescription: "Tags applied to every taggable resource of this provider. " +
					"A resource's own `tags` win over these for the same key.",
				Attributes: map[string]schema.Attribute{
					"tags": schema.MapAttribute{
						ElementType:         types.StringType,
						Optional:            true,
						MarkdownDescription: "Default tags, as a map of key to value.",
						Validators:          tagsValidators(),
					},
				},
			},
		},
	}
}

// Configure implements provider.Provider: it resolves the configuration and
// builds the API client.
//
// A configuration that refers to values not known until apply (such as
// another resource's attribute) is deferred when Terraform allows it
// (ClientCapabilities.DeferralAllowed); otherwise each unknown attribute
// gets an attribute error saying how to fix it, and no client is built.
func (p *huaweicloudvpnProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	if req.ClientCapabilities.DeferralAllowed && !req.Config.Raw.IsFullyKnown() {
		tflog.Info(ctx, "Provider configuration has values not known until apply; deferring")
		resp.Deferred = &provider.Deferred{Reason: provider.DeferredReasonProviderConfigUnknown}
		return
	}
	// A block that is unknown as a whole (a dynamic block over an unknown
	// collection) cannot be read into providerModel: report it first.
	for _, name := range []string{"endpoints", "default_tags"} {
		var block types.Object
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), &block)...)
		if block.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Unknown "+titleCase(strings.ReplaceAll(name, "_", " "))+" Block",
				fmt.Sprintf("The provider cannot create the Huawei Cloud VPN client because the %s block is not known "+
					"until apply. Write it as a plain block with literal values or variables.", name))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}

	getenv := p.getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	rc, diags := resolveConfig(ctx, m, getenv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	rc.Client.UserAgent = userAgent(p.version, req.TerraformVersion)
	if p.clientOverride != nil {
		p.clientOverride(&rc.Client)
	}

	ctx = maskSecrets(ctx, rc.Client)
	tflog.Debug(ctx, "Configuring Huawei Cloud VPN client", map[string]any{
		"region":         rc.Client.Region,
		"access_key":     rc.Client.AccessKey,
		"secret_key":     rc.Client.SecretKey,
		"security_token": rc.Client.SecurityToken,
		"project_id":     rc.Client.ProjectID,
		"vpn_endpoint":   rc.Client.VPNEndpoint,
		"iam_endpoint":   rc.Client.IAMEndpoint,
		"eip_endpoint":   rc.Client.EIPEndpoint,
		"max_retries":    rc.Client.MaxRetries,
	})

	c, err := client.New(ctx, rc.Client)
	if err != nil {
		opConfigureClient.report(&resp.Diagnostics, "", err)
		return
	}

	data := &ProviderData{Client: c, DefaultTags: rc.DefaultTags, EnterpriseProjectID: rc.EnterpriseProjectID}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
	tflog.Info(ctx, "Configured Huawei Cloud VPN client", map[string]any{"region": c.Region(), "project_id": c.ProjectID()})
}

// Resources implements provider.Provider. Add one line per resource.
func (p *huaweicloudvpnProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewCustomerGatewayResource,
		NewVPNGatewayResource,
		NewVPNConnectionResource,
		NewConnectionMonitorResource,
		NewVPNGatewayCertificateResource,
	}
}

// DataSources implements provider.Provider. Add one line per data source.
func (p *huaweicloudvpnProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	list := []func() datasource.DataSource{
		NewCustomerGatewaysDataSource,
		NewAvailabilityZonesDataSource,
		NewQuotasDataSource,
		NewVPNGatewaysDataSource,
		NewVPNGatewayDataSource,
		NewVPNConnectionsDataSource,
		NewConnectionMonitorsDataSource,
		NewTagsDataSource,
		NewResourceInstancesDataSource,
	}
	return append(list, p.extraDataSources...)
}

// maskSecrets returns ctx with tflog masking of the secret key and security
// token, both by field key and by value.
func maskSecrets(ctx context.Context, cfg client.Config) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "secret_key", "security_token")
	var secrets []string
	for _, s := range []string{cfg.SecretKey, cfg.SecurityToken} {
		if s != "" {
			secrets = append(secrets, s)
		}
	}
	if len(secrets) > 0 {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
		ctx = tflog.MaskMessageStrings(ctx, secrets...)
	}
	return ctx
}

// maskLogSecrets returns ctx with the given secrets (pre-shared keys, private
// keys; surrounding whitespace trimmed, empty ones skipped) masked in every
// log entry of the provider's root logger (the client redacts request bodies).
func maskLogSecrets(ctx context.Context, values ...string) context.Context {
	var secrets []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			secrets = append(secrets, v)
		}
	}
	if len(secrets) == 0 {
		return ctx
	}
	return tflog.MaskLogStrings(ctx, secrets...)
}

// userAgent is the User-Agent sent with every request.
func userAgent(version, tfVersion string) string {
	if version == "" {
		version = "dev"
	}
	if tfVersion == "" {
		tfVersion = "unknown"
	}
	return fmt.Sprintf("terraform-provider-huaweicloudvpn/%s (+terraform %s)", version, tfVersion)
}

// stringSetting describes one string attribute, its environment variable,
// and where its resolved value goes.
type stringSetting struct {
	path     path.Path
	value    types.String
	env      string
	title    string
	dst      *string
	required bool
	endpoint bool // an absolute http(s) URL
}

// resolveConfig turns the provider configuration and the environment into a
// client configuration. Configuration wins over the environment. It reports
// one attribute error per missing or unusable attribute, and an error per
// attribute whose value is unknown (it depends on a resource not yet created).
func resolveConfig(ctx context.Context, m providerModel, getenv func(string) string) (resolvedConfig, diag.Diagnostics) {
	var diags diag.Diagnostics
	var rc resolvedConfig

	var endpoints endpointsModel
	if m.Endpoints != nil {
		endpoints = *m.Endpoints
	}
	settings := []stringSetting{
		{path: path.Root("region"), value: m.Region, env: EnvRegion, title: "Region", dst: &rc.Client.Region, required: true},
		{path: path.Root("access_key"), value: m.AccessKey, env: EnvAccessKey, title: "Access Key", dst: &rc.Client.AccessKey, required: true},
		{path: path.Root("secret_key"), value: m.SecretKey, env: EnvSecretKey, title: "Secret Key", dst: &rc.Client.SecretKey, required: true},
		{path: path.Root("security_token"), value: m.SecurityToken, env: EnvSecurityToken, title: "Security Token", dst: &rc.Client.SecurityToken},
		{path: path.Root("project_id"), value: m.ProjectID, env: EnvProjectID, title: "Project ID", dst: &rc.Client.ProjectID},
		{path: path.Root("enterprise_project_id"), value: m.EnterpriseProjectID, env: EnvEnterpriseProjectID,
			title: "Enterprise Project ID", dst: &rc.EnterpriseProjectID},
		{path: path.Root("endpoints").AtName("vpn"), value: endpoints.VPN, env: EnvVPNEndpoint, title: "VPN Endpoint",
			dst: &rc.Client.VPNEndpoint, endpoint: true},
		{path: path.Root("endpoints").AtName("iam"), value: endpoints.IAM, env: EnvIAMEndpoint, title: "IAM Endpoint",
			dst: &rc.Client.IAMEndpoint, endpoint: true},
		{path: path.Root("endpoints").AtName("eip"), value: endpoints.EIP, env: EnvEIPEndpoint, title: "EIP Endpoint",
			dst: &rc.Client.EIPEndpoint, endpoint: true},
	}
	for _, s := range settings {
		if s.value.IsUnknown() {
			diags.AddAttributeError(s.path, "Unknown "+s.title+" Value",
				fmt.Sprintf("The provider cannot create the Huawei Cloud VPN client because %s has a value that is "+
					"not known until apply. Set it to a literal or a variable, or set the %s environment variable "+
					"and remove the attribute from the provider block.", attrName(s.path), s.env))
			continue
		}
		v := strings.TrimSpace(s.value.ValueString())
		if v == "" {
			v = strings.TrimSpace(getenv(s.env))
		}
		if v == "" && s.required {
			diags.AddAttributeError(s.path, "Missing "+s.title,
				fmt.Sprintf("The provider needs %s: set it in the provider block or in the %s environment variable.",
					attrName(s.path), s.env))
		}
		*s.dst = v
	}
	for _, s := range settings {
		if v := *s.dst; s.endpoint && v != "" && !validEndpoint(v) {
			diags.AddAttributeError(s.path, "Invalid "+s.title,
				fmt.Sprintf("%q is not an absolute http(s) URL (from %s or %s).", v, attrName(s.path), s.env))
		}
	}

	// insecure
	switch {
	case m.Insecure.IsUnknown():
		diags.AddAttributeError(path.Root("insecure"), "Unknown Insecure Value",
			"The provider cannot create the client because insecure is not known until apply. Set it to a literal or use "+EnvInsecure+".")
	case !m.Insecure.IsNull():
		rc.Client.Insecure = m.Insecure.ValueBool()
	case getenv(EnvInsecure) != "":
		b, err := strconv.ParseBool(strings.TrimSpace(getenv(EnvInsecure)))
		if err != nil {
			diags.AddAttributeError(path.Root("insecure"), "Invalid Insecure Value",
				fmt.Sprintf("The %s environment variable must be true or false, got %q.", EnvInsecure, getenv(EnvInsecure)))
		}
		rc.Client.Insecure = b
	}

	// max_retries
	rc.Client.MaxRetries = DefaultMaxRetries
	switch {
	case m.MaxRetries.IsUnknown():
		diags.AddAttributeError(path.Root("max_retries"), "Unknown Max Retries Value",
			"The provider cannot create the client because max_retries is not known until apply. Set it to a literal or use "+EnvMaxRetries+".")
	case !m.MaxRetries.IsNull():
		if n := m.MaxRetries.ValueInt64(); n < 0 || n > 100 {
			diags.AddAttributeError(path.Root("max_retries"), "Invalid Max Retries Value",
				fmt.Sprintf("max_retries must be between 0 and 100, got %d.", n))
		} else {
			rc.Client.MaxRetries = int(n)
		}
	case getenv(EnvMaxRetries) != "":
		n, err := strconv.Atoi(strings.TrimSpace(getenv(EnvMaxRetries)))
		if err != nil || n < 0 || n > 100 {
			diags.AddAttributeError(path.Root("max_retries"), "Invalid Max Retries Value",
				fmt.Sprintf("The %s environment variable must be a whole number between 0 and 100, got %q.", EnvMaxRetries, getenv(EnvMaxRetries)))
		} else {
			rc.Client.MaxRetries = n
		}
	}

	// default_tags
	rc.DefaultTags = map[string]string{}
	if m.DefaultTags != nil {
		tagsPath := path.Root("default_tags").AtName("tags")
		if m.DefaultTags.Tags.IsUnknown() {
			diags.AddAttributeError(tagsPath, "Unknown Default Tags Value",
				"The provider cannot be configured because default_tags.tags is not known until apply. Use literal values.")
		} else {
			tags, d := mapFromTypes(ctx, m.DefaultTags.Tags)
			if d.HasError() || tags == nil && !m.DefaultTags.Tags.IsNull() {
				diags.AddAttributeError(tagsPath, "Unknown Default Tags Value",
					"The provider cannot be configured because a value of default_tags.tags is not known until apply. Use literal values.")
			} else if tags != nil {
				rc.DefaultTags = tags
			}
		}
	}
	return rc, diags
}

// attrName renders a provider attribute path the way users write it.
func attrName(p path.Path) string {
	return p.String()
}

// validEndpoint reports whether s is an absolute http or https URL with a host.
func validEndpoint(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// providerDataFrom extracts the *ProviderData that Configure handed to a
// resource or data source. It returns nil without diagnostics while the
// provider is not configured yet (validation), and nil with an error when
// the data has an unexpected type.
func providerDataFrom(providerData any, diags *diag.Diagnostics) *ProviderData {
	if providerData == nil {
		return nil
	}
	data, ok := providerData.(*ProviderData)
	if !ok || data == nil {
		diags.AddError("Unexpected Provider Data Type",
			fmt.Sprintf("Expected *provider.ProviderData, got %T. This is a bug in the provider; please report it.", providerData))
		return nil
	}
	return data
}

// providerConfigured reports (with an error naming what, such as "the VPN
// connection" or "huaweicloudvpn_quotas") a resource or data source used
// before Configure handed it provider data.
func providerConfigured(data *ProviderData, diags *diag.Diagnostics, what string) bool {
	if data == nil || data.Client == nil {
		diags.AddError("Provider Not Configured",
			"The huaweicloudvpn provider was not configured before "+what+" was used. This is a bug in the provider; please report it.")
		return false
	}
	return true
}

// defaultTags returns the provider's default tags (none before Configure,
// when data is nil).
func (data *ProviderData) defaultTags() map[string]string {
	if data == nil {
		return nil
	}
	return data.DefaultTags
}
