package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

// tagCall is one request the fake tag service received.
type tagCall struct {
	Path string
	Tags []client.Tag
}

// fakeTagService records tag create/delete calls and answers 204.
type fakeTagService struct {
	mu    sync.Mutex
	calls []tagCall
}

func (f *fakeTagService) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var in struct {
		Tags []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"tags"`
	}
	if r.Method != http.MethodPost || json.Unmarshal(body, &in) != nil {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error_code":"VPN.0001","error_msg":"invalid request"}`))
		return
	}
	call := tagCall{Path: r.URL.Path}
	for _, t := range in.Tags {
		call.Tags = append(call.Tags, client.Tag{Key: t.Key, Value: t.Value})
	}
	f.mu.Lock()
	f.calls = append(f.calls, call)
	f.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func newFakeTagClient(t *testing.T) (*client.Client, *fakeTagService) {
	t.Helper()
	fake := &fakeTagService{}
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	c, err := client.New(context.Background(), client.Config{
		Region:      "emu-region-1",
		AccessKey:   "AK",
		SecretKey:   "SK",
		ProjectID:   "p1",
		VPNEndpoint: srv.URL,
		IAMEndpoint: srv.URL,
		MaxRetries:  0,
	})
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	return c, fake
}

func TestUpdateTags(t *testing.T) {
	t.Parallel()
	const id = "gw-1"
	base := "/v5/p1/" + client.ResourceTypeVPNGateway + "/" + id + "/tags/"
	cases := []struct {
		name     string
		old, new map[string]string
		want     []tagCall
	}{
		{
			name: "no change makes no call",
			old:  map[string]string{"a": "1", "b": "2"},
			new:  map[string]string{"b": "2", "a": "1"},
		},
		{
			name: "both empty makes no call",
		},
		{
			name: "add",
			old:  map[string]string{"a": "1"},
			new:  map[string]string{"a": "1", "c": "3", "b": "2"},
			want: []tagCall{{base + "create", []client.Tag{{Key: "b", Value: "2"}, {Key: "c", Value: "3"}}}},
		},
		{
			name: "change value",
			old:  map[string]string{"a": "1", "b": "2"},
			new:  map[string]string{"a": "9", "b": "2"},
			want: []tagCall{{base + "create", []client.Tag{{Key: "a", Value: "9"}}}},
		},
		{
			name: "remove",
			old:  map[string]string{"a": "1", "b": "2"},
			new:  map[string]string{"b": "2"},
			want: []tagCall{{base + "delete", []client.Tag{{Key: "a", Value: "1"}}}},
		},
		{
			name: "remove and add: delete first",
			old:  map[string]string{"a": "1", "b": "2"},
			new:  map[string]string{"b": "", "c": "3"},
			want: []tagCall{
				{base + "delete", []client.Tag{{Key: "a", Value: "1"}}},
				{base + "create", []client.Tag{{Key: "b", Value: ""}, {Key: "c", Value: "3"}}},
			},
		},
		{
			name: "remove all",
			old:  map[string]string{"a": "1"},
			new:  nil,
			want: []tagCall{{base + "delete", []client.Tag{{Key: "a", Value: "1"}}}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, fake := newFakeTagClient(t)
			if err := updateTags(context.Background(), c, client.ResourceTypeVPNGateway, id, tc.old, tc.new); err != nil {
				t.Fatalf("updateTags: %v", err)
			}
			if len(fake.calls) != len(tc.want) || (len(tc.want) > 0 && !reflect.DeepEqual(fake.calls, tc.want)) {
				t.Fatalf("calls:\n got %+v\nwant %+v", fake.calls, tc.want)
			}
		})
	}
}

