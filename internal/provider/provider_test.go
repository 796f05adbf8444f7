package provider

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// envMap is a getenv backed by a map.
func envMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// nullModel is a provider block with nothing set.
func nullModel() providerModel {
	return providerModel{
		Region: types.StringNull(), AccessKey: types.StringNull(), SecretKey: types.StringNull(),
		SecurityToken: types.StringNull(), ProjectID: types.StringNull(), Insecure: types.BoolNull(),
		MaxRetries: types.Int64Null(), EnterpriseProjectID: types.StringNull(),
	}
}

// fullEnv sets every variable the provider reads.
var fullEnv = map[string]string{
	EnvRegion: "env-region", EnvAccessKey: "env-ak", EnvSecretKey: "env-sk", EnvSecurityToken: "env-token",
	EnvProjectID: "env-project", EnvVPNEndpoint: "https://vpn.env.example", EnvIAMEndpoint: "https://iam.env.example",
	EnvEIPEndpoint: "https://vpc.env.example", EnvInsecure: "true", EnvMaxRetries: "7", EnvEnterpriseProjectID: "env-eps",
}

// errorPaths returns the attribute paths of the error diagnostics.
func errorPaths(diags diag.Diagnostics) []string {
	var out []string
	for _, d := range diags.Errors() {
		if wp, ok := d.(diag.DiagnosticWithPath); ok {
			out = append(out, wp.Path().String())
		} else {
			out = append(out, "<no path>")
		}
	}
	return out
}

