package provider

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

// TestMain gives Terraform an empty CLI configuration (the machine's
// TF_CLI_CONFIG_FILE points at a file that does not exist) and disables
// the upgrade check, then runs the tests.
func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "tfprovider-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "creating temp dir:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	cfg := filepath.Join(dir, "empty.tfrc")
	if err := os.WriteFile(cfg, nil, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "writing empty CLI config:", err)
		return 1
	}
	for k, v := range map[string]string{"TF_CLI_CONFIG_FILE": cfg, "CHECKPOINT_DISABLE": "1"} {
		if err := os.Setenv(k, v); err != nil {
			fmt.Fprintln(os.Stderr, "setting", k, err)
			return 1
		}
	}
	return m.Run()
}

// Fast schedules for tests: waiters poll every few milliseconds and retries
// back off briefly, so the emulator's short delays are exercised quickly.
var (
	testPollSchedule = client.PollSchedule{Initial: 5 * time.Millisecond, Max: 25 * time.Millisecond, Factor: 1.5}
	testBackoff      = client.Backoff{Min: time.Millisecond, Max: 10 * time.Millisecond, MaxRetryAfter: 10 * time.Millisecond}
)

// testEmulatorDelay is the emulator's default transition delay in tests.
const testEmulatorDelay = 50 * time.Millisecond

// newTestProvider is the provider under test: hermetic environment (the
// HW_* variables of the machine are ignored), fast poll and retry
// schedules, and the test-only probe data source.
func newTestProvider() provider.Provider {
	return &huaweicloudvpnProvider{
		version: "test",
		getenv:  func(string) string { return "" },
		clientOverride: func(cfg *client.Config) {
			poll, backoff := testPollSchedule, testBackoff
			cfg.Poll = &poll
			cfg.Backoff = &backoff
		},
		extraDataSources: []func() datasource.DataSource{newTestProbeDataSource},
	}
}

// testAccProtoV6ProviderFactories serves the provider under test in process.
// Every test points it at its own emulator through ProviderConfig.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"huaweicloudvpn": providerserver.NewProtocol6WithError(newTestProvider()),
}

// testEnv is one test's in-process emulator, its HTTP server and a client
// for checks that talk to the API directly.
type testEnv struct {
	Emu    *emulator.Emulator
	Server *httptest.Server
	Client *client.Client
}