func TestUpdateTags_batchesOf20(t *testing.T) {
	t.Parallel()
	c, fake := newFakeTagClient(t)
	newAll := map[string]string{}
	for i := range 25 {
		newAll[string(rune('A'+i))] = "v"
	}
	if err := updateTags(context.Background(), c, client.ResourceTypeVPNConnection, "c-1", nil, newAll); err != nil {
		t.Fatal(err)
	}
	if len(fake.calls) != 2 || len(fake.calls[0].Tags) != 20 || len(fake.calls[1].Tags) != 5 {
		t.Fatalf("want batches of 20 and 5, got %+v", fake.calls)
	}
	if !strings.HasSuffix(fake.calls[0].Path, "/vpn-connection/c-1/tags/create") {
		t.Errorf("path %s", fake.calls[0].Path)
	}
}

func TestUpdateTags_apiError(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Request-Id", "req-1")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error_code":"VPN.0004","error_msg":"resource not found","request_id":"req-1"}`))
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(context.Background(), client.Config{
		Region: "r", AccessKey: "AK", SecretKey: "SK", ProjectID: "p1", VPNEndpoint: srv.URL, IAMEndpoint: srv.URL,
	})
	if err != nil {
		t.Fatal(err)
	}
	err = updateTags(context.Background(), c, client.ResourceTypeCustomerGateway, "cgw-1", nil, map[string]string{"a": "1"})
	if !client.IsNotFound(err) {
		t.Fatalf("want a wrapped not-found APIError, got %v", err)
	}
}

func TestSplitTags(t *testing.T) {
	t.Parallel()
	defaults := map[string]string{"env": "prod", "team": "net"}
	cases := []struct {
		name     string
		all      map[string]string
		prior    types.Map
		priorAll types.Map // null unless set
		wantTags types.Map
	}{
		{
			// default_tags changed from {env = "prod", team = "net", old = "x"}
			// to the defaults above: the keys Terraform applied as default
			// tags (old, and team/env with their old values) are not the
			// resource's own tags.
			name:     "keys of the prior default tags are not resource tags",
			all:      map[string]string{"env": "staging", "old": "x", "app": "vpn", "drift": "1"},
			prior:    stringMapValue(map[string]string{"app": "vpn"}),
			priorAll: stringMapValue(map[string]string{"env": "staging", "old": "x", "app": "vpn"}),
			wantTags: stringMapValue(map[string]string{"app": "vpn", "drift": "1"}),
		},
		{
			name:     "null prior tags with prior default tags stays null",
			all:      map[string]string{"old": "x"},
			prior:    types.MapNull(types.StringType),
			priorAll: stringMapValue(map[string]string{"old": "x"}),
			wantTags: types.MapNull(types.StringType),
		},
		{
			name:     "configured keys kept, default-valued keys dropped",
			all:      map[string]string{"env": "prod", "team": "net", "app": "vpn"},
			prior:    stringMapValue(map[string]string{"app": "vpn"}),
			wantTags: stringMapValue(map[string]string{"app": "vpn"}),
		},
		{
			name:     "configured key equal to a default stays",
			all:      map[string]string{"env": "prod", "team": "net"},
			prior:    stringMapValue(map[string]string{"env": "prod"}),
			wantTags: stringMapValue(map[string]string{"env": "prod"}),
		},
		{
			name:     "default key with another value shows as drift",
			all:      map[string]string{"env": "dev", "team": "net"},
			prior:    types.MapNull(types.StringType),
			wantTags: stringMapValue(map[string]string{"env": "dev"}),
		},
		{
			name:     "import: everything but defaults",
			all:      map[string]string{"env": "prod", "x": "1"},
			prior:    types.MapNull(types.StringType),
			wantTags: stringMapValue(map[string]string{"x": "1"}),
		},
		{
			name:     "null prior stays null",
			all:      map[string]string{"env": "prod", "team": "net"},
			prior:    types.MapNull(types.StringType),
			wantTags: types.MapNull(types.StringType),
		},
		{
			name:     "empty prior stays empty",
			all:      map[string]string{},
			prior:    stringMapValue(nil),
			wantTags: stringMapValue(nil),
		},
	}
	for _, tc := range cases {
		priorAll := tc.priorAll
		if priorAll.ElementType(context.Background()) == nil {
			priorAll = types.MapNull(types.StringType)
		}
		tags, all := splitTags(tc.all, tc.prior, priorAll, defaults)
		if !tags.Equal(tc.wantTags) {
			t.Errorf("%s: tags = %v, want %v", tc.name, tags, tc.wantTags)
		}
		if !all.Equal(stringMapValue(tc.all)) {
			t.Errorf("%s: tags_all = %v, want %v", tc.name, all, tc.all)
		}
	}
}

func TestPlanTagsAll(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	defaults := map[string]string{"env": "prod", "team": "net"}

	got, d := planTagsAll(ctx, defaults, stringMapValue(map[string]string{"team": "vpn", "app": "x"}))
	want := stringMapValue(map[string]string{"env": "prod", "team": "vpn", "app": "x"})
	if d.HasError() || !got.Equal(want) {
		t.Errorf("merge: got %v (%v), want %v", got, d, want)
	}

	got, _ = planTagsAll(ctx, defaults, types.MapNull(types.StringType))
	if !got.Equal(stringMapValue(defaults)) {
		t.Errorf("null tags: got %v, want the defaults", got)
	}

	got, _ = planTagsAll(ctx, nil, types.MapNull(types.StringType))
	if got.IsNull() || got.IsUnknown() || len(got.Elements()) != 0 {
		t.Errorf("no tags at all: got %v, want an empty known map", got)
	}

	if got, _ = planTagsAll(ctx, defaults, types.MapUnknown(types.StringType)); !got.IsUnknown() {
		t.Errorf("unknown tags: got %v, want unknown", got)
	}
	partly := types.MapValueMust(types.StringType, map[string]attr.Value{"a": types.StringUnknown()})
	if got, _ = planTagsAll(ctx, defaults, partly); !got.IsUnknown() {
		t.Errorf("unknown tag value: got %v, want unknown", got)
	}
}

func TestTagConversions(t *testing.T) {
	t.Parallel()
	m := map[string]string{"b": "2", "a": "1"}
	tags := tagsFromMap(m)
	if want := []client.Tag{{Key: "a", Value: "1"}, {Key: "b", Value: "2"}}; !reflect.DeepEqual(tags, want) {
		t.Errorf("tagsFromMap = %v, want %v", tags, want)
	}
	if tagsFromMap(nil) != nil {
		t.Error("tagsFromMap(nil) should be nil so that omitempty drops it")
	}
	if back := tagsToMap(tags); !reflect.DeepEqual(back, m) {
		t.Errorf("tagsToMap = %v, want %v", back, m)
	}
	got, d := mapFromTypes(context.Background(), stringMapValue(m))
	if d.HasError() || !reflect.DeepEqual(got, m) {
		t.Errorf("mapFromTypes = %v (%v), want %v", got, d, m)
	}
	if got, _ := mapFromTypes(context.Background(), types.MapNull(types.StringType)); got != nil {
		t.Errorf("mapFromTypes(null) = %v, want nil", got)
	}
	if _, d := mapFromTypes(context.Background(), types.MapUnknown(types.StringType)); !d.HasError() {
		t.Error("mapFromTypes(unknown) should fail")
	}
}

func TestTagsValidators(t *testing.T) {
	t.Parallel()
	run := func(elems map[string]attr.Value) bool {
		req := validator.MapRequest{Path: path.Root("tags"), ConfigValue: types.MapValueMust(types.StringType, elems)}
		var resp validator.MapResponse
		for _, v := range tagsValidators() {
			v.ValidateMap(context.Background(), req, &resp)
		}
		return !resp.Diagnostics.HasError()
	}
	s := types.StringValue
	valid := []map[string]attr.Value{
		{},
		{"env": s("prod"), "Cost Center": s("a_b.c:d=e+f-g@h"), "项目": s("网关"), "ação": s("")},
		{strings.Repeat("k", 128): s(strings.Repeat("v", 255))},
	}
	invalid := []map[string]attr.Value{
		{"": s("x")},
		{strings.Repeat("k", 129): s("x")},
		{"k": s(strings.Repeat("v", 256))},
		{"bad/key": s("x")},
		{"k": s("bad*value")},
		{"k": types.StringNull()},
	}
	many := map[string]attr.Value{}
	for i := range 21 {
		many[strings.Repeat("k", i+1)] = s("v")
	}
	invalid = append(invalid, many)
	for _, m := range valid {
		if !run(m) {
			t.Errorf("%v rejected, want accepted", m)
		}
	}
	for _, m := range invalid {
		if run(m) {
			t.Errorf("%v accepted, want rejected", m)
		}
	}
}

// expectTagsUnchanged is a plan check that passes when the planned `tags` of
// addr equal its refreshed prior `tags`: a change of the provider's
// default_tags must show in `tags_all` only.
type expectTagsUnchanged struct{ addr string }

// CheckPlan implements plancheck.PlanCheck.
func (c expectTagsUnchanged) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		if !reflect.DeepEqual(before["tags"], after["tags"]) {
			resp.Error = fmt.Errorf("%s: tags planned to change from %v to %v", c.addr, before["tags"], after["tags"])
		}
		return
	}
	resp.Error = fmt.Errorf("%s: not in the plan", c.addr)
}

// TestAccCustomerGateway_defaultTagsChange changes the provider's
// default_tags (a value changed, a key added, a key removed) under a resource
// with and one without tags of its own: the plan changes tags_all only, never
// shows the old default keys as resource tags to remove, and the plan after
// the apply is empty.
func TestAccCustomerGateway_defaultTagsChange(t *testing.T) {
	env := newTestEnv(t)
	own := `tags = { app = "vpn" }`
	cfg := func(defaults string, extra ...string) string {
		return cgwConfig(env, []string{`default_tags {`, `  tags = ` + defaults, `}`},
			append([]string{`name = "cgw-dt"`, `id_value = "203.0.113.61"`}, extra...)...)
	}
	steps := []resource.TestStep{}
	for _, extra := range [][]string{{own}, nil} {
		want := map[string]string{"env": "prod", "cost": "cc1"}
		if extra != nil {
			want["app"] = "vpn"
		}
		steps = append(steps,
			resource.TestStep{
				Config: cfg(`{ env = "test", team = "net" }`, extra...),
			},
			resource.TestStep{
				Config: cfg(`{ env = "prod", cost = "cc1" }`, extra...),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(cgwAddr, plancheck.ResourceActionUpdate),
						expectTagsUnchanged{cgwAddr},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkServiceTags(env, cgwAddr, client.ResourceTypeCustomerGateway, want),
			},
			resource.TestStep{
				Config: cfg(`{ env = "prod", cost = "cc2" }`, extra...),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectTagsUnchanged{cgwAddr}},
				},
			},
		)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps:                    steps,
	})
}

// TestAccCustomerGateway_mergedTagsOver20 plans 12 own tags with 10 default
// tags (one key shared): 21 distinct keys fail at plan, naming both sources,
// before any request; 11 + 10 with two shared keys (19) plan.
func TestAccCustomerGateway_mergedTagsOver20(t *testing.T) {
	env := newTestEnv(t)
	tagMap := func(prefix string, from, n int) string {
		var kv []string
		for i := from; i < from+n; i++ {
			kv = append(kv, fmt.Sprintf("%s%02d = \"v\"", prefix, i))
		}
		return "{ " + strings.Join(kv, ", ") + " }"
	}
	cfg := func(own string) string {
		return cgwConfig(env, []string{`default_tags {`, `  tags = ` + tagMap("k", 0, 10), `}`},
			`name = "cgw-mt"`, `id_value = "203.0.113.62"`, `tags = `+own)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{
			{
				PreConfig:   env.Emu.ResetCounts,
				Config:      cfg(tagMap("k", 9, 12)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Too Many Tags.*carry 21 tags: 12 from tags merged with 10 from the\s+provider.s default_tags.*at most\s+20`),
			},
			{
				Config: cfg(tagMap("k", 8, 11)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("tags_all"), knownvalue.MapSizeExact(19)),
				},
			},
		},
	})
}