func TestResolveConfig_configWins(t *testing.T) {
	t.Parallel()
	m := providerModel{
		Region: types.StringValue("cfg-region"), AccessKey: types.StringValue("cfg-ak"), SecretKey: types.StringValue("cfg-sk"),
		SecurityToken: types.StringValue("cfg-token"), ProjectID: types.StringValue("cfg-project"),
		Insecure: types.BoolValue(false), MaxRetries: types.Int64Value(0), EnterpriseProjectID: types.StringValue("cfg-eps"),
		Endpoints:   &endpointsModel{VPN: types.StringValue("http://127.0.0.1:1"), IAM: types.StringValue("http://127.0.0.1:2"), EIP: types.StringValue("http://127.0.0.1:3")},
		DefaultTags: &defaultTagsModel{Tags: stringMapValue(map[string]string{"env": "test"})},
	}
	rc, diags := resolveConfig(context.Background(), m, envMap(fullEnv))
	if diags.HasError() {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	want := client.Config{
		Region: "cfg-region", AccessKey: "cfg-ak", SecretKey: "cfg-sk", SecurityToken: "cfg-token", ProjectID: "cfg-project",
		VPNEndpoint: "http://127.0.0.1:1", IAMEndpoint: "http://127.0.0.1:2", EIPEndpoint: "http://127.0.0.1:3", Insecure: false, MaxRetries: 0,
	}
	if !reflect.DeepEqual(rc.Client, want) {
		t.Errorf("client config:\n got %+v\nwant %+v", rc.Client, want)
	}
	if rc.EnterpriseProjectID != "cfg-eps" || !reflect.DeepEqual(rc.DefaultTags, map[string]string{"env": "test"}) {
		t.Errorf("eps %q, default tags %v", rc.EnterpriseProjectID, rc.DefaultTags)
	}
}

func TestResolveConfig_envFallback(t *testing.T) {
	t.Parallel()
	rc, diags := resolveConfig(context.Background(), nullModel(), envMap(fullEnv))
	if diags.HasError() {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	want := client.Config{
		Region: "env-region", AccessKey: "env-ak", SecretKey: "env-sk", SecurityToken: "env-token", ProjectID: "env-project",
		VPNEndpoint: "https://vpn.env.example", IAMEndpoint: "https://iam.env.example", EIPEndpoint: "https://vpc.env.example", Insecure: true, MaxRetries: 7,
	}
	if !reflect.DeepEqual(rc.Client, want) {
		t.Errorf("client config:\n got %+v\nwant %+v", rc.Client, want)
	}
	if rc.EnterpriseProjectID != "env-eps" {
		t.Errorf("enterprise project id %q", rc.EnterpriseProjectID)
	}
	if rc.DefaultTags == nil || len(rc.DefaultTags) != 0 {
		t.Errorf("default tags = %#v, want an empty non-nil map", rc.DefaultTags)
	}
}

func TestResolveConfig_emptyConfigStringFallsBackToEnv(t *testing.T) {
	t.Parallel()
	m := nullModel()
	m.Region = types.StringValue("")
	rc, diags := resolveConfig(context.Background(), m, envMap(fullEnv))
	if diags.HasError() || rc.Client.Region != "env-region" {
		t.Fatalf("region %q, diags %v", rc.Client.Region, diags)
	}
}

func TestResolveConfig_defaults(t *testing.T) {
	t.Parallel()
	m := nullModel()
	m.Region, m.AccessKey, m.SecretKey = types.StringValue("r"), types.StringValue("ak"), types.StringValue("sk")
	rc, diags := resolveConfig(context.Background(), m, envMap(nil))
	if diags.HasError() {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	// Empty endpoints and project id: the client fills in
	// https://{vpn,iam}.{region}.myhuaweicloud.com and discovers the project.
	want := client.Config{Region: "r", AccessKey: "ak", SecretKey: "sk", MaxRetries: DefaultMaxRetries}
	if !reflect.DeepEqual(rc.Client, want) {
		t.Errorf("client config:\n got %+v\nwant %+v", rc.Client, want)
	}
}

func TestResolveConfig_missing(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		unset []string
		want  []string
	}{
		{"region", []string{EnvRegion}, []string{"region"}},
		{"access key", []string{EnvAccessKey}, []string{"access_key"}},
		{"secret key", []string{EnvSecretKey}, []string{"secret_key"}},
		{"all three", []string{EnvRegion, EnvAccessKey, EnvSecretKey}, []string{"region", "access_key", "secret_key"}},
		{"optional ones", []string{EnvSecurityToken, EnvProjectID, EnvVPNEndpoint, EnvIAMEndpoint, EnvEIPEndpoint, EnvInsecure, EnvMaxRetries}, nil},
	}
	for _, tc := range cases {
		env := map[string]string{}
		for k, v := range fullEnv {
			env[k] = v
		}
		for _, k := range tc.unset {
			delete(env, k)
		}
		_, diags := resolveConfig(context.Background(), nullModel(), envMap(env))
		if got := errorPaths(diags); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: error paths %v, want %v", tc.name, got, tc.want)
		}
		for i, d := range diags.Errors() {
			if !strings.Contains(d.Detail(), tc.want[i]) || !strings.Contains(d.Detail(), tc.unset[i]) {
				t.Errorf("%s: detail %q does not name %s and %s", tc.name, d.Detail(), tc.want[i], tc.unset[i])
			}
		}
	}
}

func TestResolveConfig_maxRetries(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		cfg     types.Int64
		env     string
		want    int
		wantErr bool
	}{
		{"default", types.Int64Null(), "", DefaultMaxRetries, false},
		{"config", types.Int64Value(3), "9", 3, false},
		{"config zero", types.Int64Value(0), "9", 0, false},
		{"env", types.Int64Null(), " 2 ", 2, false},
		{"env not a number", types.Int64Null(), "many", 0, true},
		{"env negative", types.Int64Null(), "-1", 0, true},
		{"config negative", types.Int64Value(-1), "", 0, true},
		{"config too large", types.Int64Value(101), "", 0, true},
		{"unknown", types.Int64Unknown(), "2", 0, true},
	}
	for _, tc := range cases {
		m := nullModel()
		m.MaxRetries = tc.cfg
		env := map[string]string{EnvRegion: "r", EnvAccessKey: "a", EnvSecretKey: "s", EnvMaxRetries: tc.env}
		rc, diags := resolveConfig(context.Background(), m, envMap(env))
		if tc.wantErr {
			if got := errorPaths(diags); !reflect.DeepEqual(got, []string{"max_retries"}) {
				t.Errorf("%s: error paths %v, want [max_retries]", tc.name, got)
			}
			continue
		}
		if diags.HasError() || rc.Client.MaxRetries != tc.want {
			t.Errorf("%s: max retries %d (%v), want %d", tc.name, rc.Client.MaxRetries, diags, tc.want)
		}
	}
}