// newTestEnv starts an emulator with short transition delays (so waiters
// are exercised); opts adjust its options. Everything stops at t's cleanup.
func newTestEnv(t *testing.T, opts ...func(*emulator.Options)) *testEnv {
	t.Helper()
	o := emulator.Options{Delay: testEmulatorDelay}
	for _, f := range opts {
		f(&o)
	}
	emu, err := emulator.New(o)
	if err != nil {
		t.Fatalf("starting emulator: %v", err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	eo := emu.Options()
	poll, backoff := testPollSchedule, testBackoff
	c, err := client.New(t.Context(), client.Config{
		Region: eo.Region, AccessKey: eo.AccessKey, SecretKey: eo.SecretKey, ProjectID: eo.ProjectID,
		VPNEndpoint: srv.URL, IAMEndpoint: srv.URL, EIPEndpoint: srv.URL, MaxRetries: 5, Poll: &poll, Backoff: &backoff,
		UserAgent: "terraform-provider-huaweicloudvpn/test (+terraform test)",
	})
	if err != nil {
		t.Fatalf("client for the emulator: %v", err)
	}
	return &testEnv{Emu: emu, Server: srv, Client: c}
}

// ProviderConfig is a provider block for this environment's emulator; extra
// lines (such as a default_tags block) go inside the block.
func (e *testEnv) ProviderConfig(extra ...string) string {
	return e.providerConfigWith(nil, extra...)
}

// providerConfigWith is ProviderConfig with some attributes replaced: a
// value in attrs replaces the attribute's literal value; "" leaves it out.
func (e *testEnv) providerConfigWith(attrs map[string]string, extra ...string) string {
	o := e.Emu.Options()
	values := map[string]string{
		"region":      fmt.Sprintf("%q", o.Region),
		"access_key":  fmt.Sprintf("%q", o.AccessKey),
		"secret_key":  fmt.Sprintf("%q", o.SecretKey),
		"project_id":  fmt.Sprintf("%q", o.ProjectID),
		"max_retries": "5",
	}
	for k, v := range attrs {
		values[k] = v
	}
	names := make([]string, 0, len(values))
	for k := range values {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("provider \"huaweicloudvpn\" {\n")
	for _, k := range names {
		if values[k] != "" {
			fmt.Fprintf(&b, "  %s = %s\n", k, values[k])
		}
	}
	fmt.Fprintf(&b, "  endpoints {\n    vpn = %q\n    iam = %q\n    eip = %q\n  }\n", e.Server.URL, e.Server.URL, e.Server.URL)
	for _, line := range extra {
		b.WriteString("  " + line + "\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// CheckDestroy asks the emulator that nothing of kind (an emulator.Kind*
// constant) is left.
func (e *testEnv) CheckDestroy(kind string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		all := e.Emu.Resources()
		ids, known := all[kind]
		if !known {
			return fmt.Errorf("CheckDestroy: the emulator has no resource kind %q", kind)
		}
		if len(ids) > 0 {
			return fmt.Errorf("%d %s still exist after destroy: %s", len(ids), kind, strings.Join(ids, ", "))
		}
		return nil
	}
}

// hookServer serves env's emulator through a proxy that calls hook with each
// request (its body readable again) and the emulator's recorded answer before
// the answer goes back to the provider. hook may replace the answer: it
// returns true after writing its own to w. The returned env shares env's
// emulator and client; configurations built from it go through the proxy.
func hookServer(t *testing.T, env *testEnv, hook func(w http.ResponseWriter, r *http.Request, rec *httptest.ResponseRecorder) bool) *testEnv {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := httptest.NewRecorder()
		env.Emu.ServeHTTP(rec, r)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if hook(w, r, rec) {
			return
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(srv.Close)
	return &testEnv{Emu: env.Emu, Server: srv, Client: env.Client}
}

// stateWithID is a state of r's schema whose attributes are all null but id.
func stateWithID(t *testing.T, r fwresource.Resource, id string) tfsdk.State {
	t.Helper()
	ctx := t.Context()
	var sr fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &sr)
	typ, ok := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("schema type is not an object")
	}
	vals := map[string]tftypes.Value{}
	for k, at := range typ.AttributeTypes {
		vals[k] = tftypes.NewValue(at, nil)
	}
	vals["id"] = tftypes.NewValue(tftypes.String, id)
	return tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(typ, vals)}
}

// ---- the probe data source (test binary only) ----

// testProbeDataSource reports what Configure handed over and makes one
// signed API call, so provider tests run end to end without any resource.
type testProbeDataSource struct {
	data *ProviderData
}

type testProbeModel struct {
	Region              types.String `tfsdk:"region"`
	ProjectID           types.String `tfsdk:"project_id"`
	EnterpriseProjectID types.String `tfsdk:"enterprise_project_id"`
	DefaultTags         types.Map    `tfsdk:"default_tags"`
	ProjectTagKeys      types.Int64  `tfsdk:"project_tag_keys"`
}

func newTestProbeDataSource() datasource.DataSource { return &testProbeDataSource{} }

func (d *testProbeDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_test_probe"
}

func (d *testProbeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Test-only probe of the provider configuration.",
		Attributes: map[string]schema.Attribute{
			"region":                schema.StringAttribute{Computed: true, MarkdownDescription: "Region of the client."},
			"project_id":            schema.StringAttribute{Computed: true, MarkdownDescription: "Project id of the client."},
			"enterprise_project_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Provider enterprise_project_id."},
			"default_tags":          schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Provider default tags."},
			"project_tag_keys":      schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of tag keys on VPN gateways."},
		},
	}
}

func (d *testProbeDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *testProbeDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if d.data == nil {
		resp.Diagnostics.AddError("Provider Not Configured", "the probe ran without provider data")
		return
	}
	tags, err := d.data.Client.ListProjectTags(ctx, client.ResourceTypeVPNGateway)
	if err != nil {
		addAPIError(&resp.Diagnostics, "unable to list project tags", "list project tags of vpn-gateway", "", err)
		return
	}
	m := testProbeModel{
		Region:              types.StringValue(d.data.Client.Region()),
		ProjectID:           types.StringValue(d.data.Client.ProjectID()),
		EnterpriseProjectID: types.StringValue(d.data.EnterpriseProjectID),
		DefaultTags:         stringMapValue(d.data.DefaultTags),
		ProjectTagKeys:      types.Int64Value(int64(len(tags))),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// ---- acceptance tests of the provider itself ----

func TestAccProvider_configure(t *testing.T) {
	env := newTestEnv(t)
	cfg := env.providerConfigWith(map[string]string{"project_id": ""}, // discovered through IAM
		`enterprise_project_id = "0"`,
		`default_tags {`, `  tags = { env = "test", team = "net" }`, `}`,
	) + `data "huaweicloudvpn_test_probe" "p" {}`
	o := env.Emu.Options()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.huaweicloudvpn_test_probe.p", tfjsonpath.New("region"), knownvalue.StringExact(o.Region)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_test_probe.p", tfjsonpath.New("project_id"), knownvalue.StringExact(o.ProjectID)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_test_probe.p", tfjsonpath.New("enterprise_project_id"), knownvalue.StringExact("0")),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_test_probe.p", tfjsonpath.New("default_tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"env": knownvalue.StringExact("test"), "team": knownvalue.StringExact("net"),
				})),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_test_probe.p", tfjsonpath.New("project_tag_keys"), knownvalue.Int64Exact(0)),
			},
			Check: func(*terraform.State) error {
				counts := env.Emu.RequestCounts()
				if counts["GET /v3/projects"] == 0 {
					return fmt.Errorf("the project id was not discovered through IAM; requests: %v", counts)
				}
				return nil
			},
		}},
	})
}