func TestResolveConfig_insecure(t *testing.T) {
	t.Parallel()
	cases := []struct {
		cfg     types.Bool
		env     string
		want    bool
		wantErr bool
	}{
		{types.BoolNull(), "", false, false},
		{types.BoolNull(), "true", true, false},
		{types.BoolNull(), "1", true, false},
		{types.BoolNull(), "FALSE", false, false},
		{types.BoolNull(), "yes please", false, true},
		{types.BoolValue(false), "true", false, false},
		{types.BoolValue(true), "", true, false},
		{types.BoolUnknown(), "", false, true},
	}
	for _, tc := range cases {
		m := nullModel()
		m.Insecure = tc.cfg
		env := map[string]string{EnvRegion: "r", EnvAccessKey: "a", EnvSecretKey: "s", EnvInsecure: tc.env}
		rc, diags := resolveConfig(context.Background(), m, envMap(env))
		if tc.wantErr {
			if got := errorPaths(diags); !reflect.DeepEqual(got, []string{"insecure"}) {
				t.Errorf("%v/%q: error paths %v, want [insecure]", tc.cfg, tc.env, got)
			}
			continue
		}
		if diags.HasError() || rc.Client.Insecure != tc.want {
			t.Errorf("%v/%q: insecure %v (%v), want %v", tc.cfg, tc.env, rc.Client.Insecure, diags, tc.want)
		}
	}
}

func TestResolveConfig_unknownValues(t *testing.T) {
	t.Parallel()
	m := nullModel()
	m.Region = types.StringUnknown()
	m.SecretKey = types.StringUnknown()
	m.Endpoints = &endpointsModel{VPN: types.StringUnknown(), IAM: types.StringNull()}
	m.DefaultTags = &defaultTagsModel{Tags: types.MapUnknown(types.StringType)}
	_, diags := resolveConfig(context.Background(), m, envMap(fullEnv))
	want := []string{"region", "secret_key", "endpoints.vpn", "default_tags.tags"}
	if got := errorPaths(diags); !reflect.DeepEqual(got, want) {
		t.Fatalf("error paths %v, want %v", got, want)
	}
	for _, d := range diags.Errors() {
		if !strings.HasPrefix(d.Summary(), "Unknown ") || !strings.Contains(d.Detail(), "not known until apply") {
			t.Errorf("unclear diagnostic: %s: %s", d.Summary(), d.Detail())
		}
	}

	// An unknown value inside default_tags.
	m = nullModel()
	m.DefaultTags = &defaultTagsModel{Tags: types.MapValueMust(types.StringType, map[string]attr.Value{"a": types.StringUnknown()})}
	_, diags = resolveConfig(context.Background(), m, envMap(fullEnv))
	if got := errorPaths(diags); !reflect.DeepEqual(got, []string{"default_tags.tags"}) {
		t.Errorf("unknown tag value: error paths %v", got)
	}
}

func TestResolveConfig_badEndpoint(t *testing.T) {
	t.Parallel()
	m := nullModel()
	m.Endpoints = &endpointsModel{VPN: types.StringValue("vpn.example.com"), IAM: types.StringNull()}
	env := map[string]string{EnvRegion: "r", EnvAccessKey: "a", EnvSecretKey: "s", EnvIAMEndpoint: "ftp://iam"}
	_, diags := resolveConfig(context.Background(), m, envMap(env))
	if got := errorPaths(diags); !reflect.DeepEqual(got, []string{"endpoints.vpn", "endpoints.iam"}) {
		t.Fatalf("error paths %v", got)
	}
}

func TestUserAgent(t *testing.T) {
	t.Parallel()
	if got, want := userAgent("1.2.3", "1.11.4"), "terraform-provider-huaweicloudvpn/1.2.3 (+terraform 1.11.4)"; got != want {
		t.Errorf("userAgent = %q, want %q", got, want)
	}
	if got := userAgent("", ""); got != "terraform-provider-huaweicloudvpn/dev (+terraform unknown)" {
		t.Errorf("userAgent with blanks = %q", got)
	}
}

func TestProviderDataFrom(t *testing.T) {
	t.Parallel()
	var diags diag.Diagnostics
	if providerDataFrom(nil, &diags) != nil || diags.HasError() {
		t.Errorf("nil provider data: want nil and no error, got %v", diags)
	}
	want := &ProviderData{DefaultTags: map[string]string{"a": "b"}}
	if got := providerDataFrom(want, &diags); got != want || diags.HasError() {
		t.Errorf("got %v (%v), want %v", got, diags, want)
	}
	if providerDataFrom("a string", &diags) != nil || !diags.HasError() {
		t.Fatal("wrong type: want nil and an error")
	}
	if !strings.Contains(diags.Errors()[0].Detail(), "string") {
		t.Errorf("detail does not name the type: %s", diags.Errors()[0].Detail())
	}
}

func TestProviderSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := New("test")()
	var resp fwprovider.SchemaResponse
	p.Schema(ctx, fwprovider.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if d := resp.Schema.ValidateImplementation(ctx); d.HasError() {
		t.Fatal(d)
	}
	for _, name := range []string{"secret_key", "security_token"} {
		a, d := resp.Schema.AttributeAtPath(ctx, path.Root(name))
		if d.HasError() || !a.IsSensitive() {
			t.Errorf("%s must be sensitive", name)
		}
	}
	for name, a := range resp.Schema.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("attribute %s has no description", name)
		}
	}
	var meta fwprovider.MetadataResponse
	p.Metadata(ctx, fwprovider.MetadataRequest{}, &meta)
	if meta.TypeName != "huaweicloudvpn" || meta.Version != "test" {
		t.Errorf("metadata %+v", meta)
	}
}

// configureConfig is a provider configuration for Configure: every
// attribute null except those in attrs; endpoints and default_tags are
// null blocks unless given.
func configureConfig(t *testing.T, attrs map[string]tftypes.Value) tfsdk.Config {
	t.Helper()
	ctx := context.Background()
	var sresp fwprovider.SchemaResponse
	New("test")().Schema(ctx, fwprovider.SchemaRequest{}, &sresp)
	typ, ok := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatalf("schema type is %T", sresp.Schema.Type().TerraformType(ctx))
	}
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range attrs {
		if _, ok := typ.AttributeTypes[name]; !ok {
			t.Fatalf("no attribute or block %q", name)
		}
		vals[name] = v
	}
	return tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(typ, vals)}
}

// endpointsValue is an endpoints block with every endpoint set to url.
func endpointsValue(url string) tftypes.Value {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"vpn": tftypes.String, "iam": tftypes.String, "eip": tftypes.String}}
	return tftypes.NewValue(typ, map[string]tftypes.Value{
		"vpn": tftypes.NewValue(tftypes.String, url), "iam": tftypes.NewValue(tftypes.String, url),
		"eip": tftypes.NewValue(tftypes.String, url),
	})
}

// str is a known tftypes string.
func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func TestConfigure_clientUserAgentAndProjectHeader(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var agents, projects []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents = append(agents, r.Header.Get("User-Agent"))
		projects = append(projects, r.Header.Get("X-Project-Id"))
		mu.Unlock()
		fmt.Fprint(w, `{"tags":[]}`)
	}))
	defer srv.Close()
	p := &huaweicloudvpnProvider{version: "1.2.3", getenv: envMap(nil)}
	req := fwprovider.ConfigureRequest{
		TerraformVersion: "1.11.4",
		Config: configureConfig(t, map[string]tftypes.Value{
			"region": str("cn-north-4"), "access_key": str("ak"), "secret_key": str("sk"),
			"project_id": str("proj-1"), "endpoints": endpointsValue(srv.URL),
		}),
	}
	var resp fwprovider.ConfigureResponse
	p.Configure(context.Background(), req, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("Configure: %v", resp.Diagnostics)
	}
	data, ok := resp.ResourceData.(*ProviderData)
	if !ok || resp.DataSourceData != resp.ResourceData {
		t.Fatalf("resource data %T, data source data %T", resp.ResourceData, resp.DataSourceData)
	}
	if _, err := data.Client.ListProjectTags(context.Background(), client.ResourceTypeVPNGateway); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := "terraform-provider-huaweicloudvpn/1.2.3 (+terraform 1.11.4)"
	if len(agents) != 1 || agents[0] != want || projects[0] != "proj-1" {
		t.Errorf("User-Agent %q, X-Project-Id %q; want %q and proj-1", agents, projects, want)
	}
}

func TestConfigure_unknownValues(t *testing.T) {
	t.Parallel()
	unknownString := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	endpointsType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"vpn": tftypes.String, "iam": tftypes.String, "eip": tftypes.String}}
	cases := []struct {
		name  string
		attrs map[string]tftypes.Value
		path  string
	}{
		{"region", map[string]tftypes.Value{"region": unknownString}, "region"},
		{"project id", map[string]tftypes.Value{"project_id": unknownString}, "project_id"},
		{"endpoint", map[string]tftypes.Value{"endpoints": tftypes.NewValue(endpointsType, map[string]tftypes.Value{
			"vpn": unknownString, "iam": str("http://127.0.0.1:1"), "eip": str("http://127.0.0.1:1"),
		})}, "endpoints.vpn"},
		{"max retries", map[string]tftypes.Value{"max_retries": tftypes.NewValue(tftypes.Number, tftypes.UnknownValue)}, "max_retries"},
		// A dynamic block whose for_each is unknown makes the whole block unknown.
		{"whole endpoints block", map[string]tftypes.Value{"endpoints": tftypes.NewValue(endpointsType, tftypes.UnknownValue)}, "endpoints"},
		{"whole default_tags block", map[string]tftypes.Value{"default_tags": tftypes.NewValue(tftypes.Object{
			AttributeTypes: map[string]tftypes.Type{"tags": tftypes.Map{ElementType: tftypes.String}},
		}, tftypes.UnknownValue)}, "default_tags"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			attrs := map[string]tftypes.Value{"region": str("r"), "access_key": str("ak"), "secret_key": str("sk"), "project_id": str("p")}
			for k, v := range tc.attrs {
				attrs[k] = v
			}
			p := &huaweicloudvpnProvider{version: "test", getenv: envMap(fullEnv)}

			// Without deferral: one error on the attribute, no client.
			var resp fwprovider.ConfigureResponse
			p.Configure(context.Background(), fwprovider.ConfigureRequest{Config: configureConfig(t, attrs)}, &resp)
			if got := errorPaths(resp.Diagnostics); !reflect.DeepEqual(got, []string{tc.path}) {
				t.Errorf("error paths %v, want [%s]: %v", got, tc.path, resp.Diagnostics)
			}
			for _, d := range resp.Diagnostics.Errors() {
				if !strings.Contains(d.Detail(), "not known until apply") {
					t.Errorf("unclear diagnostic: %s: %s", d.Summary(), d.Detail())
				}
			}
			if resp.ResourceData != nil || resp.DataSourceData != nil || resp.Deferred != nil {
				t.Errorf("configured anyway: %v %v %v", resp.ResourceData, resp.DataSourceData, resp.Deferred)
			}

			// With deferral allowed: deferred, no diagnostics, no client.
			req := fwprovider.ConfigureRequest{Config: configureConfig(t, attrs)}
			req.ClientCapabilities.DeferralAllowed = true
			resp = fwprovider.ConfigureResponse{}
			p.Configure(context.Background(), req, &resp)
			if resp.Diagnostics.HasError() || resp.Deferred == nil ||
				resp.Deferred.Reason != fwprovider.DeferredReasonProviderConfigUnknown || resp.ResourceData != nil {
				t.Errorf("deferral allowed: deferred %v, diagnostics %v, data %v", resp.Deferred, resp.Diagnostics, resp.ResourceData)
			}
		})
	}
}

// TestAccProvider_unknownConfiguration: a provider block that refers to
// another resource's attribute reaches Configure with an unknown value
// during plan; the provider reports which attribute, without crashing.
func TestAccProvider_unknownConfiguration(t *testing.T) {
	env := newTestEnv(t)
	cfg := `resource "terraform_data" "pid" {
  input = "not-known-until-apply"
}
` + env.providerConfigWith(map[string]string{"project_id": "terraform_data.pid.output"}) +
		`data "huaweicloudvpn_test_probe" "p" {}`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      cfg,
			ExpectError: regexp.MustCompile(`(?s)Unknown Project ID Value.*not known until apply.*HW_PROJECT_ID`),
		}},
	})
}

// TestConfigure_logsWithoutSecrets: Configure and the client's HTTP logging
// at TRACE never show the secret key or the security token.
func TestConfigure_logsWithoutSecrets(t *testing.T) {
	t.Parallel()
	const sk, token = "provider-secret-key-31337", "provider-security-token-4242"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"tags":[]}`)
	}))
	defer srv.Close()
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	p := &huaweicloudvpnProvider{version: "test", getenv: envMap(nil)}
	var resp fwprovider.ConfigureResponse
	p.Configure(ctx, fwprovider.ConfigureRequest{Config: configureConfig(t, map[string]tftypes.Value{
		"region": str("r"), "access_key": str("visible-ak"), "secret_key": str(sk), "security_token": str(token),
		"project_id": str("p"), "endpoints": endpointsValue(srv.URL),
	})}, &resp)
	data, ok := resp.ResourceData.(*ProviderData)
	if resp.Diagnostics.HasError() || !ok {
		t.Fatalf("Configure: %v", resp.Diagnostics)
	}
	if _, err := data.Client.ListProjectTags(ctx, client.ResourceTypeVPNGateway); err != nil {
		t.Fatal(err)
	}
	logs := buf.String()
	for _, secret := range []string{sk, token} {
		if strings.Contains(logs, secret) {
			t.Errorf("%q appears in the logs:\n%s", secret, logs)
		}
	}
	for _, visible := range []string{"Configuring Huawei Cloud VPN client", "visible-ak", `"@level":"trace"`, "Sending HTTP request"} {
		if !strings.Contains(logs, visible) {
			t.Errorf("logs lack %q:\n%s", visible, logs)
		}
	}
}