func TestAccProvider_badSecretKey(t *testing.T) {
	env := newTestEnv(t)
	cfg := env.providerConfigWith(map[string]string{"secret_key": `"not-the-secret-key"`}) +
		`data "huaweicloudvpn_test_probe" "p" {}`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      cfg,
			ExpectError: regexp.MustCompile(`(?s)Unable To List Project Tags.*HTTP status: 401`),
		}},
	})
}

func TestAccProvider_badSecretKeyDuringDiscovery(t *testing.T) {
	env := newTestEnv(t)
	cfg := env.providerConfigWith(map[string]string{"secret_key": `"not-the-secret-key"`, "project_id": ""}) +
		`data "huaweicloudvpn_test_probe" "p" {}`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      cfg,
			ExpectError: regexp.MustCompile(`Unable To Configure The Huawei Cloud VPN Client`),
		}},
	})
}

func TestAccProvider_missingCredentials(t *testing.T) {
	env := newTestEnv(t)
	cfg := env.providerConfigWith(map[string]string{"region": "", "secret_key": ""}) +
		`data "huaweicloudvpn_test_probe" "p" {}`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      cfg,
			ExpectError: regexp.MustCompile(`(?s)(Missing Region.*HW_REGION_NAME.*Missing Secret Key.*HW_SECRET_KEY|Missing Secret Key.*HW_SECRET_KEY.*Missing Region.*HW_REGION_NAME)`),
		}},
	})
}

func TestTestEnv_CheckDestroy(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, func(o *emulator.Options) { o.Region = "harness-region-9" })
	if !strings.Contains(env.ProviderConfig(), `region = "harness-region-9"`) {
		t.Fatalf("emulator options not applied:\n%s", env.ProviderConfig())
	}
	if err := env.CheckDestroy(emulator.KindCustomerGateway)(nil); err != nil {
		t.Fatalf("empty emulator: %v", err)
	}
	if err := env.CheckDestroy("no_such_kind")(nil); err == nil {
		t.Fatal("unknown kind: want an error")
	}
	if !strings.Contains(env.ProviderConfig(`default_tags {`, `}`), "default_tags {") {
		t.Fatal("extra lines missing from the provider block")
	}
	cgw, err := env.Client.CreateCustomerGateway(t.Context(), &client.CreateCustomerGatewayRequest{
		Name: "left-behind", IDType: "ip", IDValue: "203.0.113.7",
	})
	if err != nil {
		t.Fatalf("creating a customer gateway: %v", err)
	}
	err = env.CheckDestroy(emulator.KindCustomerGateway)(nil)
	if err == nil || !strings.Contains(err.Error(), cgw.ID) {
		t.Fatalf("a customer gateway is left: want an error naming %s, got %v", cgw.ID, err)
	}
}
